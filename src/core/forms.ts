/**
 * Forms as data: a form (log a risk, submit evidence, …) is defined once here, in neutral terms. Each adapter
 * renders it (a Slack modal, a Teams Adaptive Card, questions one by one in the console) and hands the submitted
 * values back as strings; `validateForm` checks them and names each field that is wrong.
 */

export interface FormOption {
  value: string;
  label: string;
}

/** "person": someone in the workspace (a user picker on the platforms, a name or platform:id in the console). */
export type FormFieldKind =
  | "text"
  | "textarea"
  | "number"
  | "date"
  | "url"
  | "select"
  | "multiselect"
  | "person";

export interface FormField {
  name: string;
  label: string;
  kind: FormFieldKind;
  required: boolean;
  hint?: string;
  maxLength?: number;
  min?: number;
  max?: number;
  /** Fixed choices; for large sets (the 93 controls) adapters load options on demand from `optionsSource`. */
  options?: FormOption[];
  optionsSource?: "controls" | "clauses";
  initial?: string | string[];
}

export interface FormDefinition {
  id: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
  /** Handed back unchanged with the submission: which record the form is about ({ risk: "R-003" }). */
  context?: Record<string, string>;
}

/** What an adapter hands back: one string per field, or several for a multi-select. */
export type SubmittedValues = Record<string, string | string[] | undefined>;

export type FormResult =
  | { ok: true; values: Record<string, string | string[] | number | undefined> }
  | { ok: false; errors: Record<string, string> };

/** "2026-02-30" parses (it rolls over to March), so the date must read back unchanged. */
function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** What was typed, as a refusal quotes it: a pasted page would make the refusal a page too. */
function quoted(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => item.trim()).filter((item) => item !== "");
}

function checkField(
  field: FormField,
  raw: string | string[] | undefined,
  isKnownOption: (value: string) => boolean,
) {
  const list = asList(raw);
  if (list.length === 0)
    return field.required ? { error: `${field.label} is required.` } : { value: undefined };
  if (field.kind === "multiselect") {
    const unknown = list.filter((item) => !isKnownOption(item));
    return unknown.length > 0
      ? { error: `${quoted(unknown.join(", "))} is not a valid choice.` }
      : { value: list };
  }
  const text = list.join(" ");
  if (field.maxLength !== undefined && text.length > field.maxLength) {
    return { error: `${field.label} must be at most ${field.maxLength} characters (it has ${text.length}).` };
  }
  switch (field.kind) {
    case "number": {
      const number = Number(text);
      if (!Number.isFinite(number)) return { error: `${field.label} must be a number.` };
      if (
        (field.min !== undefined && number < field.min) ||
        (field.max !== undefined && number > field.max)
      ) {
        return { error: `${field.label} must be between ${field.min ?? "-∞"} and ${field.max ?? "∞"}.` };
      }
      return { value: number };
    }
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && isCalendarDate(text)
        ? { value: text }
        : { error: `${field.label} must be a date like 2026-12-31.` };
    case "url":
      return /^https?:\/\/\S+$/i.test(text)
        ? { value: text }
        : { error: `${field.label} must be a web link starting with https:// or http://.` };
    case "select":
      return isKnownOption(text) ? { value: text } : { error: `${quoted(text)} is not a valid choice.` };
    case "person":
      return isKnownOption(text)
        ? { value: text }
        : { error: `${quoted(text)} is not someone I know; write a name or platform:id, e.g. console:bob.` };
    default:
      return { value: text };
  }
}

/**
 * Checks submitted values against the form. `isOption` answers for fields whose options are loaded on demand
 * (for example whether "A.8.13" is a control).
 */
export function validateForm(
  form: FormDefinition,
  submitted: SubmittedValues,
  isOption: (field: FormField, value: string) => boolean = () => false,
): FormResult {
  const values: Record<string, string | string[] | number | undefined> = {};
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    const known = (value: string) =>
      field.options ? field.options.some((option) => option.value === value) : isOption(field, value);
    const checked = checkField(field, submitted[field.name], known);
    if ("error" in checked && checked.error) errors[field.name] = checked.error;
    else values[field.name] = (checked as { value: string | string[] | number | undefined }).value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
