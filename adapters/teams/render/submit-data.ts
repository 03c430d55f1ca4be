/**
 * What the bot's Action.Submit buttons carry, and reading it back. Teams returns a pressed button as a message whose
 * `value` is the button's data merged with the card's inputs (each under its input id, as a string; a multi-select
 * as one comma-joined string). A value that is not the bot's own is ignored.
 */
import type { FormSubmission } from "../../../src/core/message.js";

/** Input ids are the field names under this prefix, so no field can collide with the button's own data. */
export const FIELD_PREFIX = "field:";

/** A button that says something on the person's behalf. */
export interface AskData {
  isms: "ask";
  ask: string;
}

/** A form's submit button: the form, its context, one key for every attempt, and which fields hold several values. */
export interface FormData {
  isms: "form";
  formId: string;
  key: string;
  context?: Record<string, string>;
  multi?: string[];
}

export type Pressed = { kind: "ask"; text: string } | { kind: "form"; submission: FormSubmission };

const MAX_ASK = 2000;
const MAX_KEY = 100;

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.every(([, each]) => typeof each === "string")
    ? Object.fromEntries(entries as [string, string][])
    : undefined;
}

function fieldValues(value: Record<string, unknown>, multi: string[]): FormSubmission["values"] {
  const values: FormSubmission["values"] = {};
  for (const [id, raw] of Object.entries(value)) {
    if (!id.startsWith(FIELD_PREFIX)) continue;
    const name = id.slice(FIELD_PREFIX.length);
    const text = typeof raw === "string" ? raw : typeof raw === "number" ? String(raw) : "";
    if (multi.includes(name)) {
      const list = text
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "");
      values[name] = list.length > 0 ? list : undefined;
    } else values[name] = text.trim() === "" ? undefined : text;
  }
  return values;
}

/** What a pressed button means, or undefined when the value is not one of the bot's buttons. */
export function readPressed(value: unknown): Pressed | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const data = value as Record<string, unknown>;
  if (data.isms === "ask" && typeof data.ask === "string" && data.ask.trim() !== "")
    return { kind: "ask", text: data.ask.slice(0, MAX_ASK) };
  if (data.isms !== "form" || typeof data.formId !== "string" || typeof data.key !== "string")
    return undefined;
  if (data.key === "" || data.key.length > MAX_KEY) return undefined;
  const context = stringRecord(data.context);
  const multi = Array.isArray(data.multi) ? data.multi.filter((name) => typeof name === "string") : [];
  return {
    kind: "form",
    submission: {
      formId: data.formId,
      key: data.key,
      values: fieldValues(data, multi),
      ...(context && Object.keys(context).length > 0 ? { context } : {}),
    },
  };
}
