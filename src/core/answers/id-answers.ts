/** Answers to messages that name ids: one control or clause, "5.1" (both), 2013 ids, unknown ids, several ids. */
import type { Catalogue } from "../../catalogue/catalogue.js";
import type { Control } from "../../catalogue/types.js";
import type { IdMatch } from "../../search/resolve-ids.js";
import { type Block, type Reply, reply } from "../reply.js";
import { clauseCard, clauseLabel, controlCard, controlLabel, showButton } from "./cards.js";

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
        ? `In ISO/IEC 27001:2022 it was merged with ${partners.map((old) => `${old.id} ${old.title}`).join(", ")} into ${names}.`
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
    { type: "actions", buttons: [showButton(clause.id, `Show clause ${clause.id}`), showButton(control.id)] },
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

export function idAnswer(catalogue: Catalogue, matches: IdMatch[]): Reply {
  if (matches.length === 1) return oneMatch(catalogue, matches[0] as IdMatch);
  const answers = matches.map((match) => oneMatch(catalogue, match));
  // Several ids in one message: a short answer for each, in the order they were named.
  const blocks = answers.flatMap((answer) =>
    answer.blocks.filter((block) => block.type !== "actions").slice(0, 3),
  );
  const buttons = matches.flatMap((match) =>
    match.type === "control"
      ? [showButton(match.control.id)]
      : match.type === "clause"
        ? [showButton(match.clause.id, `Show clause ${match.clause.id}`)]
        : [],
  );
  return reply(answers.map((answer) => answer.text.split(": ")[0]).join(" · "), [
    ...blocks,
    ...(buttons.length > 0 ? [{ type: "actions" as const, buttons }] : []),
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
