/**
 * Reads a submitted Slack modal back into the core's neutral values (one string, or several for a multi-select, per
 * field), and shapes the core's refusals as the answer Slack shows beside each field.
 */
import type { FormDefinition, SubmittedValues } from "../../../src/core/forms.js";
import { truncate } from "./mrkdwn.js";

/** The part of one element's state that is read here; Bolt's `ViewStateValue` fits it. */
export interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_date?: string | null;
  selected_user?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  files?: { id: string; name: string; permalink: string; url_private?: string }[];
}

/** `view.state.values`: block id → action id → state. */
export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

function read(state: ViewStateValue | undefined): string | string[] | undefined {
  if (!state) return undefined;
  switch (state.type) {
    case "datepicker":
      return state.selected_date ?? undefined;
    case "static_select":
    case "external_select":
      return state.selected_option?.value;
    case "multi_static_select":
    case "multi_external_select":
      return (state.selected_options ?? []).map((option) => option.value);
    case "users_select":
      return state.selected_user ? `slack:${state.selected_user}` : undefined;
    default:
      return state.value ?? undefined;
  }
}

/** The value of each field of `form`, read from the input block named after it; a field left empty is undefined. */
export function viewStateToValues(form: FormDefinition, values: ViewStateValues): SubmittedValues {
  const submitted: SubmittedValues = {};
  for (const field of form.fields) submitted[field.name] = read(values[field.name]?.value);
  return submitted;
}

/** The file attached in the modal's upload block, if any. */
export function uploadedFile(values: ViewStateValues): { name: string; permalink: string } | undefined {
  const file = values.upload?.file?.files?.[0];
  return file ? { name: file.name, permalink: file.permalink } : undefined;
}

/** The `ack()` answer that keeps the modal open and shows each message under the field (block) it names. */
export function errorsResponse(errors: Record<string, string>): {
  response_action: "errors";
  errors: Record<string, string>;
} {
  const shown: Record<string, string> = {};
  for (const [block, message] of Object.entries(errors)) shown[block] = truncate(message, 2000);
  return { response_action: "errors", errors: shown };
}
