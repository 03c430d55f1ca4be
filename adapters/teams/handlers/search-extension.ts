/**
 * The search messaging extension: controls and clauses for what someone types in the compose box, each as the card
 * the bot would answer with. Teams waits at most 5 s for the answer, so cards stop being built after a budget and the
 * remaining results go out as title cards.
 */
import type { MessagingExtensionQuery, TurnContext } from "botbuilder";
import { askFor } from "../../../src/core/answers/cards.js";
import type { Reply } from "../../../src/core/reply.js";
import { teamsMessage } from "../activity.js";
import type { TeamsDeps } from "../context.js";
import {
  type SearchExtensionResponse,
  type SearchResultAttachment,
  searchMessage,
  searchResult,
  searchResults,
  shareableCard,
} from "../render/search-results.js";
import { TEAMS_SURFACES } from "../surfaces.js";

const BUDGET_MS = 3000;
const MAX_RESULTS = 10;

export const SEARCH_HINT =
  "Type a control or clause (A.8.9, 6.1.3, A.12.1.2) or a few words (backups, working from home).";

/** What was typed: the command's parameter; Teams sends "initialRun" when the extension first opens. */
function typed(query: MessagingExtensionQuery): string {
  const parameter = (query.parameters ?? []).find((each) => each.name !== "initialRun");
  return typeof parameter?.value === "string"
    ? parameter.value.replace(/\s+/g, " ").trim().slice(0, 200)
    : "";
}

export async function searchExtension(
  deps: TeamsDeps,
  context: TurnContext,
  query: MessagingExtensionQuery,
  clock: () => number = Date.now,
): Promise<SearchExtensionResponse> {
  const known = TEAMS_SURFACES.messagingExtension.some((command) => command.id === query.commandId);
  if (!known) return searchMessage("This search is not one isms-bot knows.");
  const text = typed(query);
  if (!text) return searchMessage(SEARCH_HINT);
  // Every result comes on the first page.
  if ((query.queryOptions?.skip ?? 0) > 0) return searchResults([]);
  const found = deps.core.lookup(text).slice(0, MAX_RESULTS);
  if (found.length === 0)
    return searchMessage(
      `Nothing in Annex A or clauses 4–10 matches "${text}". Try other words, or an id such as A.8.9.`,
    );
  const started = clock();
  const attachments: SearchResultAttachment[] = [];
  for (const result of found) {
    let answer: Reply | undefined;
    if (clock() - started < BUDGET_MS) {
      const ask = askFor(result.kind, result.id);
      answer = await deps.core.handle(teamsMessage(context.activity, ask));
    }
    attachments.push(
      searchResult(result, shareableCard(answer?.visibility === "public" ? answer : undefined, result)),
    );
  }
  return searchResults(attachments);
}
