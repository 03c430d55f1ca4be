/**
 * One ranked answer list for any query: ids first (exact, score 1), then controls, clauses and topics matched in
 * everyday words.
 * This is what the CLI's `search`, the benchmark and the chat all rank by.
 */
import type { Catalogue } from "../catalogue/catalogue.js";
import type { Searchable } from "../catalogue/types.js";
import { MAX_WORD_SCORE, type SearchEngine } from "./engine.js";
import { resolveIds } from "./resolve-ids.js";
import { topicQuestion } from "./topic-questions.js";

export interface LookupResult {
  kind: Searchable["kind"];
  id: string;
  title: string;
  score: number;
  /** Why an exact result is there when it is not obvious: "replaces A.12.1.2 (2013)", "clause 5.1 and control A.5.1". */
  note?: string;
}

function result(entry: Searchable, score: number, note?: string): LookupResult {
  return { kind: entry.kind, id: entry.id, title: entry.title, score, ...(note ? { note } : {}) };
}

export function lookup(catalogue: Catalogue, engine: SearchEngine, query: string, limit = 5): LookupResult[] {
  const named: LookupResult[] = [];
  for (const match of resolveIds(catalogue, query)) {
    switch (match.type) {
      case "control":
        named.push(result(match.control, 1));
        break;
      case "clause":
        named.push(result(match.clause, 1));
        break;
      case "ambiguous": {
        const note = `"${match.clause.id}" is both clause ${match.clause.id} and control ${match.control.id}`;
        named.push(result(match.clause, 1, note), result(match.control, 1, note));
        break;
      }
      case "legacy":
        for (const successor of match.successors) {
          named.push(result(successor, 1, `replaces ${match.legacy.id} ${match.legacy.title} (2013)`));
        }
        break;
      case "unknown":
        break;
    }
  }
  // A concept question whose words search ignores ("do we need all 93 controls?") leads to its topic.
  const topic = named.length === 0 ? topicQuestion(catalogue, query) : undefined;
  if (topic) named.push(result(topic, MAX_WORD_SCORE));
  // One result per entry, where it first appears ("A.12.1.2 A.14.2.2" both lead to A.8.32).
  const seen = new Set<string>();
  const results = named.filter((found) => !seen.has(found.id) && seen.add(found.id));
  for (const hit of engine.search(query, limit + results.length)) {
    if (results.length >= limit) break;
    if (seen.has(hit.entry.id)) continue;
    seen.add(hit.entry.id);
    results.push(result(hit.entry, hit.score));
  }
  return results.slice(0, limit);
}

/** Controls matching what someone typed in a control picker (the catalogue is too large for a static list). */
export function lookupControls(catalogue: Catalogue, engine: SearchEngine, query: string): LookupResult[] {
  return lookup(catalogue, engine, query, 100).filter((result) => result.kind === "control");
}

/** Every control as a choice: its id and title, for pickers that list them all. */
export function controlChoices(catalogue: Catalogue): { id: string; title: string }[] {
  return catalogue.controls.map(({ id, title }) => ({ id, title }));
}
