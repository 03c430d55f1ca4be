/**
 * Where the bot can write to a person first. A 1:1 chat's conversation reference is kept as soon as the app is
 * installed or the person writes. A channel's or group chat's is kept only to open a 1:1 chat from it later (nothing
 * is ever sent to the shared conversation itself, so nothing private lands there), and never over a known 1:1 chat.
 */
import { type Activity, type ChannelAccount, type ConversationReference, TurnContext } from "botbuilder";
import { PLATFORM, personOf, tenantOf } from "./activity.js";
import type { TeamsDeps } from "./context.js";

export type Reference = Partial<ConversationReference> & Pick<ConversationReference, "conversation">;

/** The reference for `user` as seen in `activity`'s conversation (the sender's by default). */
export function referenceFrom(activity: Partial<Activity>, user?: Partial<ChannelAccount>): Reference {
  const { activityId: _, ...reference } = TurnContext.getConversationReference(activity);
  const tenantId = tenantOf(activity);
  return {
    ...reference,
    ...(user ? { user: user as ChannelAccount } : {}),
    conversation: { ...reference.conversation, ...(tenantId ? { tenantId } : {}) },
  } as Reference;
}

const personal = (reference: Reference | undefined) =>
  reference?.conversation?.conversationType === "personal";

export function storedReference(deps: TeamsDeps, person: string): Reference | undefined {
  const json = deps.core.references.get(person);
  if (!json) return undefined;
  try {
    const parsed = JSON.parse(json) as Reference;
    return parsed?.conversation && parsed.serviceUrl ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the reference of the person it names (its `user`); a shared conversation's never replaces a 1:1 chat's. */
export function remember(deps: TeamsDeps, reference: Reference): void {
  const person = personOf(reference.user);
  if (!person || !reference.serviceUrl) return;
  if (!personal(reference) && personal(storedReference(deps, person))) return;
  const json = JSON.stringify(reference);
  if (deps.core.references.get(person) !== json) deps.core.references.save(person, PLATFORM, json);
}

/** Remembers the sender of an activity, wherever they wrote from. */
export function rememberSender(deps: TeamsDeps, activity: Activity): void {
  if (activity.from && activity.from.id !== activity.recipient?.id) remember(deps, referenceFrom(activity));
}

/**
 * Runs `logic` in the person's 1:1 chat with the bot: continues the known one, or opens one from what a shared
 * conversation tells (the service, the tenant, the bot and the person's account) and keeps it for next time. A
 * failure inside `logic` is thrown here (botbuilder would otherwise hand it to the adapter's turn error handler).
 */
export async function inPersonalChat(
  deps: TeamsDeps,
  reference: Reference,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  const guarded = async (context: TurnContext) => {
    try {
      await logic(context);
    } catch (error) {
      failure = { error };
    }
  };
  await openOrContinue(deps, reference, guarded);
  if (failure) throw failure.error;
}

async function openOrContinue(
  deps: TeamsDeps,
  reference: Reference,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  if (personal(reference)) {
    await deps.adapter.continueConversationAsync(deps.appId, reference, logic);
    return;
  }
  const { serviceUrl, user, bot } = reference;
  const tenantId = reference.conversation.tenantId ?? deps.tenantId;
  if (!serviceUrl || !user || !bot) throw new Error("the stored conversation cannot open a 1:1 chat");
  await deps.adapter.createConversationAsync(
    deps.appId,
    reference.channelId ?? "msteams",
    serviceUrl,
    // No audience: botbuilder then uses the channel scope of the configured cloud.
    undefined as unknown as string,
    {
      isGroup: false,
      bot,
      members: [user],
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : { channelData: {} }),
    },
    async (context) => {
      const opened = referenceFrom(context.activity, user);
      remember(deps, {
        ...opened,
        conversation: { ...opened.conversation, conversationType: "personal", isGroup: false },
      });
      await logic(context);
    },
  );
}
