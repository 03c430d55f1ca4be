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

/** Ids close to an unknown number: same first part, nearest last part; "8.35" suggests A.8.34, A.8.33. */
/** The controls and clauses a match names: both for "5.1", every successor of a 2013 id, none for an unknown id. */
export function idsNamedBy(match: IdMatch): string[] {
  switch (match.type) {
    case "control":
      return [match.control.id];
    case "clause":
      return [match.clause.id];
    case "ambiguous":
      return [match.clause.id, match.control.id];
    case "legacy":
      return match.successors.map((successor) => successor.id);
    case "unknown":
      return [];
  }
}

export function nearestIds(pool: readonly string[], number: string): string[] {
  const parts = number.split(".");
  const head = parts[0];
  const wanted = parts.length > 1 ? Number(parts.at(-1)) : 0;
  const last = (id: string) => Number(id.split(".").at(-1));
  return pool
    .filter((id) => id.replace(/^A\./, "").split(".")[0] === head)
    .sort((a, b) => Math.abs(last(a) - wanted) - Math.abs(last(b) - wanted))
    .slice(0, 3);
}

function nearbyIds(catalogue: Catalogue, mention: IdMention): string[] {
  const pool = (mention.hint === "clause" ? catalogue.clauses : catalogue.controls).map((entry) => entry.id);
  return nearestIds(pool, mention.number);
}

function legacyMatch(catalogue: Catalogue, id: string): IdMatch | undefined {
  const legacy = catalogue.legacy(id);
  if (!legacy) return undefined;
  const successors = legacy.replacedBy
    .map((next) => catalogue.control(next))
    .filter((c): c is Control => !!c);
  return { type: "legacy", legacy, successors };
}

export function resolveMention(catalogue: Catalogue, mention: IdMention): IdMatch | undefined {
  const { hint, number } = mention;
  const control = catalogue.control(`A.${number}`);
  const clause = catalogue.clause(number);
  const unknown = (): IdMatch => ({
    type: "unknown",
    text: mention.text,
    suggestions: nearbyIds(catalogue, mention),
  });
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

/**
 * Reads one id typed where its kind is already known (`isms control 8.9`, `isms clause 6.1.3`). Returns undefined
 * when the text is not an id at all; a bare number is taken as the kind asked for.
 */
export function resolveAs(
  catalogue: Catalogue,
  raw: string,
  kind: "control" | "clause",
): IdMatch | undefined {
  const text = raw.trim();
  const [mention, ...more] = findIdMentions(kind === "clause" && /^\d/.test(text) ? `clause ${text}` : text);
  if (!mention || more.length > 0) return undefined;
  const coversAll = mention.text.length >= text.length || mention.text.endsWith(text);
  if (!coversAll) return undefined;
  if (mention.hint === "any") {
    const parts = mention.number.split(".").length;
    const hint = kind === "clause" ? "clause" : parts === 3 ? "legacy" : "control";
    return resolveMention(catalogue, { ...mention, hint });
  }
  return resolveMention(catalogue, mention);
}
