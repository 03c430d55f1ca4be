/** Recognises what a message asks for. Anything not recognised is a search in the person's own words. */
import type { Catalogue } from "../catalogue/catalogue.js";
import { type IdMatch, resolveIds } from "../search/resolve-ids.js";
import { foldText } from "../search/text.js";
import { type ListRequest, parseListRequest } from "./list-filter.js";

export type Intent =
  | { type: "help" }
  | { type: "ids"; matches: IdMatch[] }
  | { type: "related"; matches: IdMatch[] }
  | { type: "list"; request: ListRequest }
  | { type: "new-in-2022" }
  | { type: "changes-2022" }
  | { type: "themes" }
  | { type: "clauses" }
  | { type: "search"; query: string };

const HELP =
  /^(?:help|\?|h|menu|commands|start|hi|hello|hey|what can you do|how do (?:i|you) (?:use|work)\b.*)$/;
const NEW_IN_2022 =
  /\b(?:new (?:controls?|in 2022|for 2022|since 2022|in the 2022)|(?:which|what) controls are new|whats new|added in 2022|11 new)\b/;
const CHANGES =
  /\b(?:chang\w*|differen\w*|compar\w*|transition\w*|moved?|vs|versus|upgrad\w*)\b.*\b2013\b|\b2013\b.*\b(?:chang\w*|differen\w*|2022|transition\w*)\b/;
const RELATED = /\b(?:related|similar|linked|see also)\b/;
const THEMES =
  /^(?:(?:list|show)(?: me)?(?: all)?(?: the)? (?:annex a )?(?:controls|themes)|all controls|annex a|themes|controls)$/;
const CLAUSES =
  /^(?:(?:list|show)(?: me)?(?: all)?(?: the)? clauses|clauses|(?:all )?clauses 4(?: to |-| )10)$/;

export function recognise(catalogue: Catalogue, text: string): Intent {
  const folded = foldText(text);
  if (folded === "" || HELP.test(folded)) return { type: "help" };
  const matches = resolveIds(catalogue, text);
  if (matches.length > 0)
    return RELATED.test(folded) ? { type: "related", matches } : { type: "ids", matches };
  if (THEMES.test(folded)) return { type: "themes" };
  if (CLAUSES.test(folded)) return { type: "clauses" };
  const request = parseListRequest(text);
  if (request) return { type: "list", request };
  if (NEW_IN_2022.test(folded)) return { type: "new-in-2022" };
  if (CHANGES.test(folded)) return { type: "changes-2022" };
  return { type: "search", query: text };
}
