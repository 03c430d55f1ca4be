/** Reading Teams activities in the core's terms: who wrote (person key), where, what they asked, from which tenant. */
import { type Activity, type ChannelAccount, TurnContext } from "botbuilder";
import type { IncomingMessage } from "../../src/core/message.js";
import { personKey } from "../../src/records/people-store.js";

export const PLATFORM = "teams";

/** A Teams account as the core knows it: its Entra (AAD) object id, else its Bot Framework id. */
export function teamsUserId(account: Partial<ChannelAccount> | undefined): string | undefined {
  return account?.aadObjectId || account?.id || undefined;
}

export function personOf(account: Partial<ChannelAccount> | undefined): string | undefined {
  const id = teamsUserId(account);
  return id ? personKey(PLATFORM, id) : undefined;
}

/** A 1:1 chat with the bot; channels and group chats are shared. */
export function isPersonal(activity: Partial<Activity>): boolean {
  return activity.conversation?.conversationType === "personal";
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = channelData?.tenant?.id;
  return typeof fromChannelData === "string" ? fromChannelData : activity.conversation?.tenantId;
}

/** True when a message in a shared conversation @mentions the bot (Teams sends channel messages only then, mostly). */
export function mentionsBot(activity: Activity): boolean {
  return TurnContext.getMentions(activity).some(
    (mention) => mention.mentioned?.id === activity.recipient?.id,
  );
}

const ENTITIES: Record<string, string> = {
  "&nbsp;": " ",
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
};

/** What the person asked: the bot's mention removed, other mentions reduced to the name, spaces tidied. */
export function questionText(activity: Activity): string {
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? "";
  return text
    .replace(/<at>([^<]*)<\/at>/gi, "$1")
    .replace(/&(?:nbsp|amp|lt|gt|quot);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, " ")
    .trim();
}

/** The neutral message for something a Teams user said or submitted. */
export function teamsMessage(
  activity: Activity,
  text: string,
  submission?: IncomingMessage["submission"],
): IncomingMessage {
  const name = activity.from?.name?.trim();
  return {
    from: {
      platform: PLATFORM,
      userId: teamsUserId(activity.from) ?? "unknown",
      ...(name ? { displayName: name } : {}),
    },
    conversation: { id: activity.conversation.id, kind: isPersonal(activity) ? "direct" : "channel" },
    text,
    ...(submission ? { submission } : {}),
  };
}
