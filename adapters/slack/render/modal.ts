/**
 * Renders a neutral form as a Slack modal: one input block per field, named after the field so the submission can
 * be read back (see view-state.ts). Modal text is plain_text, which Slack never parses for mentions or links.
 */
import type { InputBlock, InputBlockElement, ModalView, PlainTextOption } from "@slack/types";
import type { FormDefinition, FormField, FormOption } from "../../../src/core/forms.js";
import { truncate } from "./mrkdwn.js";

const MAX_METADATA = 3000;
const MAX_OPTIONS = 100;

const plain = (text: string, max: number) => ({ type: "plain_text" as const, text: truncate(text, max) });

function option(value: FormOption): PlainTextOption {
  return { text: plain(value.label, 75), value: value.value };
}

const initialList = (field: FormField) =>
  field.initial === undefined ? [] : Array.isArray(field.initial) ? field.initial : [field.initial];

const initialText = (field: FormField) =>
  typeof field.initial === "string" && field.initial ? field.initial : undefined;

/** Initial options must be among the options shown; an initial value that is not is left out. */
function staticChoices(field: FormField) {
  const options = (field.options ?? []).slice(0, MAX_OPTIONS).map(option);
  const chosen = options.filter((o) => initialList(field).includes(o.value ?? ""));
  return { options, chosen };
}

/** Options loaded on demand: the ids are all Slack needs to show the current choice. */
const externalChoices = (field: FormField) =>
  initialList(field).map((id) => ({ text: plain(id, 75), value: id }));

function textInput(field: FormField, multiline: boolean): InputBlockElement {
  const max = field.maxLength === undefined ? undefined : Math.min(field.maxLength, 3000);
  const initial = initialText(field);
  return {
    type: "plain_text_input",
    action_id: "value",
    ...(multiline ? { multiline: true } : {}),
    ...(max !== undefined ? { max_length: max } : {}),
    ...(initial ? { initial_value: initial.slice(0, max ?? 3000) } : {}),
  };
}

function element(field: FormField): InputBlockElement {
  const initial = initialText(field);
  switch (field.kind) {
    case "text":
      return textInput(field, false);
    case "textarea":
      return textInput(field, true);
    case "number":
      return {
        type: "number_input",
        action_id: "value",
        is_decimal_allowed: true,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(initial ? { initial_value: initial } : {}),
      };
    case "date":
      return {
        type: "datepicker",
        action_id: "value",
        ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { initial_date: initial } : {}),
      };
    case "url":
      return { type: "url_text_input", action_id: "value", ...(initial ? { initial_value: initial } : {}) };
    case "select": {
      if (field.optionsSource) {
        const [chosen] = externalChoices(field);
        return {
          type: "external_select",
          action_id: "value",
          min_query_length: 1,
          ...(chosen ? { initial_option: chosen } : {}),
        };
      }
      const { options, chosen } = staticChoices(field);
      return {
        type: "static_select",
        action_id: "value",
        options,
        ...(chosen[0] ? { initial_option: chosen[0] } : {}),
      };
    }
    case "multiselect": {
      if (field.optionsSource) {
        const chosen = externalChoices(field);
        return {
          type: "multi_external_select",
          action_id: "value",
          min_query_length: 1,
          ...(chosen.length ? { initial_options: chosen } : {}),
        };
      }
      const { options, chosen } = staticChoices(field);
      return {
        type: "multi_static_select",
        action_id: "value",
        options,
        ...(chosen.length ? { initial_options: chosen } : {}),
      };
    }
    case "person": {
      // People are keyed "platform:id"; only a Slack user can be preselected in a Slack user picker.
      const user = initial?.startsWith("slack:") ? initial.slice("slack:".length) : undefined;
      return { type: "users_select", action_id: "value", ...(user ? { initial_user: user } : {}) };
    }
  }
}

function input(field: FormField): InputBlock {
  return {
    type: "input",
    block_id: field.name,
    label: plain(field.label, 2000),
    optional: !field.required,
    element: element(field),
    ...(field.hint ? { hint: plain(field.hint, 2000) } : {}),
  };
}

const upload: InputBlock = {
  type: "input",
  block_id: "upload",
  label: plain("File", 2000),
  optional: true,
  element: { type: "file_input", action_id: "file", max_files: 1 },
};

/** The modal for `form`; `privateMetadata` comes back with the submission (at most 3000 characters). */
export function formToModal(
  form: FormDefinition,
  privateMetadata: string,
  options: { fileUpload?: boolean } = {},
): ModalView {
  if (privateMetadata.length > MAX_METADATA) {
    throw new Error(
      `The metadata of form ${form.id} has ${privateMetadata.length} characters; Slack keeps at most ${MAX_METADATA}.`,
    );
  }
  return {
    type: "modal",
    callback_id: `form:${form.id}`,
    title: plain(form.title, 24),
    submit: plain(form.submitLabel, 24),
    close: plain("Cancel", 24),
    private_metadata: privateMetadata,
    blocks: [...form.fields.map(input), ...(options.fileUpload ? [upload] : [])],
  };
}
