/** The answer to a question in everyday words: the best match in full, other good matches, or an honest "not sure". */
import type { Catalogue } from "../../catalogue/catalogue.js";
import { passOnButton } from "../../conversations/open-question-intents.js";
import type { SearchHit } from "../../search/engine.js";
import { type Reply, reply } from "../reply.js";
import { clauseCard, controlCard, entryLabel as label, showEntryButton, uniqueButtons } from "./cards.js";
import { topicCard } from "./topic-answer.js";

/** Below this score a match is shown as a suggestion ("did you mean"), not as the answer. */
export const CONFIDENT_SCORE = 0.35;

/** Said when the bot is not sure: a person may hand the question on (the admins list what was handed on). */
const PASS_ON_OFFER =
  "I can pass your question to the ISMS manager, who sees it with the others I could not answer.";

/** The question as quoted back: one line, at most 80 characters. */
function quoted(query: string): string {
  const line = query.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

export function searchAnswer(catalogue: Catalogue, question: string, hits: SearchHit[]): Reply {
  const query = quoted(question);
  const [best, ...others] = hits;
  if (!best) {
    const text = `I found nothing about "${query}" in ISO/IEC 27001:2022. Try other words (for example "backup", "password", "visitor"), a control id such as A.8.9, or "help".`;
    return reply(text, [
      { type: "notice", tone: "warning", text },
      { type: "paragraph", text: PASS_ON_OFFER },
      { type: "actions", buttons: [passOnButton(question)] },
    ]);
  }
  if (best.score < CONFIDENT_SCORE) {
    const text = `I'm not sure what "${query}" is about. Did you mean one of these?`;
    return reply(text, [
      { type: "notice", tone: "warning", text },
      { type: "list", items: hits.slice(0, 3).map((hit) => label(hit.entry)) },
      { type: "paragraph", text: `None of these? ${PASS_ON_OFFER}` },
      {
        type: "actions",
        buttons: [...hits.slice(0, 3).map((hit) => showEntryButton(hit.entry)), passOnButton(question)],
      },
    ]);
  }
  const card =
    best.entry.kind === "control"
      ? controlCard(catalogue, best.entry)
      : best.entry.kind === "clause"
        ? clauseCard(catalogue, best.entry)
        : topicCard(catalogue, best.entry);
  // What the card already lists (a topic's clauses and controls, a control's related ones) is not named twice.
  const listed = new Set(card.blocks.flatMap((block) => (block.type === "list" ? block.items : [])));
  const alsoRelevant = others
    .filter((hit) => hit.score >= Math.max(CONFIDENT_SCORE, best.score * 0.6))
    .filter((hit) => !listed.has(label(hit.entry)))
    .slice(0, 2);
  const blocks = [...card.blocks];
  if (alsoRelevant.length > 0) {
    // The card's own buttons go last; the other matches come before them.
    const actions = blocks.findIndex((block) => block.type === "actions");
    blocks.splice(actions === -1 ? blocks.length : actions, 0, {
      type: "list",
      label: "Also relevant",
      items: alsoRelevant.map((hit) => label(hit.entry)),
    });
    const buttons = alsoRelevant.map((hit) => showEntryButton(hit.entry));
    const existing = blocks.find((block) => block.type === "actions");
    if (existing) existing.buttons = uniqueButtons([...buttons, ...existing.buttons]).slice(0, 5);
    else blocks.push({ type: "actions", buttons });
  }
  return reply(card.text, blocks, card.visibility);
}
