/**
 * Questions the bot could not answer, in chat: anyone may pass theirs on to the ISMS admins; the admins list them
 * ("questions we could not answer"), most asked and passed-on first, and mark each answered or dismiss it.
 */
import { entryLabel } from "../core/answers/cards.js";
import { type Block, type Reply, reply } from "../core/reply.js";
import { alreadyPassedBy, markedAnsweredBefore, type OpenQuestion } from "../records/open-questions-store.js";
import type { Actor, ConversationContext } from "./context.js";
import type { OpenQuestionIntent } from "./open-question-intents.js";
import { refusal } from "./refusal.js";

/** The most questions one answer lists; the rest are counted. */
const SHOWN = 10;

const notice = (text: string, tone: "info" | "warning" = "info"): Reply =>
  reply(text, [{ type: "notice", tone, text }], "private");
const day = (iso: string) => iso.slice(0, 10);
const times = (count: number) => (count === 1 ? "once" : count === 2 ? "twice" : `${count} times`);

function passOn(ctx: ConversationContext, actor: Actor, question: string): Reply {
  const decision = ctx.permissions.check(actor.key, { type: "question.pass" });
  if (!decision.allowed) return refusal(decision);
  const [best] = ctx.search.search(question, 1);
  const repeated = alreadyPassedBy(ctx.records.questions.find(question), actor.key);
  const saved = ctx.records.transaction(() =>
    ctx.records.questions.passOn(question, actor.key, best && { id: best.entry.id, score: best.score }),
  );
  if (!saved)
    return notice("There is no question to pass on: write your question after the colon.", "warning");
  const admins = ctx.records.people.admins();
  if (admins.length === 0)
    return notice(
      `I've kept your question for the ISMS admins, but there is no ISMS admin yet: whoever runs the bot can add one with \`isms admin add <platform>:<user id>\`.`,
      "warning",
    );
  const names = admins.map((admin) => ctx.records.people.name(admin.key)).join(", ");
  if (repeated)
    return notice(
      `You have already passed this question to the ISMS admins (${names}); it is still open under 'questions we could not answer'.`,
    );
  return notice(
    `I've passed your question to the ISMS admins (${names}); they see it under 'questions we could not answer'.`,
  );
}

/** "A.8.13 Information backup", "Clause 6.1.2 …", a topic's title, or the bare id when the catalogue lost it. */
function bestGuess(ctx: ConversationContext, question: OpenQuestion): string {
  if (!question.bestId) return "no guess";
  const entry = ctx.catalogue.entry(question.bestId) ?? ctx.catalogue.topic(question.bestId);
  return entry ? entryLabel(entry) : question.bestId;
}

function questionBlocks(ctx: ConversationContext, question: OpenQuestion): Block[] {
  const first = day(question.firstAskedAt);
  const last = day(question.lastAskedAt);
  const asked =
    first === last
      ? `Asked ${times(question.timesAsked)}, on ${last}.`
      : `Asked ${times(question.timesAsked)}, first on ${first}, last on ${last}.`;
  const passed =
    question.timesPassed === 0 || !question.passedAt
      ? "Not passed on."
      : `Passed on ${times(question.timesPassed)} by ${question.passedBy.map((key) => ctx.records.people.name(key)).join(", ")}, last on ${day(question.passedAt)}.`;
  const answered = markedAnsweredBefore(question);
  const reopened = answered
    ? ` Marked answered by ${ctx.records.people.name(answered.by)} on ${day(answered.at)}; asked again since.`
    : "";
  return [
    {
      type: "paragraph",
      label: `Question ${question.id} "${question.question}"`,
      text: `${asked} ${passed}${reopened} My best guess: ${bestGuess(ctx, question)}.`,
    },
    {
      type: "actions",
      buttons: [
        { label: "Mark answered", ask: `question ${question.id} answered`, style: "primary" },
        { label: "Dismiss", ask: `dismiss question ${question.id}` },
      ],
    },
  ];
}

function listOpen(ctx: ConversationContext): Reply {
  const open = ctx.records.questions.open();
  if (open.length === 0)
    return notice("There are no open questions: every question I could not answer is answered or dismissed.");
  const title = `Questions we could not answer (${open.length} open)`;
  const more = open.length - SHOWN;
  return reply(
    title,
    [
      { type: "heading", text: title },
      {
        type: "paragraph",
        text: "Passed-on and most asked first. Once one is answered (in the catalogue, or by you to whoever asked), mark it answered; dismiss what is not a real question.",
      },
      ...open.slice(0, SHOWN).flatMap((question) => questionBlocks(ctx, question)),
      ...(more > 0
        ? [{ type: "paragraph" as const, text: `And ${more} more; close some of these to see the rest.` }]
        : []),
    ],
    "private",
  );
}

export function answerOpenQuestionIntent(
  ctx: ConversationContext,
  actor: Actor,
  intent: OpenQuestionIntent,
): Reply {
  if (intent.type === "pass-question") return passOn(ctx, actor, intent.question);
  const decision = ctx.permissions.check(actor.key, { type: "questions.manage" });
  if (!decision.allowed) return refusal(decision);
  if (intent.type === "open-questions") return listOpen(ctx);
  const closed = ctx.records.transaction(() =>
    ctx.records.questions.close(intent.id, intent.status, actor.key),
  );
  if (!closed) return notice(`There is no open question ${intent.id}.`, "warning");
  return notice(
    `Question ${closed.id} "${closed.question}" ${intent.status === "answered" ? "marked answered" : "dismissed"}; it no longer shows under 'questions we could not answer'.`,
  );
}
