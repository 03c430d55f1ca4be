/** Answers that give an overview: lists by theme or attribute, the themes, the clauses, what changed in 2022. */
import type { Catalogue } from "../../catalogue/catalogue.js";
import { THEMES } from "../../catalogue/types.js";
import type { ListRequest } from "../list-filter.js";
import { type Reply, reply } from "../reply.js";
import { clauseLabel, controlLabel, showButton } from "./cards.js";

export function listAnswer(catalogue: Catalogue, request: ListRequest): Reply {
  const controls = catalogue.filter(request.filter);
  const title = `${request.label} controls: ${controls.length} of ${catalogue.controls.length}`;
  if (controls.length === 0) {
    return reply(title, [
      { type: "notice", tone: "info", text: `No Annex A control has all of ${request.label}.` },
    ]);
  }
  return reply(title, [
    { type: "heading", text: title },
    { type: "list", items: controls.map(controlLabel) },
  ]);
}

export function themesAnswer(catalogue: Catalogue): Reply {
  const counts = THEMES.map((theme) => ({
    theme,
    controls: catalogue.controls.filter((control) => control.theme === theme),
  }));
  const text = `Annex A of ISO/IEC 27001:2022 has ${catalogue.controls.length} controls in 4 themes: ${counts
    .map(({ theme, controls }) => `${theme} ${controls.length}`)
    .join(", ")}.`;
  return reply(text, [
    { type: "heading", text: "Annex A controls by theme" },
    { type: "paragraph", text },
    ...counts.map(({ theme, controls }) => ({
      type: "list" as const,
      label: `${theme} (${controls.length})`,
      items: controls.map(controlLabel),
    })),
  ]);
}

export function clausesAnswer(catalogue: Catalogue): Reply {
  const top = catalogue.clauses.filter((clause) => clause.parent === undefined);
  return reply(`ISO/IEC 27001:2022 requirements: clauses ${top.map((clause) => clause.id).join(", ")}`, [
    { type: "heading", text: "ISO/IEC 27001:2022 clauses 4 to 10 (the management system requirements)" },
    ...top.map((clause) => ({
      type: "list" as const,
      label: clauseLabel(clause),
      items: catalogue.clauses.filter((other) => other.id.startsWith(`${clause.id}.`)).map(clauseLabel),
    })),
  ]);
}

export function newIn2022Answer(catalogue: Catalogue): Reply {
  const controls = catalogue.newControls;
  const text = `${controls.length} Annex A controls are new in ISO/IEC 27001:2022: ${controls.map((c) => c.id).join(", ")}.`;
  return reply(text, [
    { type: "heading", text: `${controls.length} controls new in 2022` },
    ...controls.map((control) => ({
      type: "paragraph" as const,
      label: controlLabel(control),
      text: control.summary,
    })),
    { type: "actions", buttons: controls.slice(0, 5).map((control) => showButton(control.id)) },
  ]);
}

export function changesAnswer(catalogue: Catalogue): Reply {
  const { headline, points } = catalogue.changes2022;
  const merged = catalogue.mergedControls;
  const oneToOne = catalogue.controls.filter((control) => control.replaces.length === 1);
  const mergedSources = new Set(merged.flatMap((control) => control.replaces.map((old) => old.id)));
  return reply(headline, [
    { type: "heading", text: "What changed from ISO/IEC 27001:2013 to 2022" },
    { type: "paragraph", text: headline },
    {
      type: "fields",
      fields: [
        {
          label: "Annex A controls",
          value: `${catalogue.controls.length} (2013: ${catalogue.legacyControls.length})`,
        },
        { label: "New controls", value: String(catalogue.newControls.length) },
        { label: "Merged controls", value: `${merged.length}, from ${mergedSources.size} controls of 2013` },
        { label: "Carried over one to one", value: String(oneToOne.length) },
      ],
    },
    { type: "list", items: points },
    {
      type: "actions",
      buttons: [
        { label: "What's new in 2022", ask: "what's new in 2022" },
        { label: "List the themes", ask: "list controls" },
      ],
    },
  ]);
}
