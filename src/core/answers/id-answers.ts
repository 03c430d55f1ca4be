/** Answers to messages that name ids: one control or clause, "5.1" (both), 2013 ids, unknown ids, several ids. */
import type { Catalogue } from "../../catalogue/catalogue.js";
import type { Control } from "../../catalogue/types.js";
import { type IdMatch, idsNamedBy } from "../../search/resolve-ids.js";
import { type Block, type Reply, reply } from "../reply.js";
import { clauseCard, clauseLabel, controlCard, controlLabel, joinWithAnd, showButton } from "./cards.js";

function legacyAnswer(catalogue: Catalogue, match: Extract<IdMatch, { type: "legacy" }>): Reply {
  const { legacy, successors } = match;
  const names = successors.map(controlLabel).join(" and ");
  let how: string;
  if (successors.length > 1) {
    how = `In ISO/IEC 27001:2022 it is split between ${names}.`;
  } else {
    const [successor] = successors as [Control];
    const partners = successor.replaces.filter((old) => old.id !== legacy.id);
    how =
      partners.length > 0
        ? `In ISO/IEC 27001:2022 it was merged with ${joinWithAnd(partners.map((old) => `${old.id} ${old.title}`))} into ${names}.`
        : successor.title.toLowerCase() === legacy.title.toLowerCase()
          ? `In ISO/IEC 27001:2022 it became ${names}, under the same title.`
          : `In ISO/IEC 27001:2022 it became ${names}.`;
  }
  const intro = `${legacy.id} ${legacy.title} is a control of the 2013 edition. ${how}`;
  if (successors.length === 1) {
    const card = controlCard(catalogue, successors[0] as Control);
    return reply(intro, [{ type: "notice", tone: "info", text: intro }, ...card.blocks]);
  }
  return reply(intro, [
    { type: "notice", tone: "info", text: intro },
    ...successors.flatMap((successor): Block[] => [
      { type: "heading", text: controlLabel(successor) },
      { type: "paragraph", text: successor.summary },
    ]),
    { type: "actions", buttons: successors.map((successor) => showButton(successor.id)) },
  ]);
}

function ambiguousAnswer(match: Extract<IdMatch, { type: "ambiguous" }>): Reply {
  const { clause, control } = match;
  const intro = `"${clause.id}" is two different things: clause ${clause.id} of ISO/IEC 27001 (a requirement of the management system) and Annex A control ${control.id} (a security control).`;
  return reply(intro, [
    { type: "notice", tone: "info", text: intro },
    { type: "heading", text: `${clauseLabel(clause)} (management system requirement)` },
    { type: "paragraph", text: clause.summary },
    { type: "heading", text: `${controlLabel(control)} (Annex A control)` },
    { type: "paragraph", text: control.summary },
    { type: "actions", buttons: [showButton(clause.id), showButton(control.id)] },
  ]);
}

function unknownAnswer(match: Extract<IdMatch, { type: "unknown" }>): Reply {
  const hint = match.suggestions.length > 0 ? ` Did you mean ${match.suggestions.join(", ")}?` : "";
  const text = `I don't know "${match.text}". Annex A controls run from A.5.1 to A.8.34, clauses from 4 to 10.2, and 2013 controls from A.5.1.1 to A.18.2.3.${hint}`;
  return reply(text, [
    { type: "notice", tone: "warning", text },
    { type: "actions", buttons: match.suggestions.map((id) => showButton(id)) },
  ]);
}

function oneMatch(catalogue: Catalogue, match: IdMatch): Reply {
  switch (match.type) {
    case "control":
      return controlCard(catalogue, match.control);
    case "clause":
      return clauseCard(catalogue, match.clause);
    case "ambiguous":
      return ambiguousAnswer(match);
    case "legacy":
      return legacyAnswer(catalogue, match);
    case "unknown":
      return unknownAnswer(match);
  }
}

/** The ids a match leads to, for buttons: what it names, or the nearest ids to an unknown one. */
function idsOf(match: IdMatch): string[] {
  return match.type === "unknown" ? match.suggestions : idsNamedBy(match);
}

/** A short answer for one of several ids: headings, first paragraphs and notices, no long lists. */
function briefBlocks(catalogue: Catalogue, match: IdMatch): Block[] {
  const full = oneMatch(catalogue, match).blocks;
  if (match.type === "control" || match.type === "clause") return full.slice(0, 2);
  if (match.type === "unknown") return full.filter((block) => block.type === "notice");
  const brief: Block[] = [];
  for (const block of full) {
    if (block.type === "notice" || block.type === "heading") brief.push(block);
    else if (block.type === "paragraph" && !block.label && brief.at(-1)?.type === "heading")
      brief.push(block);
  }
  return brief;
}

export function idAnswer(catalogue: Catalogue, matches: IdMatch[]): Reply {
  if (matches.length === 1) return oneMatch(catalogue, matches[0] as IdMatch);
  // Several ids in one message: a short answer for each, in the order they were named.
  const blocks = matches.flatMap((match) => briefBlocks(catalogue, match));
  const ids = [...new Set(matches.flatMap(idsOf))];
  const headings = blocks.flatMap((block) => (block.type === "heading" ? [block.text] : []));
  return reply(headings.join(" · "), [
    ...blocks,
    { type: "actions", buttons: ids.slice(0, 5).map((id) => showButton(id)) },
  ]);
}

export function relatedAnswer(catalogue: Catalogue, matches: IdMatch[]): Reply {
  const first = matches[0];
  const entry =
    first?.type === "control" ? first.control : first?.type === "clause" ? first.clause : undefined;
  if (!entry) return idAnswer(catalogue, matches);
  const related = entry.related.map((id) => catalogue.entry(id)).filter((e) => e !== undefined);
  const title = entry.kind === "control" ? controlLabel(entry) : clauseLabel(entry);
  return reply(`Related to ${title}: ${related.map((e) => e.id).join(", ")}`, [
    { type: "heading", text: `Related to ${title}` },
    ...related.flatMap((e): Block[] => [
      { type: "paragraph", label: e.kind === "control" ? controlLabel(e) : clauseLabel(e), text: e.summary },
    ]),
    { type: "actions", buttons: related.slice(0, 5).map((e) => showButton(e.id)) },
  ]);
}
