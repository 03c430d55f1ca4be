/** The house-rule form: our own rule for a control or clause and the policy behind it (the chat form and the import). */
import type { FormDefinition } from "../core/forms.js";
import type { HouseRuleInput } from "../records/house-rules-store.js";
import { initial, targetField } from "./form-definitions.js";

/** The organisation's own rule for a control or clause, with the policy behind it; prefilled when one exists. */
export function houseRuleForm(
  target: string | undefined,
  current?: Omit<HouseRuleInput, "target">,
): FormDefinition {
  return {
    id: "house-rule",
    title: target ? `House rule: ${target}` : "Set a house rule",
    submitLabel: "Save",
    ...(target ? { context: { target } } : {}),
    fields: [
      targetField(target, "A.6.7, or clause 5.2"),
      {
        name: "rule",
        label: "House rule",
        kind: "textarea",
        required: true,
        maxLength: 500,
        hint: "our rule in plain words, e.g. Work from public places only with the privacy screen on and the VPN up",
        ...initial(current?.rule),
      },
      {
        name: "policyTitle",
        label: "Policy title",
        kind: "text",
        required: false,
        maxLength: 150,
        ...initial(current?.policyTitle),
      },
      {
        name: "policyUrl",
        label: "Policy link",
        kind: "url",
        required: false,
        maxLength: 2000,
        hint: "where people can read the policy, starting with https://",
        ...initial(current?.policyUrl),
      },
      {
        name: "policyVersion",
        label: "Policy version",
        kind: "text",
        required: false,
        maxLength: 40,
        hint: "e.g. 2.1",
        ...initial(current?.policyVersion),
      },
      {
        name: "policyOwner",
        label: "Policy owner",
        kind: "text",
        required: false,
        maxLength: 150,
        hint: "a person or a role, e.g. Head of IT",
        ...initial(current?.policyOwner),
      },
    ],
  };
}
