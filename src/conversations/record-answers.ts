/** Answers to record intents: opens the right form (prefilled), or answers questions about the records. */
import { type Block, type Reply, reply } from "../core/reply.js";
import { describeChange } from "../records/audit-log.js";
import { addDays, addMonths, isoDate, todayIn } from "../records/dates.js";
import { riskAwaits } from "../records/risk-awaits.js";
import type { RiskRecord } from "../records/types.js";
import { planSettings } from "../scheduling/reminder-config.js";
import { answerCalendarIntent } from "./calendar-answers.js";
import type { Actor, ConversationContext } from "./context.js";
import {
  acceptRiskForm,
  newRiskForm,
  reviewEvidenceForm,
  setControlForm,
  submitEvidenceForm,
  updateRiskForm,
} from "./form-definitions.js";
import { answerHouseRuleIntent } from "./house-rule-answers.js";
import { journeyAnswer } from "./journey-reply.js";
import { answerOpenQuestionIntent } from "./open-question-answers.js";
import { hasCurrentEvidence, mandatoryDocuments, themeReadiness } from "./readiness.js";
import type { RecordIntent } from "./record-intents.js";
import { controlStatusFields, evidenceLine, riskBlocks, riskLine } from "./record-views.js";
import { refusal } from "./refusal.js";
import { answerReminderIntent } from "./reminder-answers.js";
import { acceptanceRefused } from "./risk-acceptance.js";

const notice = (text: string, tone: "info" | "warning" = "info"): Reply =>
  reply(text, [{ type: "notice", tone, text }], "private");
const list = (title: string, items: string[], empty: string): Reply =>
  items.length === 0
    ? notice(empty)
    : reply(
        title,
        [
          { type: "heading", text: title },
          { type: "list", items },
        ],
        "private",
      );

/** Risks this person may see in detail: their own, their reports' (any depth), or all for admins. */
function visibleRisks(ctx: ConversationContext, actor: Actor): RiskRecord[] {
  return ctx.records.risks
    .all()
    .filter((risk) => ctx.permissions.check(actor.key, { type: "risk.view", ref: risk.ref }).allowed);
}

/** Exports are written by the bot itself (they are asynchronous); everything else is answered here. */
export function answerRecordIntent(
  ctx: ConversationContext,
  actor: Actor,
  intent: Exclude<RecordIntent, { type: "export" }>,
): Reply {
  const { records, permissions, catalogue } = ctx;
  const max = records.matrix.get().scaleMax;
  const form = (definition: Parameters<typeof formReply>[0]) => formReply(definition);
  switch (intent.type) {
    case "reminder-schedule":
    case "change-reminder-settings":
    case "pause-reminders":
    case "resume-reminders":
    case "digest-now":
      return answerReminderIntent(ctx, actor, intent);
    case "new-risk": {
      const about = intent.about ? intent.about.charAt(0).toUpperCase() + intent.about.slice(1) : undefined;
      const suggested = about
        ? ctx.search.search(about, 2).filter((hit) => hit.entry.kind === "control" && hit.score >= 0.35)
        : [];
      return form(
        newRiskForm(max, {
          title: about ?? "",
          owner: actor.key,
          controls: suggested.map((hit) => hit.entry.id),
        } as Partial<RiskRecord>),
      );
    }
    case "update-risk":
    case "accept-risk": {
      const decision = permissions.check(actor.key, {
        type: intent.type === "accept-risk" ? "risk.accept" : "risk.update",
        ref: intent.ref,
      });
      if (!decision.allowed) return refusal(decision);
      const risk = records.risks.get(intent.ref) as RiskRecord;
      if (intent.type === "update-risk") return form(updateRiskForm(max, risk));
      const refused = acceptanceRefused(ctx, risk);
      return refused ? notice(refused) : form(acceptRiskForm(max, risk));
    }
    case "show-risk": {
      const decision = permissions.check(actor.key, { type: "risk.view", ref: intent.ref });
      if (!decision.allowed) return refusal(decision);
      const risk = records.risks.get(intent.ref) as RiskRecord;
      const buttons = [
        ...(risk.owner === actor.key && !risk.acceptedBy
          ? [{ label: "Accept residual risk", ask: `accept risk ${risk.ref}` }]
          : []),
        ...(permissions.check(actor.key, { type: "risk.update", ref: risk.ref }).allowed
          ? [{ label: "Update", ask: `update risk ${risk.ref}` }]
          : []),
      ];
      return reply(riskLine(risk), [...riskBlocks(ctx, risk), { type: "actions", buttons }], "private");
    }
    case "list-risks": {
      const risks = visibleRisks(ctx, actor).filter(
        (risk) => !intent.aboveAppetite || (risk.aboveAppetite && risk.status !== "closed"),
      );
      const title = intent.aboveAppetite
        ? `Risks above the risk appetite (${records.matrix.get().appetite})`
        : "Risks you can see";
      return list(
        title,
        risks.map(riskLine),
        intent.aboveAppetite
          ? "No risk you can see is above the risk appetite."
          : "There are no risks you can see.",
      );
    }
    case "submit-evidence": {
      if (intent.target) {
        const decision = permissions.check(actor.key, { type: "evidence.submit", target: intent.target });
        if (!decision.allowed) return refusal(decision);
      }
      return form(submitEvidenceForm(intent.target));
    }
    case "review-evidence": {
      const decision = permissions.check(actor.key, { type: "evidence.review", ref: intent.ref });
      if (!decision.allowed) return refusal(decision);
      const item = records.evidence.get(intent.ref);
      return item ? form(reviewEvidenceForm(item)) : notice(`There is no evidence ${intent.ref}.`, "warning");
    }
    case "show-evidence": {
      const item = records.evidence.get(intent.ref);
      if (!item) return notice(`There is no evidence ${intent.ref}.`, "warning");
      return reply(evidenceLine(item), [
        { type: "heading", text: `${item.ref} ${item.title}` },
        {
          type: "fields",
          fields: [
            { label: "For", value: item.target },
            {
              label: "Submitted",
              value: `by ${records.people.name(item.submittedBy)} on ${item.submittedAt.slice(0, 10)}`,
            },
            {
              label: "Review",
              value:
                item.reviewStatus +
                (item.reviewedBy ? ` by ${records.people.name(item.reviewedBy)}` : "") +
                (item.rejectReason ? `: ${item.rejectReason}` : ""),
            },
            { label: "Link", value: item.link ?? "-" },
            { label: "File", value: item.fileName ?? "-" },
            {
              label: "Period",
              value:
                item.periodStart || item.periodEnd
                  ? `${item.periodStart ?? "?"} to ${item.periodEnd ?? "?"}`
                  : "-",
            },
            { label: "Valid until", value: item.validUntil ?? "-" },
          ],
        },
        ...(item.description
          ? [{ type: "paragraph" as const, label: "Description", text: item.description }]
          : []),
      ]);
    }
    case "evidence-for": {
      const items = records.evidence.forTarget(intent.target);
      return list(
        `Evidence for ${intent.target}`,
        items.map(evidenceLine),
        `No evidence has been submitted for ${intent.target} yet.`,
      );
    }
    case "awaiting-review":
      return list(
        "Evidence waiting for review",
        records.evidence.awaitingReview().map(evidenceLine),
        "No evidence is waiting for review.",
      );
    case "set-control": {
      const decision = permissions.check(actor.key, { type: "control.set", controlId: intent.target });
      if (!decision.allowed) return refusal(decision);
      if (!catalogue.control(intent.target))
        return notice(`There is no control ${intent.target}.`, "warning");
      return form(setControlForm(records.controls.get(intent.target)));
    }
    case "my-items":
      return myItems(ctx, actor);
    case "snooze": {
      const until = addDays(todayIn(ctx.clock(), records.people.get(actor.key)?.timezone), 7);
      records.snoozes.snooze(intent.itemKey, actor.key, until);
      return notice(`Snoozed: no reminder about ${intent.itemKey.split(":")[1]} until ${until}.`);
    }
    case "mark-reviewed": {
      const decision = permissions.check(actor.key, { type: "risk.update", ref: intent.ref });
      if (!decision.allowed) return refusal(decision);
      const risk = records.risks.get(intent.ref) as RiskRecord;
      // The cadence in effect, as the reminders plan it: an admin's change applies here too.
      const { reviewMonths } = planSettings(records.reminderSettings.effective());
      const months = reviewMonths[risk.residualLevel ?? risk.level];
      const nextReview = addMonths(todayIn(ctx.clock(), records.people.get(actor.key)?.timezone), months);
      records.risks.update(risk.ref, { ...risk, nextReview }, actor.key);
      return notice(`${risk.ref} marked reviewed; next review on ${nextReview}.`);
    }
    case "my-risks":
      return list(
        "Risks you own",
        records.risks
          .all()
          .filter((r) => r.owner === actor.key && r.status !== "closed")
          .map(riskLine),
        "You own no open risks.",
      );
    case "evidence-due-soon": {
      const today = todayIn(ctx.clock(), records.people.get(actor.key)?.timezone);
      const soon = addMonths(today, 1);
      const due = records.controls
        .ownedBy(actor.key)
        .filter(
          (state) =>
            state.applicable !== false && state.nextEvidenceDue !== null && state.nextEvidenceDue <= soon,
        )
        .sort((a, b) => (a.nextEvidenceDue ?? "").localeCompare(b.nextEvidenceDue ?? ""));
      return list(
        "Evidence due in the next month",
        due.map(
          (state) =>
            `${state.controlId}: due ${state.nextEvidenceDue}${(state.nextEvidenceDue ?? "") < today ? " (overdue)" : ""}`,
        ),
        "No evidence of yours is due in the next month.",
      );
    }
    case "controls-without-evidence": {
      const today = isoDate(ctx.clock());
      const missing = catalogue.controls.filter((control) => {
        const state = records.controls.get(control.id);
        return state.applicable === true && !hasCurrentEvidence(records, control.id, today);
      });
      return list(
        "Applicable controls with no current evidence",
        missing.map(
          (c) => `${c.id} ${c.title} (owner: ${records.people.name(records.controls.get(c.id).owner)})`,
        ),
        "Every applicable control has current evidence (or no control is marked applicable yet).",
      );
    }
    case "readiness":
      return readinessAnswer(ctx, intent.scope);
    case "audit-log": {
      const decision = permissions.check(actor.key, { type: "audit.read" });
      if (!decision.allowed) return refusal(decision);
      const entries = records.audit.list(20);
      return list(
        "Audit log, newest first",
        entries.map(
          (e) =>
            `${e.at.slice(0, 19).replace("T", " ")} ${records.people.name(e.actor)}: ${e.action} ${e.entityId}${describeChange(e.before, e.after)}`,
        ),
        "The audit log is empty.",
      );
    }
    case "calendar":
    case "calendar-add":
    case "calendar-done":
    case "calendar-cancel":
      return answerCalendarIntent(ctx, actor, intent);
    case "set-house-rule":
    case "remove-house-rule":
    case "list-house-rules":
      return answerHouseRuleIntent(ctx, actor, intent);
    case "journey":
      return journeyAnswer(ctx, actor);
    case "pass-question":
    case "open-questions":
    case "close-question":
      return answerOpenQuestionIntent(ctx, actor, intent);
    case "whoami": {
      const roles = permissions.roles(actor.key);
      const names = [
        roles.admin && "ISMS admin",
        roles.controlOwner && "control owner",
        roles.manager && "manager",
        "employee",
      ].filter(Boolean);
      return notice(`You are ${records.people.name(actor.key)}: ${names.join(", ")}.`);
    }
  }
}

function formReply(definition: import("../core/forms.js").FormDefinition): Reply {
  return reply(definition.title, [{ type: "form", form: definition }], "private");
}

function myItems(ctx: ConversationContext, actor: Actor): Reply {
  const { records } = ctx;
  const today = todayIn(ctx.clock(), records.people.get(actor.key)?.timezone);
  const items: string[] = [];
  for (const state of records.controls.ownedBy(actor.key)) {
    if (state.applicable === false) continue;
    if (state.nextEvidenceDue && state.nextEvidenceDue <= today)
      items.push(
        `Evidence for ${state.controlId} is due (since ${state.nextEvidenceDue}): "submit evidence for ${state.controlId}"`,
      );
  }
  for (const item of records.evidence.awaitingReview()) {
    if (
      item.submittedBy !== actor.key &&
      ctx.permissions.check(actor.key, { type: "evidence.review", ref: item.ref }).allowed
    ) {
      items.push(`Review ${item.ref} ${item.title} (${item.target}): "review ${item.ref}"`);
    }
  }
  for (const item of records.evidence.all()) {
    if (item.submittedBy !== actor.key || item.reviewStatus !== "rejected") continue;
    // A rejection stays an open item until newer evidence for the same control or clause is handed in.
    const replaced = records.evidence.forTarget(item.target)[0]?.ref !== item.ref;
    if (!replaced)
      items.push(
        `${item.ref} was rejected: ${item.rejectReason ?? ""}. Submit new evidence for ${item.target}.`,
      );
  }
  for (const risk of records.risks.all().filter((r) => r.owner === actor.key && r.status !== "closed")) {
    const awaits = riskAwaits(risk);
    if (awaits === "acceptance")
      items.push(`Accept or treat the residual risk of ${risk.ref} ${risk.title}: "accept risk ${risk.ref}"`);
    else if (awaits === "treatment")
      items.push(
        `${risk.ref} ${risk.title} (${risk.level}) needs treatment and a residual rating: "update risk ${risk.ref}"`,
      );
    if (risk.treatmentDue && risk.treatmentDue < today)
      items.push(`The treatment of ${risk.ref} was due on ${risk.treatmentDue}`);
    if (risk.nextReview && risk.nextReview <= today)
      items.push(`${risk.ref} is due for review (${risk.nextReview})`);
  }
  return list("Your open items", items, "You have no open items.");
}

function readinessAnswer(ctx: ConversationContext, scope: string | undefined): Reply {
  const { catalogue, records } = ctx;
  const themes = themeReadiness(catalogue, records).filter(
    (row) => !scope || row.theme.toLowerCase().startsWith(scope),
  );
  const clauseScope = scope && /^\d/.test(scope) ? scope : undefined;
  if (clauseScope && !catalogue.clause(clauseScope)) {
    return notice(`There is no clause ${clauseScope}; ISO/IEC 27001 has clauses 4 to 10.`, "warning");
  }
  if (scope && !clauseScope && themes.length === 0) {
    return notice(
      `"${scope}" is neither a clause nor a theme (organizational, people, physical, technological).`,
      "warning",
    );
  }
  const documents = scope && !clauseScope ? [] : mandatoryDocuments(catalogue, records, clauseScope);
  const blocks: Block[] = [
    { type: "heading", text: scope ? `Audit readiness: ${scope}` : "Audit readiness" },
  ];
  if (!clauseScope) {
    blocks.push({
      type: "list",
      label: "Annex A controls by theme",
      items: themes.map(
        (t) =>
          `${t.theme}: ${t.applicable} applicable of ${t.total} (${t.total - t.decided} not decided), ${t.withOwner} with an owner, ${t.withCurrentEvidence} with current evidence, ${t.overdue} overdue`,
      ),
    });
  }
  if (documents.length > 0)
    blocks.push({
      type: "list",
      label: "Mandatory documented information",
      items: documents.map(
        ({ clause, present }) =>
          `${present ? "✓" : "✗"} ${clause.id} ${clause.title}: ${clause.documentedInformation.join("; ")}`,
      ),
    });
  return reply(blocks[0]?.type === "heading" ? blocks[0].text : "Audit readiness", blocks);
}

export { controlStatusFields };
