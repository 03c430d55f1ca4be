/**
 * A neutral form as Adaptive Card inputs, shown in place in the conversation: one labelled input per field, the
 * core's refusal under each wrong field, and one Submit whose data names the form, its context and the submission key
 * that stays the same for every attempt at this card (so a double submit saves once).
 */
import type { FormDefinition, FormField } from "../../../src/core/forms.js";
import { FIELD_PREFIX, type FormData } from "./submit-data.js";
import { type CardElement, line, run, truncate } from "./text.js";

/** Every Annex A control, when the core offers them: risk forms then pick controls from a list. */
export interface FormChoices {
  controls?: { id: string; title: string }[];
}

const MAX_LABEL = 200;
/** People are typed: a picker's Entra id would name someone the core may not know yet. */
const PERSON_HINT = "a name or email the bot knows, or teams:<id>";
const MAX_CHOICE = 100;
/** A value shown again in a text input is cut to the field's limit; a forged submission may have sent far more. */
const MAX_INPUT = 5000;

const initialList = (field: FormField) =>
  field.initial === undefined ? [] : Array.isArray(field.initial) ? field.initial : [field.initial];

const initialText = (field: FormField) => initialList(field).join(", ");

function choicesOf(field: FormField, choices: FormChoices) {
  if (field.options)
    return field.options.map((option) => ({
      title: truncate(option.label, MAX_CHOICE),
      value: option.value,
    }));
  if (field.optionsSource === "controls" && choices.controls)
    return choices.controls.map((control) => ({
      title: truncate(`${control.id} ${control.title}`, MAX_CHOICE),
      value: control.id,
    }));
  return undefined;
}

/** The input for one field; `multi` collects the fields whose value comes back comma-joined. */
function input(field: FormField, choices: FormChoices, multi: string[]): CardElement {
  const label = truncate(field.label, MAX_LABEL);
  const base = {
    id: `${FIELD_PREFIX}${field.name}`,
    label,
    isRequired: field.required,
    ...(field.required ? { errorMessage: `${label} is required.` } : {}),
  };
  const options = choicesOf(field, choices);
  if (options && (field.kind === "select" || field.kind === "multiselect")) {
    const isMultiSelect = field.kind === "multiselect";
    if (isMultiSelect) multi.push(field.name);
    const chosen = initialList(field).filter((value) => options.some((option) => option.value === value));
    return {
      type: "Input.ChoiceSet",
      ...base,
      style: "compact",
      isMultiSelect,
      choices: options,
      placeholder: isMultiSelect ? "Choose any" : "Choose one",
      ...(chosen.length > 0 ? { value: (isMultiSelect ? chosen : chosen.slice(0, 1)).join(",") } : {}),
    };
  }
  const initial = initialText(field);
  switch (field.kind) {
    case "number": {
      const value = Number(initial);
      return {
        type: "Input.Number",
        ...base,
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(initial !== "" && Number.isFinite(value) ? { value } : {}),
      };
    }
    case "date":
      return {
        type: "Input.Date",
        ...base,
        ...(/^\d{4}-\d{2}-\d{2}$/.test(initial) ? { value: initial } : {}),
      };
    default:
      // Text, links, people (a name, an email or teams:<id>) and controls typed as ids when no list is at hand.
      return {
        type: "Input.Text",
        ...base,
        ...(field.kind === "textarea" ? { isMultiline: true } : {}),
        ...(field.kind === "url" ? { style: "Url" } : {}),
        ...(field.maxLength !== undefined ? { maxLength: field.maxLength } : {}),
        ...(initial !== "" ? { value: initial.slice(0, field.maxLength ?? MAX_INPUT) } : {}),
      };
  }
}

/**
 * The hint under a field (none when controls are picked from the list: their hint is about typing ids), and the
 * core's refusal of the last attempt, in the attention colour.
 */
function notes(field: FormField, error: string | undefined, picked: boolean): CardElement[] {
  const hint =
    picked && field.optionsSource
      ? undefined
      : (field.hint ?? (field.kind === "person" ? PERSON_HINT : undefined));
  return [
    ...(hint ? [line([run(hint, { size: "Small", isSubtle: true })], "None")] : []),
    ...(error ? [line([run(error, { color: "Attention", weight: "Bolder" })], "None")] : []),
  ];
}

/** The form's inputs (after its title) and its Submit action. */
export function formParts(
  form: FormDefinition,
  key: string,
  errors: Record<string, string> = {},
  choices: FormChoices = {},
): { body: CardElement[]; submit: CardElement } {
  const multi: string[] = [];
  const body: CardElement[] = [line([run(form.title, { size: "Medium", weight: "Bolder" })])];
  for (const field of form.fields) {
    const element = input(field, choices, multi);
    body.push(element, ...notes(field, errors[field.name], element.type === "Input.ChoiceSet"));
  }
  const data: FormData = {
    isms: "form",
    formId: form.id,
    key,
    ...(form.context ? { context: form.context } : {}),
    ...(multi.length > 0 ? { multi } : {}),
  };
  return {
    body,
    submit: { type: "Action.Submit", title: truncate(form.submitLabel, 60), style: "positive", data },
  };
}
