/** The record forms, defined once: each adapter renders them (the console asks field by field). */
import type { FormDefinition, FormField, FormOption } from "../core/forms.js";
import {
  CADENCES,
  type ControlState,
  type EvidenceRecord,
  IMPLEMENTATION_STATUSES,
  type RiskRecord,
  TREATMENTS,
} from "../records/types.js";

export const FORM_IDS = [
  "new-risk",
  "update-risk",
  "accept-risk",
  "submit-evidence",
  "review-evidence",
  "set-control",
  "calendar-item",
  "reminder-settings",
  "house-rule",
] as const;
export type FormId = (typeof FORM_IDS)[number];

const words = (value: string) => value.replace(/_/g, " ").replace(/^./, (first) => first.toUpperCase());
const choices = (values: readonly string[]): FormOption[] =>
  values.map((value) => ({ value, label: words(value) }));

function scale(
  max: number,
  name: string,
  label: string,
  required: boolean,
  initial?: number | null,
): FormField {
  return {
    name,
    label,
    kind: "select",
    required,
    hint: `1 (lowest) to ${max} (highest)`,
    options: Array.from({ length: max }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })),
    ...(initial ? { initial: String(initial) } : {}),
  };
}

/** A field's `initial`, when there is a value to start from. */
export const initial = (value: string | null | undefined) => (value ? { initial: value } : {});

function riskFields(max: number, risk: Partial<RiskRecord>): FormField[] {
  return [
    { name: "title", label: "Title", kind: "text", required: true, maxLength: 150, ...initial(risk.title) },
    {
      name: "description",
      label: "Description",
      kind: "textarea",
      required: false,
      maxLength: 2000,
      ...initial(risk.description),
    },
    {
      name: "assets",
      label: "Asset(s)",
      kind: "text",
      required: false,
      maxLength: 500,
      hint: "what could be harmed, e.g. laptops, customer database",
      ...initial(risk.assets),
    },
    {
      name: "threat",
      label: "Threat",
      kind: "text",
      required: false,
      maxLength: 500,
      hint: "what could happen, e.g. theft",
      ...initial(risk.threat),
    },
    {
      name: "vulnerability",
      label: "Vulnerability",
      kind: "text",
      required: false,
      maxLength: 500,
      hint: "the weakness, e.g. no disk encryption",
      ...initial(risk.vulnerability),
    },
    {
      name: "properties",
      label: "Affected properties",
      kind: "multiselect",
      required: false,
      options: [
        { value: "C", label: "Confidentiality" },
        { value: "I", label: "Integrity" },
        { value: "A", label: "Availability" },
      ],
      ...(risk.properties?.length ? { initial: risk.properties } : {}),
    },
    scale(max, "likelihood", "Likelihood", true, risk.likelihood),
    scale(max, "impact", "Impact", true, risk.impact),
    {
      name: "owner",
      label: "Risk owner",
      kind: "person",
      required: true,
      maxLength: 200,
      ...initial(risk.owner),
    },
    {
      name: "treatment",
      label: "Treatment option",
      kind: "select",
      required: false,
      options: choices(TREATMENTS),
      ...initial(risk.treatment),
    },
    {
      name: "controls",
      label: "Linked Annex A controls",
      kind: "multiselect",
      required: false,
      optionsSource: "controls",
      hint: "control ids, e.g. A.8.1, A.5.17",
      ...(risk.controls?.length ? { initial: risk.controls } : {}),
    },
    {
      name: "treatmentPlan",
      label: "Treatment plan",
      kind: "textarea",
      required: false,
      maxLength: 2000,
      ...initial(risk.treatmentPlan),
    },
    {
      name: "treatmentDue",
      label: "Treatment due date",
      kind: "date",
      required: false,
      ...initial(risk.treatmentDue),
    },
    {
      name: "nextReview",
      label: "Next review date",
      kind: "date",
      required: false,
      ...initial(risk.nextReview),
    },
  ];
}

export function newRiskForm(max: number, prefill: Partial<RiskRecord>): FormDefinition {
  return { id: "new-risk", title: "Log a risk", submitLabel: "Log risk", fields: riskFields(max, prefill) };
}

export function updateRiskForm(max: number, risk: RiskRecord): FormDefinition {
  return {
    id: "update-risk",
    title: `Update ${risk.ref}`,
    submitLabel: "Save",
    context: { risk: risk.ref },
    fields: [
      ...riskFields(max, risk),
      scale(max, "residualLikelihood", "Residual likelihood", false, risk.residualLikelihood),
      scale(max, "residualImpact", "Residual impact", false, risk.residualImpact),
      {
        name: "status",
        label: "Status",
        kind: "select",
        required: true,
        // "Accepted" is offered only while the owner's acceptance stands; it comes from the acceptance form, not here.
        options: choices(
          risk.status === "accepted"
            ? ["open", "treating", "accepted", "closed"]
            : ["open", "treating", "closed"],
        ),
        initial: risk.status,
      },
    ],
  };
}

export function acceptRiskForm(max: number, risk: RiskRecord): FormDefinition {
  return {
    id: "accept-risk",
    title: `Accept the residual risk of ${risk.ref} ${risk.title}`,
    submitLabel: "Accept residual risk",
    context: { risk: risk.ref },
    fields: [
      scale(max, "residualLikelihood", "Residual likelihood after treatment", true, risk.residualLikelihood),
      scale(max, "residualImpact", "Residual impact after treatment", true, risk.residualImpact),
      {
        name: "confirm",
        label: "I accept this residual risk as its owner",
        kind: "select",
        required: true,
        options: [{ value: "yes", label: "Yes" }],
      },
    ],
  };
}

/** The control or clause a form is about, typed as an id; `example` shows how. */
export function targetField(target: string | undefined, example: string): FormField {
  return {
    name: "target",
    label: "Control or clause",
    kind: "text",
    required: true,
    maxLength: 40,
    hint: `e.g. ${example}`,
    ...initial(target),
  };
}

export function submitEvidenceForm(target: string | undefined): FormDefinition {
  return {
    id: "submit-evidence",
    title: target ? `Submit evidence for ${target}` : "Submit evidence",
    submitLabel: "Submit",
    fields: [
      targetField(target, "A.8.13, or clause 9.2"),
      { name: "title", label: "Title", kind: "text", required: true, maxLength: 150 },
      { name: "description", label: "Description", kind: "textarea", required: false, maxLength: 2000 },
      {
        name: "link",
        label: "Link",
        kind: "url",
        required: false,
        maxLength: 2000,
        hint: "where the evidence is kept, or a chat permalink",
      },
      { name: "fileName", label: "File name", kind: "text", required: false, maxLength: 255 },
      { name: "periodStart", label: "Period covered: from", kind: "date", required: false },
      { name: "periodEnd", label: "Period covered: to", kind: "date", required: false },
    ],
  };
}

export function reviewEvidenceForm(item: EvidenceRecord): FormDefinition {
  return {
    id: "review-evidence",
    title: `Review ${item.ref} ${item.title} (${item.target})`,
    submitLabel: "Save review",
    context: { evidence: item.ref },
    fields: [
      {
        name: "decision",
        label: "Decision",
        kind: "select",
        required: true,
        options: [
          { value: "accepted", label: "Accept" },
          { value: "rejected", label: "Reject" },
        ],
      },
      {
        name: "reason",
        label: "Reason (required when rejecting)",
        kind: "textarea",
        required: false,
        maxLength: 1000,
      },
    ],
  };
}

export function setControlForm(state: ControlState): FormDefinition {
  return {
    id: "set-control",
    title: `Set ${state.controlId}: owner, applicability, status, cadence`,
    submitLabel: "Save",
    context: { control: state.controlId },
    fields: [
      {
        name: "owner",
        label: "Control owner",
        kind: "person",
        required: false,
        maxLength: 200,
        ...initial(state.owner),
      },
      {
        name: "applicable",
        label: "Applicable",
        kind: "select",
        required: true,
        options: [
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ],
        ...initial(state.applicable === null ? "yes" : state.applicable ? "yes" : "no"),
      },
      {
        name: "justification",
        label: "Justification",
        kind: "textarea",
        required: false,
        maxLength: 1000,
        hint: "required when not applicable; when applicable, the linked risks are used if empty",
        ...initial(state.justification),
      },
      {
        name: "status",
        label: "Implementation status",
        kind: "select",
        required: true,
        options: choices(IMPLEMENTATION_STATUSES),
        initial: state.status,
      },
      {
        name: "cadence",
        label: "Evidence cadence",
        kind: "select",
        required: false,
        options: choices(CADENCES),
        ...initial(state.cadence),
      },
    ],
  };
}

export function calendarItemForm(): FormDefinition {
  return {
    id: "calendar-item",
    title: "Add a date to the ISMS calendar",
    submitLabel: "Add",
    fields: [
      {
        name: "title",
        label: "Title",
        kind: "text",
        required: true,
        maxLength: 150,
        hint: "e.g. Penetration test, Supplier review of ACME",
      },
      { name: "dueDate", label: "Date", kind: "date", required: true },
      {
        name: "repeatMonths",
        label: "Repeat every (months)",
        kind: "number",
        required: false,
        min: 1,
        max: 60,
        hint: "empty for a one-off date",
      },
      {
        name: "about",
        label: "About (control or clause)",
        kind: "text",
        required: false,
        maxLength: 40,
        hint: "e.g. A.8.8, or clause 9.2",
      },
    ],
  };
}
