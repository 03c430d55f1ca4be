/** Recognises what a message asks for. Anything not recognised is a search in the person's own words. */
import type { Catalogue } from "../catalogue/catalogue.js";
import type { Topic } from "../catalogue/types.js";
import { type IdMatch, resolveIds } from "../search/resolve-ids.js";
import { contentWords, foldText } from "../search/text.js";
import { topicQuestion } from "../search/topic-questions.js";
import { type ListRequest, parseListRequest } from "./list-filter.js";
import { recogniseSmallTalk, type SmallTalk } from "./small-talk.js";

export type Intent =
  | { type: "help" }
  | { type: "ids"; matches: IdMatch[] }
  | { type: "related"; matches: IdMatch[] }
  | { type: "list"; request: ListRequest }
  | { type: "new-in-2022" }
  | { type: "changes-2022" }
  | { type: "themes" }
  | { type: "clauses" }
  | { type: "topic"; topic: Topic }
  | { type: "topics" }
  | { type: "small-talk"; kind: SmallTalk }
  | { type: "search"; query: string };

const HELP =
  /^(?:help|\?|h|menu|commands|start|hi|hello|hey|what can you do|what do you do|how do (?:i use|you work)(?: this| you| it| the bot)?|how does (?:this|it|the bot) work)$/;
/** "what's new in 2022", "which controls are new", "new controls"; never "we hired 11 new people". */
const NEW_IN_2022 =
  /^(?:(?:what are |list |show |which are )?(?:the )?new controls(?: in 2022)?|whats new|(?:which|what) controls (?:are|were) (?:new|added)(?: in 2022)?)$|\b(?:new|added)\b.*\b2022\b|\b2022\b.*\b(?:new|added)\b/;
/** "what changed between 2013 and 2022", "2013 vs 2022", "differences from the 2013 version". */
const CHANGES =
  /\b2013\b.*\b2022\b|\b2022\b.*\b2013\b|\b(?:chang\w*|differen\w*|transition\w*)\b.*\b2013 (?:version|edition|standard|controls?)\b/;
const RELATED = /\b(?:related|similar|linked|see also)\b/;
const THEMES =
  /^(?:(?:list|show)(?: me)?(?: all)?(?: the)? (?:annex a )?(?:controls|themes)|all controls|annex a|themes|controls)$/;
/** "topic 27001-vs-27002": what a topic's button asks. */
const TOPIC = /^\s*topic:?\s+([a-z0-9-]+)\s*$/i;
/** "topics", "list topics", "explain the standard". */
const TOPICS =
  /^(?:(?:list|show)(?: me)?(?: all)?(?: the)? (?:topics|concepts)|topics|concepts|explain the standards?|(?:what|which) topics(?: can you explain| do you know)?)$/;
const CLAUSES =
  /^(?:(?:list|show)(?: me)?(?: all)?(?: the)? clauses|clauses|(?:all )?clauses 4(?: to |-| )10)$/;

export function recognise(catalogue: Catalogue, text: string): Intent {
  const folded = foldText(text);
  if (folded === "" || HELP.test(folded)) return { type: "help" };
  const named = TOPIC.exec(text);
  const topic = named?.[1] ? catalogue.topic(named[1].toLowerCase()) : undefined;
  if (topic) return { type: "topic", topic };
  if (TOPICS.test(folded)) return { type: "topics" };
  const matches = resolveIds(catalogue, text);
  // An unknown id inside a longer question ("we followed step A.4.9 of the runbook…") must not hide the question.
  const onlyUnknown = matches.every((match) => match.type === "unknown");
  if (matches.length > 0 && !(onlyUnknown && contentWords(text).length >= 3)) {
    return RELATED.test(folded) ? { type: "related", matches } : { type: "ids", matches };
  }
  if (THEMES.test(folded)) return { type: "themes" };
  if (CLAUSES.test(folded)) return { type: "clauses" };
  const request = parseListRequest(text);
  if (request) return { type: "list", request };
  if (CHANGES.test(folded)) return { type: "changes-2022" };
  const about = topicQuestion(catalogue, text);
  if (about) return { type: "topic", topic: about };
  if (NEW_IN_2022.test(folded)) return { type: "new-in-2022" };
  // "thanks", "ok", "what?": nothing to search for, so nothing to keep as a question the bot could not answer.
  const smallTalk = recogniseSmallTalk(folded);
  if (smallTalk) return { type: "small-talk", kind: smallTalk };
  return { type: "search", query: text };
}
