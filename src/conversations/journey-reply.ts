/**
 * "Where are we?" for the ISMS admins: the journey (journey.ts) as a neutral reply, one part per step with what is
 * missing and buttons for the next thing to do, then the mandatory documents clause by clause.
 */
import { type Block, type Reply, reply } from "../core/reply.js";
import { calendarSettings } from "../scheduling/calendar-plan.js";
import type { Actor, ConversationContext } from "./context.js";
import { type ClauseDocuments, type Journey, journey, type StepStatus } from "./journey.js";
import { refusal } from "./refusal.js";

const STATUS: Record<StepStatus, string> = {
  done: "done",
  "in progress": "in progress",
  "not started": "not started",
  ready: "ready to book",
};

function clauseLine(clause: ClauseDocuments): string {
  const head = `Clause ${clause.clause} ${clause.title}: ${clause.onFile} of ${clause.total} on file`;
  return clause.missing.length === 0 ? head : `${head}; missing: ${clause.missing.join("; ")}`;
}

/** The one-line summary: how many of steps 1 to 5 are done, and which comes next. */
function headline({ steps }: Journey): string {
  const before = steps.slice(0, 5);
  const next = before.find((step) => step.status !== "done");
  if (!next) return "Where we are: steps 1 to 5 are done; the certification audit is ready to book.";
  const done = before.filter((step) => step.status === "done").length;
  return `Where we are: ${done} of 5 steps before the certification audit done; next: step ${next.number}, ${next.title.toLowerCase()}.`;
}

export function journeyReply(model: Journey): Reply {
  const text = headline(model);
  const blocks: Block[] = [
    { type: "heading", text: "Where we are on the way to certification" },
    { type: "paragraph", text },
  ];
  for (const step of model.steps) {
    blocks.push({
      type: "paragraph",
      label: `${step.number}. ${step.title} (${STATUS[step.status]})`,
      text: step.summary,
    });
    if (step.missing.length > 0) blocks.push({ type: "list", items: step.missing });
    if (step.next.length > 0) blocks.push({ type: "actions", buttons: step.next });
  }
  blocks.push(
    { type: "heading", text: "Clause by clause: mandatory documented information" },
    { type: "list", items: model.clauses.map(clauseLine) },
  );
  return reply(text, blocks, "private");
}

/** Admins only: the journey needs the whole ISMS's records. */
export function journeyAnswer(ctx: ConversationContext, actor: Actor): Reply {
  const decision = ctx.permissions.check(actor.key, { type: "journey.view" });
  if (!decision.allowed) return refusal(decision);
  const settings = calendarSettings(ctx.records.reminderSettings.effective());
  return journeyReply(
    journey({
      catalogue: ctx.catalogue,
      records: ctx.records,
      clock: ctx.clock,
      internalAuditMonths: settings.internalAuditMonths,
      managementReviewMonths: settings.managementReviewMonths,
    }),
  );
}
