/**
 * A form inside a chat message: Slack shows forms in a modal window, so the message carries a button whose value
 * holds what the adapter needs to open that window (the form id, its context and the values to prefill).
 */
import type { SectionBlock } from "@slack/types";
import type { FormDefinition } from "../../../src/core/forms.js";
import { escapeMrkdwn, truncate } from "./mrkdwn.js";

/** Slack's limit for a button value. */
const MAX_VALUE = 2000;

/** What the `open_form` button carries, as JSON in its value. */
export interface OpenFormValue {
  formId: string;
  context: Record<string, string>;
  initial: Record<string, string | string[]>;
}

/** The button value; the longest prefills are dropped until it fits (the person then fills those in themselves). */
export function openFormValue(form: FormDefinition): string {
  const initial: Record<string, string | string[]> = {};
  for (const field of form.fields) if (field.initial !== undefined) initial[field.name] = field.initial;
  const encode = () => JSON.stringify({ formId: form.id, context: form.context ?? {}, initial });
  let value = encode();
  while (value.length > MAX_VALUE && Object.keys(initial).length > 0) {
    const longest = Object.keys(initial).reduce((a, b) =>
      JSON.stringify(initial[a]).length >= JSON.stringify(initial[b]).length ? a : b,
    );
    delete initial[longest];
    value = encode();
  }
  if (value.length > MAX_VALUE)
    throw new Error(`The context of form ${form.id} is too long for a Slack button.`);
  return value;
}

/** A section naming the form, any refusals of the last submission, and the button that opens it. */
export function formSection(form: FormDefinition, errors: Record<string, string> = {}): SectionBlock {
  const labelOf = (name: string) => form.fields.find((field) => field.name === name)?.label ?? name;
  const refusals = Object.entries(errors).map(
    ([name, message]) => `\n• ${escapeMrkdwn(labelOf(name))}: ${escapeMrkdwn(message)}`,
  );
  const text = `*${escapeMrkdwn(form.title)}*\nThis form opens in a window.${refusals.join("")}`;
  return {
    type: "section",
    text: { type: "mrkdwn", text: truncate(text, 3000), verbatim: true },
    accessory: {
      type: "button",
      action_id: "open_form",
      text: { type: "plain_text", text: "Open form" },
      style: "primary",
      value: openFormValue(form),
    },
  };
}
