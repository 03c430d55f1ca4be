/**
 * Handles a submitted record form: validates every field (the form comes back with a message per wrong field),
 * checks permissions, and saves the record with its audit entry in one transaction. The same submission key twice
 * saves once.
 */
import { type FormDefinition, type FormField, validateForm } from "../core/forms.js";
import type { FormSubmission } from "../core/message.js";
import { type Reply, reply } from "../core/reply.js";
import { TROUBLE_TEXT } from "../core/trouble.js";
import { addCadence, isoDate } from "../records/dates.js";
import type { Action } from "../records/permissions.js";
import type { Cadence, ImplementationStatus, RiskInput, RiskStatus, Treatment } from "../records/types.js";
import { storageTrouble } from "../storage/errors.js";
import { calendarFormErrors, saveCalendarItem } from "./calendar-answers.js";
import { type Actor, type ConversationContext, canonicalControl, resolvePerson } from "./context.js";
import {
  acceptRiskForm,
  calendarItemForm,
  newRiskForm,
  reviewEvidenceForm,
  setControlForm,
  submitEvidenceForm,
  updateRiskForm,
} from "./form-definitions.js";
import { submitHouseRule } from "./house-rule-answers.js";
import { HOUSE_RULE_FORM } from "./house-rule-check.js";
import { refusal } from "./refusal.js";
import { REMINDER_SETTINGS_FORM, submitReminderSettings } from "./reminder-answers.js";
import { acceptanceRefused } from "./risk-acceptance.js";

type Values = Record<string, string | string[] | number | undefined>;

/** The form as it was shown, rebuilt from its id and context, so that it can be checked and shown again. */
function rebuild(ctx: ConversationContext, submission: FormSubmission): FormDefinition | undefined {
  const max = ctx.records.matrix.get().scaleMax;
  const risk = submission.context?.risk ? ctx.records.risks.get(submission.context.risk) : undefined;
  const evidence = submission.context?.evidence
    ? ctx.records.evidence.get(submission.context.evidence)
    : undefined;
  const control = submission.context?.control;
  switch (submission.formId) {
    case "new-risk":
      return newRiskForm(max, {});
    case "update-risk":
      return risk && updateRiskForm(max, risk);
    case "accept-risk":
      return risk && acceptRiskForm(max, risk);
    case "submit-evidence":
      return submitEvidenceForm(undefined);
    case "review-evidence":
      return evidence && reviewEvidenceForm(evidence);
    case "set-control":
      return control && ctx.catalogue.control(control)
        ? setControlForm(ctx.records.controls.get(control))
        : undefined;
    case "calendar-item":
      return calendarItemForm();
    default:
      return undefined;
  }
}

/** Evidence may be filed against a control, or against a clause that mandates documented information. */
function evidenceTarget(ctx: ConversationContext, text: string): string | undefined {
  const control = canonicalControl(ctx, text);
  if (control) return control;
  const clauseId = text.replace(/^\s*clause\s*/i, "").trim();
  const clause = ctx.catalogue.clause(clauseId);
  if (clause && clause.documentedInformation.length > 0) return clause.id;
  const parentOfMandating = ctx.catalogue.clauses.find(
    (c) => c.parent === clauseId && c.documentedInformation.length > 0,
  );
  return parentOfMandating ? clauseId : undefined;
}

/** The form shown again as it was filled in, with a message per field (and `text` above it, when given). */
function invalid(
  form: FormDefinition,
  submission: FormSubmission,
  errors: Record<string, string>,
  text = `Please correct ${Object.keys(errors).length === 1 ? "this field" : "these fields"}: ${Object.values(
    errors,
  ).join(" ")}`,
): Reply {
  const filled = {
    ...form,
    fields: form.fields.map((field) => withValue(field, submission.values[field.name])),
  };
  return reply(
    text,
    [
      { type: "notice", tone: "warning", text },
      { type: "form", form: filled, errors },
    ],
    "private",
  );
}

function withValue(field: FormField, value: string | string[] | undefined): FormField {
  return value === undefined || value === "" ? field : { ...field, initial: value };
}

const text = (values: Values, name: string) => {
  const value = values[name];
  return typeof value === "string" && value !== "" ? value : null;
};
const number = (values: Values, name: string) => {
  const value = values[name];
  return value === undefined || value === "" ? null : Number(value);
};

function riskInput(values: Values, status: RiskStatus): RiskInput {
  return {
    title: text(values, "title") ?? "",
    description: text(values, "description"),
    assets: text(values, "assets"),
    threat: text(values, "threat"),
    vulnerability: text(values, "vulnerability"),
    properties: (values.properties as string[] | undefined) ?? [],
    likelihood: number(values, "likelihood") ?? 1,
    impact: number(values, "impact") ?? 1,
    owner: text(values, "owner") ?? "",
    treatment: text(values, "treatment") as Treatment | null,
    controls: (values.controls as string[] | undefined) ?? [],
    treatmentPlan: text(values, "treatmentPlan"),
    treatmentDue: text(values, "treatmentDue"),
    residualLikelihood: number(values, "residualLikelihood"),
    residualImpact: number(values, "residualImpact"),
    nextReview: text(values, "nextReview"),
    status,
  };
}

const notice = (text: string, tone: "info" | "warning" = "info"): Reply =>
  reply(text, [{ type: "notice", tone, text }], "private");

/** The action a form performs; for forms about an existing record it is known before any field is read. */
function actionOf(submission: FormSubmission, target: string | undefined): Action {
  const context = submission.context ?? {};
  switch (submission.formId) {
    case "new-risk":
      return { type: "risk.create" };
    case "update-risk":
      return { type: "risk.update", ref: context.risk ?? "" };
    case "accept-risk":
      return { type: "risk.accept", ref: context.risk ?? "" };
    case "submit-evidence":
      return { type: "evidence.submit", target: target ?? "" };
    case "review-evidence":
      return { type: "evidence.review", ref: context.evidence ?? "" };
    case "calendar-item":
      return { type: "calendar.manage" };
    default:
      return { type: "control.set", controlId: context.control ?? "" };
  }
}

export function handleSubmission(ctx: ConversationContext, actor: Actor, submission: FormSubmission): Reply {
  const { records, permissions } = ctx;
  // A submission key belongs to one person and one form: nobody can replay or collide with someone else's.
  const key = `${actor.key} ${submission.formId} ${submission.key}`;
  const earlier = records.submitted(key);
  if (earlier) return notice(`Already saved: ${earlier}. Nothing was saved twice.`);
  if (submission.formId === REMINDER_SETTINGS_FORM)
    return submitReminderSettings(ctx, actor, submission, key);
  if (submission.formId === HOUSE_RULE_FORM) return submitHouseRule(ctx, actor, submission, key);

  // Whether this person may act on the record is checked before anything about the record is shown back.
  if (submission.formId !== "submit-evidence") {
    const decision = permissions.check(actor.key, actionOf(submission, undefined));
    if (!decision.allowed) return refusal(decision);
  }
  // An acceptance that arrives after the risk was closed or accepted says so, and saves nothing.
  const risk = submission.context?.risk ? records.risks.get(submission.context.risk) : undefined;
  const refused = submission.formId === "accept-risk" && risk ? acceptanceRefused(ctx, risk) : undefined;
  if (refused) return notice(refused);
  const form = rebuild(ctx, submission);
  if (!form)
    return notice(
      "That form is out of date or unknown, so nothing was saved. Please start again.",
      "warning",
    );

  // Normalise what people type before validating: "8.1" is A.8.1, "bob" is console:bob.
  const values = { ...submission.values };
  const people = new Map<string, string>();
  for (const field of form.fields) {
    const raw = values[field.name];
    if (field.optionsSource === "controls" && raw !== undefined) {
      const list = (Array.isArray(raw) ? raw : raw.split(/[\s,;]+/)).filter((item) => item.trim() !== "");
      values[field.name] = list.map((item) => canonicalControl(ctx, item) ?? item);
    }
    if (field.kind === "person" && typeof raw === "string" && raw.trim() !== "") {
      const person = resolvePerson(ctx, actor, raw);
      if (person) people.set(raw, person);
    }
  }
  const result = validateForm(form, values, (field, value) =>
    field.kind === "person" ? people.has(value) : ctx.catalogue.control(value) !== undefined,
  );
  const errors: Record<string, string> = result.ok ? {} : { ...result.errors };
  const checked: Values = result.ok ? { ...result.values } : {};
  for (const field of form.fields) {
    const typed = checked[field.name];
    if (field.kind === "person" && typeof typed === "string")
      checked[field.name] = people.get(typed) ?? typed;
  }

  // Rules that span fields or need the records.
  let target: string | undefined;
  if (
    submission.formId === "submit-evidence" &&
    typeof values.target === "string" &&
    values.target.trim() !== "" &&
    !errors.target
  ) {
    target = evidenceTarget(ctx, values.target);
    if (!target) {
      errors.target = `${values.target} is not an Annex A control or a clause that requires documented information.`;
    } else {
      const decision = permissions.check(actor.key, actionOf(submission, target));
      if (!decision.allowed) errors.target = `${decision.reason} ${decision.help}`;
    }
  }
  if (
    submission.formId === "review-evidence" &&
    values.decision === "rejected" &&
    !text(checked, "reason") &&
    !errors.reason
  ) {
    errors.reason = "Say why the evidence is rejected, so that the submitter can fix it.";
  }
  if (submission.formId === "set-control" && values.applicable === "no" && !text(checked, "justification")) {
    errors.justification =
      "A control that is not applicable needs a justification in the Statement of Applicability.";
  }
  const start = text(checked, "periodStart");
  const end = text(checked, "periodEnd");
  if (start && end && end < start) errors.periodEnd = "The end of the period is before its start.";
  if (submission.formId === "calendar-item") Object.assign(errors, calendarFormErrors(ctx, values, errors));
  if (Object.keys(errors).length > 0) return invalid(form, submission, errors);

  const context = submission.context ?? {};
  const before = affectedPeople(ctx, submission.formId, context, target, undefined);
  let saved: string;
  try {
    saved = records.transaction(() => {
      const label = save(ctx, actor, submission.formId, checked, context, target);
      records.rememberSubmission(key, submission.formId, label);
      return label;
    });
  } catch (error) {
    const trouble = storageTrouble(error);
    if (!trouble) throw error;
    ctx.onError?.(error);
    // Nothing was saved: the form comes back as it was filled in (a modal stays open, a card keeps its key), so
    // submitting it again saves it once. The message sits on the first field, where every platform shows it.
    const first = form.fields[0]?.name ?? "form";
    return invalid(form, submission, { [first]: TROUBLE_TEXT[trouble] }, TROUBLE_TEXT[trouble]);
  }
  const affects = [
    ...new Set([actor.key, ...before, ...affectedPeople(ctx, submission.formId, context, target, saved)]),
  ];
  return { ...notice(`Saved: ${saved}.`), affects };
}

/** Whose open items a form's record touches: the risk's owner, the control's owner, the evidence's submitter. */
function affectedPeople(
  ctx: ConversationContext,
  formId: string,
  context: Record<string, string>,
  target: string | undefined,
  saved: string | undefined,
): string[] {
  const { records } = ctx;
  const riskRef = context.risk ?? (formId === "new-risk" ? saved?.split(" ")[0] : undefined);
  const risk = riskRef ? records.risks.get(riskRef) : undefined;
  const evidence = context.evidence ? records.evidence.get(context.evidence) : undefined;
  const control = context.control ?? target ?? evidence?.target;
  const owner = control?.startsWith("A.") ? records.controls.get(control).owner : null;
  return [risk?.owner, evidence?.submittedBy, owner].filter((key): key is string => typeof key === "string");
}

/** Writes the record; runs inside the submission's transaction. Returns what was saved, for the confirmation. */
function save(
  ctx: ConversationContext,
  actor: Actor,
  formId: string,
  values: Values,
  context: Record<string, string>,
  target: string | undefined,
): string {
  const { records, clock } = ctx;
  switch (formId) {
    case "new-risk": {
      const risk = records.risks.create(riskInput(values, "open"), actor.key);
      return `${risk.ref} ${risk.title} (${risk.level}${risk.aboveAppetite ? ", above the risk appetite" : ""})`;
    }
    case "update-risk": {
      const before = records.risks.get(context.risk ?? "");
      const risk = records.risks.update(
        context.risk ?? "",
        riskInput(values, (text(values, "status") as RiskStatus) ?? before?.status ?? "open"),
        actor.key,
      );
      return `${risk.ref} ${risk.title} (${risk.level})`;
    }
    case "accept-risk": {
      const risk = records.risks.accept(
        context.risk ?? "",
        {
          likelihood: number(values, "residualLikelihood") ?? 1,
          impact: number(values, "residualImpact") ?? 1,
        },
        actor.key,
      );
      return `${risk.ref} residual risk accepted by ${records.people.name(actor.key)} (residual level ${risk.residualLevel})`;
    }
    case "submit-evidence": {
      const id = target ?? "";
      const cadence = id.startsWith("A.") ? records.controls.get(id).cadence : null;
      // Evidence stays valid for one cadence from the day it is handed in.
      const validUntil = cadence ? addCadence(isoDate(clock()), cadence) : null;
      const item = records.evidence.submit(
        {
          target: id,
          title: text(values, "title") ?? "",
          description: text(values, "description"),
          link: text(values, "link"),
          fileName: text(values, "fileName"),
          periodStart: text(values, "periodStart"),
          periodEnd: text(values, "periodEnd"),
        },
        validUntil,
        actor.key,
      );
      if (validUntil)
        records.controls.update(id, { nextEvidenceDue: validUntil }, actor.key, "control.next_due");
      return `${item.ref} ${item.title} for ${item.target}${validUntil ? `, valid until ${validUntil}` : ""}, waiting for review`;
    }
    case "review-evidence": {
      const decision = text(values, "decision") === "accepted" ? "accepted" : "rejected";
      const item = records.evidence.review(
        context.evidence ?? "",
        decision,
        text(values, "reason"),
        actor.key,
      );
      return `${item.ref} ${decision}`;
    }
    case "calendar-item":
      return saveCalendarItem(ctx, actor, values);
    default: {
      const controlId = context.control ?? "";
      const state = records.controls.update(
        controlId,
        {
          owner: text(values, "owner"),
          applicable: text(values, "applicable") !== "no",
          justification: text(values, "justification"),
          status: (text(values, "status") as ImplementationStatus) ?? "not_started",
          cadence: text(values, "cadence") as Cadence | null,
        },
        actor.key,
      );
      const nextDue = state.cadence && !state.nextEvidenceDue ? isoDate(clock()) : state.nextEvidenceDue;
      if (nextDue !== state.nextEvidenceDue)
        records.controls.update(controlId, { nextEvidenceDue: nextDue }, actor.key, "control.next_due");
      return `${controlId}: owner ${records.people.name(state.owner)}, ${state.applicable ? "applicable" : "not applicable"}, ${state.status.replace(/_/g, " ")}${state.cadence ? `, evidence ${state.cadence.replace("_", "-")}` : ""}`;
    }
  }
}
