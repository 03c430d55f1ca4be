/**
 * The app installed, or people added where it is: their conversation references are kept, so that reminders and
 * private answers can reach each of them in a 1:1 chat before they ever write.
 */
import type { TurnContext } from "botbuilder";
import { isPersonal } from "../activity.js";
import type { TeamsDeps } from "../context.js";
import { referenceFrom, remember, rememberSender } from "../references.js";

export function onMembersAdded(deps: TeamsDeps, context: TurnContext): void {
  const { activity } = context;
  const added = activity.membersAdded ?? [];
  if (added.length === 0) return;
  // In a 1:1 chat the member added is the bot (or the person); either way the chat is the person's.
  if (isPersonal(activity)) {
    rememberSender(deps, activity);
    return;
  }
  for (const member of added) {
    if (member.id === activity.recipient?.id)
      rememberSender(deps, activity); // whoever installed the app
    else remember(deps, referenceFrom(activity, member));
  }
}

export function onInstalled(deps: TeamsDeps, context: TurnContext): void {
  if (context.activity.action?.startsWith("add")) rememberSender(deps, context.activity);
}
