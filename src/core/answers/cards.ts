/** The full answer about one control or one clause, and how any catalogue entry is named and shown. */
import type { Catalogue } from "../../catalogue/catalogue.js";
import {
  ATTRIBUTE_FAMILY_NAMES,
  type AttributeFamily,
  type Clause,
  type Control,
  type Searchable,
} from "../../catalogue/types.js";
import { type Block, type Button, type Reply, reply } from "../reply.js";

export function controlLabel(control: Control): string {
  return `${control.id} ${control.title}`;
}

export function clauseLabel(clause: Clause): string {
  return `Clause ${clause.id} ${clause.title}`;
}

/** What to type to see a control ("A.8.9"), a clause ("clause 6.1.3") or a topic ("topic 27001-vs-27002"). */
export function askFor(kind: Searchable["kind"], id: string): string {
  return kind === "control" ? id : `${kind} ${id}`;
}

/** A button that shows a control ("A.8.9") or a clause ("6.1.3"), labelled so the two cannot be confused. */
export function showButton(id: string): Button {
  return id.startsWith("A.")
    ? { label: `Show ${id}`, ask: askFor("control", id) }
    : { label: `Show clause ${id}`, ask: askFor("clause", id) };
}

/** Each button once: the first of any that ask the same. */
export function uniqueButtons(buttons: Button[]): Button[] {
  const seen = new Set<string>();
  return buttons.filter((button) => !seen.has(button.ask) && seen.add(button.ask));
}

/** A button that shows a control, a clause or a topic. */
export function showEntryButton(entry: Searchable): Button {
  return entry.kind === "topic"
    ? { label: entry.title, ask: askFor("topic", entry.id) }
    : showButton(entry.id);
}

/** How a control, clause or topic is named in a list. */
export function entryLabel(entry: Searchable): string {
  switch (entry.kind) {
    case "control":
      return controlLabel(entry);
    case "clause":
      return clauseLabel(entry);
    case "topic":
      return `${entry.title} (topic)`;
  }
}

/** "a", "a and b", "a, b and c". */
export function joinWithAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function formatAttributeValues(values: string[]): string {
  return values.map((value) => `#${value}`).join(" ");
}

function origin(control: Control): string {
  if (control.newIn2022) return "New in ISO/IEC 27001:2022 (no 2013 predecessor)";
  const olds = control.replaces.map((old) => `${old.id} ${old.title}`).join("; ");
  return control.replaces.length > 1 ? `Merges 2013 controls ${olds}` : `Replaces 2013 control ${olds}`;
}

export function controlSummaryBlocks(control: Control): Block[] {
  return [
    { type: "heading", text: controlLabel(control) },
    { type: "paragraph", text: control.summary },
    { type: "paragraph", label: "Why it matters", text: control.purpose },
  ];
}

export function controlCard(catalogue: Catalogue, control: Control): Reply {
  const related = control.related
    .map((id) => catalogue.control(id))
    .filter((c): c is Control => c !== undefined);
  return reply(`${controlLabel(control)}: ${control.summary}`, [
    ...controlSummaryBlocks(control),
    {
      type: "fields",
      fields: [
        { label: "Theme", value: `${control.theme} (clause ${control.number.split(".")[0]} of Annex A)` },
        { label: "Origin", value: origin(control) },
      ],
    },
    { type: "list", label: "How to put it in place", items: control.guidance },
    { type: "list", label: "What auditors usually ask to see", items: control.evidence },
    {
      type: "fields",
      fields: (Object.keys(ATTRIBUTE_FAMILY_NAMES) as AttributeFamily[]).map((family) => ({
        label: ATTRIBUTE_FAMILY_NAMES[family],
        value: formatAttributeValues(control.attributes[family]),
      })),
    },
    { type: "list", label: "Related controls", items: related.map(controlLabel) },
    { type: "actions", buttons: related.slice(0, 5).map((c) => showButton(c.id)) },
  ]);
}

export function clauseCard(catalogue: Catalogue, clause: Clause): Reply {
  const children = clause.children.map((id) => catalogue.clause(id)).filter((c): c is Clause => !!c);
  const parent = clause.parent ? catalogue.clause(clause.parent) : undefined;
  const related = clause.related
    .map((id) => catalogue.entry(id))
    .filter((entry) => entry !== undefined)
    .map((entry) => (entry.kind === "control" ? controlLabel(entry) : clauseLabel(entry)));
  const blocks: Block[] = [
    { type: "heading", text: clauseLabel(clause) },
    { type: "paragraph", text: clause.summary },
    { type: "paragraph", label: "Why it matters", text: clause.purpose },
    clause.documentedInformation.length > 0
      ? { type: "list", label: "Documented information it requires", items: clause.documentedInformation }
      : {
          type: "paragraph",
          label: "Documented information it requires",
          text: "None required by this clause itself.",
        },
  ];
  if (parent) blocks.push({ type: "fields", fields: [{ label: "Part of", value: clauseLabel(parent) }] });
  if (children.length > 0)
    blocks.push({ type: "list", label: "Subclauses", items: children.map(clauseLabel) });
  if (related.length > 0) blocks.push({ type: "list", label: "Related", items: related });
  const buttons = uniqueButtons(
    [...children.map((c) => c.id), ...clause.related].map((id) => showButton(id)),
  ).slice(0, 5);
  if (buttons.length > 0) blocks.push({ type: "actions", buttons });
  return reply(`${clauseLabel(clause)}: ${clause.summary}`, blocks);
}
