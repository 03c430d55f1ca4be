/**
 * Teams activities as Teams sends them to a bot (the shapes of real payloads, trimmed), and a way to POST them to the
 * app's /api/messages. Every builder takes the fake connector's URL as `serviceUrl`, where the app then answers.
 */

export const TENANT = "tenant-contoso";
export const OTHER_TENANT = "tenant-fabrikam";
export const BOT = { id: "28:isms-bot-app-id", name: "isms-bot" };
export const TEAM_CHANNEL = "19:general@thread.tacv2";

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export const user = (name: string): TeamsUser => ({
  id: `29:${name}-bf-id`,
  name: name.charAt(0).toUpperCase() + name.slice(1),
  aadObjectId: `aad-${name}`,
});

export type Activity = Record<string, unknown> & { id: string; type: string };

let sequence = 0;
export const nextId = (prefix = "m") => `${prefix}-${Date.now()}-${++sequence}`;

interface Where {
  serviceUrl: string;
  tenant?: string;
}

export interface Conversation {
  id: string;
  conversationType: "personal" | "channel" | "groupChat";
  isGroup?: boolean;
}

function base(where: Where, from: TeamsUser, conversation: Conversation) {
  const tenant = where.tenant ?? TENANT;
  return {
    channelId: "msteams",
    serviceUrl: where.serviceUrl,
    timestamp: new Date().toISOString(),
    from,
    recipient: BOT,
    conversation: { tenantId: tenant, ...conversation },
    channelData: { tenant: { id: tenant } },
  };
}

export const personalChat = (who: TeamsUser): Conversation => ({
  id: `a:personal-${who.aadObjectId}`,
  conversationType: "personal",
});
export const channelThread = (root = "1700000000000"): Conversation => ({
  id: `${TEAM_CHANNEL};messageid=${root}`,
  conversationType: "channel",
  isGroup: true,
});

/** A message in the person's 1:1 chat with the bot. */
export function personalMessage(
  where: Where,
  who: TeamsUser,
  text: string,
  extra: Record<string, unknown> = {},
) {
  return {
    ...base(where, who, personalChat(who)),
    type: "message",
    id: nextId(),
    text,
    textFormat: "plain",
    ...extra,
  };
}

/** A channel message that @mentions the bot: `<at>isms-bot</at>` in the text and a mention entity naming it. */
export function channelMention(where: Where, who: TeamsUser, text: string) {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(where, who, channelThread()),
    type: "message",
    id: nextId(),
    text: `${mention} ${text}`,
    textFormat: "plain",
    entities: [{ type: "mention", text: mention, mentioned: BOT }],
    channelData: {
      tenant: { id: where.tenant ?? TENANT },
      teamsChannelId: TEAM_CHANNEL,
      team: { id: TEAM_CHANNEL },
    },
  };
}

/** An Action.Submit pressed on the card `replyToId`: a message with the button's data and the inputs, no text. */
export function cardSubmit(
  where: Where,
  who: TeamsUser,
  value: Record<string, unknown>,
  options: { replyToId?: string; conversation?: Conversation; id?: string } = {},
) {
  return {
    ...base(where, who, options.conversation ?? personalChat(who)),
    type: "message",
    id: options.id ?? nextId(),
    value,
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
  };
}

export function invoke(where: Where, who: TeamsUser, name: string, value: unknown) {
  return { ...base(where, who, personalChat(who)), type: "invoke", id: nextId("i"), name, value };
}

/** A search typed in the messaging extension (`composeExtension/query`). */
export function extensionQuery(where: Where, who: TeamsUser, text: string, commandId = "searchControls") {
  return invoke(where, who, "composeExtension/query", {
    commandId,
    parameters: [{ name: "query", value: text }],
    queryOptions: { skip: 0, count: 25 },
  });
}

/** The app installed in a team: the bot and its installer are the members added, in the team's General channel. */
export function addedToTeam(where: Where, installer: TeamsUser, members: TeamsUser[] = []) {
  return {
    ...base(where, installer, { id: TEAM_CHANNEL, conversationType: "channel", isGroup: true }),
    type: "conversationUpdate",
    id: nextId("c"),
    membersAdded: [BOT, ...members],
    channelData: {
      tenant: { id: where.tenant ?? TENANT },
      eventType: "teamMemberAdded",
      team: { id: TEAM_CHANNEL },
    },
  };
}

/** The app installed by a person for themself. */
export function installedPersonally(where: Where, who: TeamsUser) {
  return {
    ...base(where, who, personalChat(who)),
    type: "installationUpdate",
    id: nextId("c"),
    action: "add",
  };
}

export interface Posted {
  status: number;
  text: string;
  json: unknown;
}

export async function postActivity(
  url: string,
  activity: object,
  options: { authorization?: string } = {},
): Promise<Posted> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.authorization ? { authorization: options.authorization } : {}),
    },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}
