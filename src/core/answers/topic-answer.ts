/** The answer about a concept topic ("27001 vs 27002", "what is an SoA"): our explanation, then where it is in the standard. */
import type { Catalogue } from "../../catalogue/catalogue.js";
import type { Topic } from "../../catalogue/types.js";
import { type Block, type Reply, reply } from "../reply.js";
import { entryLabel, showButton, showEntryButton } from "./cards.js";

/** At most this many buttons: the clauses and controls the topic mentions first, then related topics. */
const MAX_BUTTONS = 5;

export function topicCard(catalogue: Catalogue, topic: Topic): Reply {
  const links = topic.links.map((id) => catalogue.entry(id)).filter((entry) => entry !== undefined);
  const related = topic.related.map((id) => catalogue.topic(id)).filter((other) => other !== undefined);
  const blocks: Block[] = [
    { type: "heading", text: topic.title },
    { type: "paragraph", text: topic.summary },
    { type: "list", items: topic.points },
  ];
  if (links.length > 0) blocks.push({ type: "list", label: "In the standard", items: links.map(entryLabel) });
  if (related.length > 0)
    blocks.push({ type: "list", label: "Related topics", items: related.map((t) => t.title) });
  const buttons = [
    ...links.slice(0, 3).map((entry) => showButton(entry.id)),
    ...related.map(showEntryButton),
    ...links.slice(3).map((entry) => showButton(entry.id)),
  ].slice(0, MAX_BUTTONS);
  if (buttons.length > 0) blocks.push({ type: "actions", buttons });
  return reply(`${topic.title}: ${topic.summary}`, blocks);
}

/** Every topic, for "topics": what the bot can explain beyond single clauses and controls. */
export function topicsAnswer(catalogue: Catalogue): Reply {
  const text = `I can explain ${catalogue.topics.length} topics about ISO/IEC 27001 and 27002. Ask in your own words, or pick one.`;
  return reply(text, [
    { type: "heading", text: "Topics I can explain" },
    { type: "paragraph", text },
    { type: "list", items: catalogue.topics.map((topic) => `${topic.title}: ${topic.summary}`) },
    { type: "actions", buttons: catalogue.topics.slice(0, 5).map(showEntryButton) },
  ]);
}
