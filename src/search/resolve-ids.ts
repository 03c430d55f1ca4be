/** Turns id mentions into catalogue entries: exact controls and clauses, both for "5.1", 2013 ids to their successors. */
import type { Catalogue } from "../catalogue/catalogue.js";
import type { Clause, Control, LegacyControl } from "../catalogue/types.js";
import { findIdMentions, type IdMention } from "./ids.js";

export type IdMatch =
  | { type: "control"; control: Control }
  | { type: "clause"; clause: Clause }
  | { type: "ambiguous"; control: Control; clause: Clause } // "5.1": clause 5.1 and control A.5.1
  | { type: "legacy"; legacy: LegacyControl; successors: Control[] }
  | { type: "unknown"; text: string; suggestions: string[] };

/** Ids close to an unknown one: same first part, nearest number; "A.8.35" suggests A.8.34, A.8.33. */
function nearbyIds(catalogue: Catalogue, mention: IdMention): string[] {
  const [head, tail] = mention.number.split(".");
  const wanted = Number(tail ?? 0);
  const pool: string[] =
    mention.hint === "clause"
      ? catalogue.clauses.map((clause) => clause.id)
      : catalogue.controls.map((control) => control.id);
  return pool
    .filter((id) => id.replace(/^A\./, "").split(".")[0] === head)
    .sort((a, b) => Math.abs(Number(a.split(".").at(-1)) - wanted) - Math.abs(Number(b.split(".").at(-1)) - wanted))
    .slice(0, 3);
}

function legacyMatch(catalogue: Catalogue, id: string): IdMatch | undefined {
  const legacy = catalogue.legacy(id);
  if (!legacy) return undefined;
  const successors = legacy.replacedBy.map((next) => catalogue.control(next)).filter((c): c is Control => !!c);
  return { type: "legacy", legacy, successors };
}

export function resolveMention(catalogue: Catalogue, mention: IdMention): IdMatch | undefined {
  const { hint, number } = mention;
  const control = catalogue.control(`A.${number}`);
  const clause = catalogue.clause(number);
  const unknown = (): IdMatch => ({ type: "unknown", text: mention.text, suggestions: nearbyIds(catalogue, mention) });
  switch (hint) {
    case "control":
      return control ? { type: "control", control } : unknown();
    case "clause":
      return clause ? { type: "clause", clause } : unknown();
    case "legacy":
      return legacyMatch(catalogue, `A.${number}`) ?? unknown();
    case "any":
      if (control && clause) return { type: "ambiguous", control, clause };
      if (control) return { type: "control", control };
      if (clause) return { type: "clause", clause };
      // A bare number that is neither ("version 1.5") is not taken as an id at all.
      return legacyMatch(catalogue, `A.${number}`);
  }
}

export function resolveIds(catalogue: Catalogue, text: string): IdMatch[] {
  return findIdMentions(text)
    .map((mention) => resolveMention(catalogue, mention))
    .filter((match): match is IdMatch => match !== undefined);
}
