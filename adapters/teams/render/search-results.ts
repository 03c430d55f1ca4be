/**
 * The messaging extension's answer: a list of controls and clauses, each with a short preview (a thumbnail card) and
 * the full card that goes into the message when picked. Cards put into other people's conversations carry no
 * buttons: the bot may not be there to answer them.
 */
import type { Reply } from "../../../src/core/reply.js";
import type { LookupResult } from "../../../src/search/lookup.js";
import { type AdaptiveCard, CARD_CONTENT_TYPE, card, replyToCards } from "./card.js";
import { lines, truncate } from "./text.js";

export const THUMBNAIL_CONTENT_TYPE = "application/vnd.microsoft.card.thumbnail";

export interface SearchResultAttachment {
  contentType: typeof CARD_CONTENT_TYPE;
  content: AdaptiveCard;
  preview: { contentType: typeof THUMBNAIL_CONTENT_TYPE; content: { title: string; text: string } };
}

export interface SearchExtensionResponse {
  composeExtension:
    | { type: "result"; attachmentLayout: "list"; attachments: SearchResultAttachment[] }
    | { type: "message"; text: string };
}

export function searchMessage(text: string): SearchExtensionResponse {
  return { composeExtension: { type: "message", text } };
}

/** The card to share: the core's answer without its buttons, notices or forms, which belong to a chat with the bot. */
export function shareableCard(answer: Reply | undefined, result: LookupResult): AdaptiveCard {
  const blocks = (answer?.blocks ?? []).filter(
    (block) => block.type !== "actions" && block.type !== "notice" && block.type !== "form",
  );
  const [first] = blocks.length > 0 ? replyToCards({ ...(answer as Reply), blocks }) : [];
  const title = result.kind === "topic" ? result.title : `${result.id} ${result.title}`;
  return first ?? card(lines(title, { size: "Large", weight: "Bolder" }));
}

export function searchResult(result: LookupResult, content: AdaptiveCard): SearchResultAttachment {
  const kind = { control: "Annex A control", clause: "Clause", topic: "Topic" }[result.kind];
  return {
    contentType: CARD_CONTENT_TYPE,
    content,
    preview: {
      contentType: THUMBNAIL_CONTENT_TYPE,
      content: {
        title: truncate(result.kind === "topic" ? result.title : `${result.id} ${result.title}`, 120),
        text: truncate(result.note ? `${kind} · ${result.note}` : kind, 200),
      },
    },
  };
}

export function searchResults(attachments: SearchResultAttachment[]): SearchExtensionResponse {
  return { composeExtension: { type: "result", attachmentLayout: "list", attachments } };
}
