/** Reads the id given to `isms control` and `isms clause`, with suggestions when it names nothing. */
import type { Catalogue } from "../src/catalogue/catalogue.js";
import type { Clause, Control, LegacyControl } from "../src/catalogue/types.js";
import type { SearchEngine } from "../src/search/engine.js";
import { type IdMatch, resolveAs } from "../src/search/resolve-ids.js";
import { NotFoundError, UsageError } from "./errors.js";

function didYouMean(ids: string[]): string {
  return ids.length > 0 ? ` Did you mean ${ids.join(", ")}?` : "";
}

function notAnId(search: SearchEngine, raw: string, kind: "control" | "clause", example: string): UsageError {
  const guesses = search.search(raw, 3).map((hit) => `${hit.entry.id} ${hit.entry.title}`);
  return new UsageError(
    `"${raw}" is not a ${kind} id; write it like ${example}.${guesses.length ? ` Did you mean ${guesses.join(", ")}?` : ""}`,
  );
}

export type ControlArgument = { control: Control } | { legacy: LegacyControl; successors: Control[] };

export function controlArgument(catalogue: Catalogue, search: SearchEngine, raw: string): ControlArgument {
  const match: IdMatch | undefined = resolveAs(catalogue, raw, "control");
  switch (match?.type) {
    case undefined:
      throw notAnId(search, raw, "control", "A.8.9 or 8.9");
    case "control":
      return { control: match.control };
    case "legacy":
      return { legacy: match.legacy, successors: match.successors };
    case "clause":
    case "ambiguous":
      throw new UsageError(`"${raw}" is a clause, not a control: try isms clause ${match.clause.id}.`);
    case "unknown": {
      const number = match.text.replace(/^\D+/, "").replace(/\s+/g, ".");
      const clause = catalogue.clause(number);
      const range =
        number.split(".").length === 3
          ? "ISO/IEC 27001:2013 Annex A (A.5.1.1 to A.18.2.3)"
          : "ISO/IEC 27001:2022 Annex A (A.5.1 to A.8.34)";
      const hint = clause
        ? ` ${clause.id} is a clause: try isms clause ${clause.id}.`
        : didYouMean(match.suggestions);
      throw new NotFoundError(`no control A.${number} in ${range}.${hint}`);
    }
  }
}

export function clauseArgument(catalogue: Catalogue, search: SearchEngine, raw: string): Clause {
  const match = resolveAs(catalogue, raw, "clause");
  switch (match?.type) {
    case undefined:
      throw notAnId(search, raw, "clause", "6.1.3 or 9.2");
    case "clause":
    case "ambiguous":
      return match.clause;
    case "control":
      throw new UsageError(`"${raw}" is a control, not a clause: try isms control ${match.control.id}.`);
    case "legacy":
      throw new UsageError(`"${raw}" is a 2013 control, not a clause: try isms control ${match.legacy.id}.`);
    case "unknown":
      throw new NotFoundError(
        `no clause ${match.text.replace(/^\D+/, "")} in ISO/IEC 27001:2022 (clauses 4 to 10).${didYouMean(match.suggestions)}`,
      );
  }
}
