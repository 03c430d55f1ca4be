/**
 * Concept questions made of words that search ignores ("control", "clause", "annex", "all", "every"), recognised by
 * their shape so that they reach their topic: "do we need all 93 controls?", "must we implement every control in
 * annex a?", "is annex a optional?", "what's the difference between the clauses and annex a?".
 */
import type { Catalogue } from "../catalogue/catalogue.js";
import type { Topic } from "../catalogue/types.js";
import { foldText } from "./text.js";

/** Words of obligation: "do we need…", "must we…", "do we have to implement…", "is it mandatory…". */
const NEED =
  /\b(?:need|needs|have to|has to|must|required?|implement|implementing|apply|applies|mandatory|obliged|compulsory)\b/;
const ALL_CONTROLS =
  /\b(?:all|every|each)(?: single| one)?(?: of)?(?: the)?(?: 93)?(?: annex a)? controls?\b|\ball 93\b|\bevery annex a\b/;
const CLAUSES_AND_ANNEX_A =
  /\bclauses?\b.*\bannex a\b|\bannex a\b.*\bclauses?\b|\bis annex a (?:optional|mandatory|required|compulsory)\b/;

/** The topic a question of one of these shapes is about, if any. */
export function topicQuestion(catalogue: Catalogue, text: string): Topic | undefined {
  const folded = foldText(text);
  if (ALL_CONTROLS.test(folded) && NEED.test(folded)) return catalogue.topic("risk-based-selection");
  if (CLAUSES_AND_ANNEX_A.test(folded)) return catalogue.topic("clauses-vs-annex-a");
  return undefined;
}
