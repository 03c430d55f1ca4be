/** Reads the id given to `isms control` and `isms clause`, with suggestions when it names nothing. */
import type { Catalogue } from "../src/catalogue/catalogue.js";
import type { Clause, Control, LegacyControl } from "../src/catalogue/types.js";
import type { SearchEngine } from "../src/search/engine.js";
import { nearestIds } from "../src/search/resolve-ids.js";
import { NotFoundError, UsageError } from "./errors.js";

function didYouMean(ids: string[]): string {
  return ids.length > 0 ? ` Did you mean ${ids.join(", ")}?` : "";
}

export type ControlArgument = { control: Control } | { legacy: LegacyControl; successors: Control[] };

export function controlArgument(catalogue: Catalogue, search: SearchEngine, raw: string): ControlArgument {
  const match = /^\s*(?:control\s+)?(?:a\s*[.\s]?\s*)?(\d{1,2})[.\s](\d{1,2})(?:[.\s](\d{1,2}))?\s*$/i.exec(raw);
  if (!match) {
    const guesses = search.search(raw, 3).filter((hit) => hit.entry.kind === "control");
    const hint = guesses.length > 0 ? ` Did you mean ${guesses.map((hit) => `${hit.entry.id} ${hit.entry.title}`).join(", ")}?` : "";
    throw new UsageError(`"${raw}" is not a control id; write it like A.8.9 or 8.9.${hint}`);
  }
  const [, first, second, third] = match;
  if (third !== undefined) {
    const id = `A.${Number(first)}.${Number(second)}.${Number(third)}`;
    const legacy = catalogue.legacy(id);
    if (!legacy) throw new NotFoundError(`no control ${id} in ISO/IEC 27001:2013 Annex A (A.5.1.1 to A.18.2.3).`);
    const successors = legacy.replacedBy.map((next) => catalogue.control(next)).filter((c): c is Control => !!c);
    return { legacy, successors };
  }
  const id = `A.${Number(first)}.${Number(second)}`;
  const control = catalogue.control(id);
  if (!control) {
    const all = catalogue.controls.map((c) => c.id);
    throw new NotFoundError(
      `no control ${id} in ISO/IEC 27001:2022 Annex A (A.5.1 to A.8.34).${didYouMean(nearestIds(all, id.slice(2)))}`,
    );
  }
  return { control };
}

export function clauseArgument(catalogue: Catalogue, raw: string): Clause {
  const match = /^\s*(?:clause\s+)?(\d{1,2}(?:\.\d{1,2}){0,2})\s*$/i.exec(raw);
  if (!match?.[1]) throw new UsageError(`"${raw}" is not a clause id; write it like 6.1.3 or 9.2.`);
  const id = match[1].split(".").map(Number).join(".");
  const clause = catalogue.clause(id);
  if (!clause) {
    const all = catalogue.clauses.map((c) => c.id);
    const close = nearestIds(all, id);
    throw new NotFoundError(`no clause ${id} in ISO/IEC 27001:2022 (clauses 4 to 10).${didYouMean(close)}`);
  }
  return clause;
}
