/**
 * The rules a house rule must meet, in one place: the chat form and `isms import policies` both check with them, so
 * that a value refused in one is refused in the other, with the same words.
 */
import type { Catalogue } from "../catalogue/catalogue.js";
import { type SubmittedValues, validateForm } from "../core/forms.js";
import { isWebLink } from "../core/reply.js";
import type { HouseRuleInput } from "../records/house-rules-store.js";
import { calendarAbout } from "./calendar-answers.js";
import { houseRuleForm } from "./house-rule-form.js";

export const HOUSE_RULE_FORM = "house-rule";

/** The form's field names, in its order; the import's columns map onto them. */
export const HOUSE_RULE_FIELDS = [
  "target",
  "rule",
  "policyTitle",
  "policyUrl",
  "policyVersion",
  "policyOwner",
] as const;
export type HouseRuleField = (typeof HOUSE_RULE_FIELDS)[number];

/**
 * Control characters other than tab and line breaks (line breaks are refused in one-line fields on their own), and the
 * bidirectional overrides, embeddings and isolates that make text read differently from how it is stored.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** "A.6.7", "6.7", "clause 5.2" → the canonical id; or the reason it is not a control or clause. */
export function houseRuleTarget(catalogue: Catalogue, raw: string): { id: string } | { problem: string } {
  return calendarAbout(catalogue, raw);
}

/** The cleaned house rule, or a message per wrong field (keyed by the form's field names). */
export function checkHouseRule(
  catalogue: Catalogue,
  submitted: SubmittedValues,
): { input: HouseRuleInput } | { errors: Partial<Record<HouseRuleField, string>> } {
  const form = houseRuleForm(undefined);
  const result = validateForm(form, submitted);
  const errors: Partial<Record<HouseRuleField, string>> = result.ok ? {} : { ...result.errors };
  // Each field's own checks run on what was typed even when another field is wrong, so that all are named at once.
  const text = (name: HouseRuleField) => {
    const value = submitted[name];
    const typed = (Array.isArray(value) ? value.join(" ") : (value ?? "")).trim();
    return errors[name] || typed === "" ? null : typed;
  };

  const labelOf = (name: HouseRuleField) => form.fields.find((field) => field.name === name)?.label;
  // Every field is shown to people or saved, so none may hide control characters; checked first, as other checks
  // would quote the hidden characters back.
  for (const name of HOUSE_RULE_FIELDS) {
    const value = text(name);
    if (value && CONTROL_CHARACTERS.test(value))
      errors[name] =
        `${labelOf(name)} must be plain text: it holds control characters (perhaps pasted by mistake).`;
  }

  let target: string | undefined;
  const typedTarget = text("target");
  if (typedTarget) {
    const found = houseRuleTarget(catalogue, typedTarget);
    if ("problem" in found) errors.target = found.problem;
    else target = found.id;
  }
  const rule = text("rule");
  const url = text("policyUrl");
  if (url && !isWebLink(url))
    errors.policyUrl = "Policy link must be a web link starting with https:// or http://.";
  for (const name of ["policyTitle", "policyVersion", "policyOwner"] as const) {
    const value = text(name);
    if (value && /[\r\n]/.test(value)) errors[name] = `${labelOf(name)} must be one line.`;
  }

  if (Object.keys(errors).length > 0 || !target || !rule) return { errors };
  return {
    input: {
      target,
      rule,
      policyTitle: text("policyTitle"),
      policyUrl: url,
      policyVersion: text("policyVersion"),
      policyOwner: text("policyOwner"),
    },
  };
}
