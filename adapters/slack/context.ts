/** What the Slack listeners share: the core, the delivery ledger, and how to reach a person. */
import type { IncomingMessage } from "../../src/core/message.js";
import type { Reply } from "../../src/core/reply.js";

export interface SlackCore {
  /** The one entry point of the core, as for every platform. */
  handle(message: IncomingMessage): Promise<Reply>;
  /** Controls matching what someone typed in a control picker (the catalogue is too large for a static list). */
  searchControls(query: string): { id: string; title: string }[];
  /** True the first time a delivery id is seen; false for Slack's retries and duplicates. */
  claimDelivery(deliveryId: string): boolean;
}

/** The neutral message for something a Slack user said or did. */
export function slackMessage(
  user: string,
  channel: string,
  channelType: string | undefined,
  text: string,
  submission?: IncomingMessage["submission"],
): IncomingMessage {
  return {
    from: { platform: "slack", userId: user },
    conversation: { id: channel, kind: channelType === "im" ? "direct" : "channel" },
    text,
    ...(submission ? { submission } : {}),
  };
}

/**
 * What a person typed, from Slack's message text: links Slack wrapped ("<https://x.example|x.example>") back to what
 * was typed, and the three characters Slack escapes (&amp; &lt; &gt;) decoded. Mentions (<@U123>) stay as they are:
 * the core reads them as people.
 */
export function typedText(text: string): string {
  return text
    .replace(
      /<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>/g,
      (_whole, url: string, label?: string) => label ?? url,
    )
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Removes the bot's own mention from "<@UBOT> what does A.8.9 require". */
export function withoutMention(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
