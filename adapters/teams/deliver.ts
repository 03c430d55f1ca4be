/**
 * Sends the core's replies to Teams: in the conversation asked in, or (private answers asked in a channel or group
 * chat) in the person's 1:1 chat with a short public note; a form's next state replaces its card in place; reminders
 * continue the person's stored 1:1 chat, with Teams' errors translated into the core's DeliveryError.
 */
import type { Activity, TurnContext } from "botbuilder";
import type { Reply } from "../../src/core/reply.js";
import { DeliveryError } from "../../src/scheduling/delivery-error.js";
import { isPersonal, PLATFORM, personOf } from "./activity.js";
import type { TeamsDeps } from "./context.js";
import { toDeliveryError } from "./errors.js";
import { inPersonalChat, type Reference, referenceFrom, storedReference } from "./references.js";
import { type AdaptiveCard, CARD_CONTENT_TYPE, replyToCards } from "./render/card.js";
import { truncate } from "./render/text.js";

export const SENT_PRIVATELY = "I've sent you the details privately, in our 1:1 chat.";

function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  return {
    type: "message",
    attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
    ...(summary ? { summary } : {}),
  };
}

/** The reply as message activities, one card each; `formKey` keeps the submission key of a form shown again. */
export function replyActivities(deps: TeamsDeps, reply: Reply, formKey?: string): Partial<Activity>[] {
  const controls = deps.core.controls?.();
  const exportLink = deps.core.exportLink?.bind(deps.core);
  const cards = replyToCards(reply, {
    ...(formKey ? { formKey } : {}),
    ...(controls ? { controls } : {}),
    ...(exportLink ? { exportLink } : {}),
  });
  const summary = truncate(reply.text.replace(/\s+/g, " ").trim(), 200);
  return cards.map((card) => cardActivity(card, summary));
}

/** The person's 1:1 chat as stored, else the way to open one from where they are writing now. */
function personalReference(deps: TeamsDeps, context: TurnContext): Reference {
  const person = personOf(context.activity.from);
  const stored = person ? storedReference(deps, person) : undefined;
  return stored?.conversation.conversationType === "personal" ? stored : referenceFrom(context.activity);
}

/** Answers in the turn: where the person asked, or, for a private reply in a shared conversation, in their 1:1 chat. */
export async function answer(
  deps: TeamsDeps,
  context: TurnContext,
  reply: Reply,
  formKey?: string,
): Promise<void> {
  const activities = replyActivities(deps, reply, formKey);
  if (reply.visibility === "private" && !isPersonal(context.activity)) {
    await inPersonalChat(deps, personalReference(deps, context), async (chat) => {
      await chat.sendActivities(activities);
    });
    await context.sendActivity(SENT_PRIVATELY);
    return;
  }
  await context.sendActivities(activities);
}

/**
 * Answers a form submission: the form card the person submitted is replaced in place by what comes next (the form
 * again with its errors, or the confirmation), unless that would show a private reply in a shared conversation.
 */
export async function answerSubmission(
  deps: TeamsDeps,
  context: TurnContext,
  reply: Reply,
  key: string,
): Promise<void> {
  const [only, ...more] = replyActivities(deps, reply, key);
  const cardId = context.activity.replyToId;
  const inPlace = reply.visibility === "public" || isPersonal(context.activity);
  if (only && more.length === 0 && cardId && inPlace) {
    try {
      await context.updateActivity({ ...only, id: cardId });
      return;
    } catch (error) {
      deps.log(
        `isms-bot could not update the form card in Teams (${toDeliveryError(error).message}); sending it anew`,
      );
    }
  }
  await answer(deps, context, reply, key);
}

/** A reminder or digest to a Teams person's 1:1 chat; anyone else, or someone never met, is unreachable from here. */
export async function sendToPerson(deps: TeamsDeps, recipient: string, reply: Reply): Promise<void> {
  if (!recipient.startsWith(`${PLATFORM}:`))
    throw new DeliveryError("unreachable", `${recipient} is not a Teams user`);
  const reference = storedReference(deps, recipient);
  if (!reference)
    throw new DeliveryError("unreachable", `${recipient} has not installed the app or spoken to it yet`);
  const activities = replyActivities(deps, reply);
  try {
    await inPersonalChat(deps, reference, async (chat) => {
      await chat.sendActivities(activities);
    });
  } catch (error) {
    throw toDeliveryError(error);
  }
}
