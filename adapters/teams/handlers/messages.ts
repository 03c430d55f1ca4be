/** Messages: questions in a 1:1 chat or with an @mention elsewhere, buttons pressed on the bot's cards, forms submitted. */
import type { TurnContext } from "botbuilder";
import { isPersonal, mentionsBot, questionText, teamsMessage } from "../activity.js";
import type { TeamsDeps } from "../context.js";
import { answer, answerSubmission } from "../deliver.js";
import { rememberSender } from "../references.js";
import { readPressed } from "../render/submit-data.js";

export async function onMessage(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const { activity } = context;
  const pressed = readPressed(activity.value);
  // In channels and group chats only what is addressed to the bot: an @mention, or a button on one of its cards.
  if (!pressed && (activity.value !== undefined || !(isPersonal(activity) || mentionsBot(activity)))) return;
  // Teams redelivers an activity it thinks was missed: answer each once.
  if (activity.id && !deps.core.claimDelivery(`${activity.conversation.id} ${activity.id}`)) return;
  rememberSender(deps, activity);

  if (pressed?.kind === "form") {
    const reply = await deps.core.handle(teamsMessage(activity, "", pressed.submission));
    await answerSubmission(deps, context, reply, pressed.submission.key);
    return;
  }
  // A button says something on the person's behalf; a bare @mention asks for help.
  const text = pressed?.kind === "ask" ? pressed.text : questionText(activity) || "help";
  await answer(deps, context, await deps.core.handle(teamsMessage(activity, text)));
}
