/** Buttons on answers: "ask" buttons say something on the person's behalf; "open_form" opens a form as a modal. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { formRequest } from "../../../src/conversations/form-request.js";
import { type SlackCore, slackMessage } from "../context.js";
import { deliver, openFormOrTell } from "../deliver.js";

export function registerActions(app: App, core: SlackCore): void {
  app.action<BlockAction<ButtonAction>>(/^ask:\d+$/, async ({ ack, body, action, client, respond }) => {
    await ack();
    // Buttons on the Home tab or in a modal have no conversation: their answers go to the person's DM.
    const channel = body.channel?.id;
    const channelType = !channel || channel.startsWith("D") ? "im" : "channel";
    const reply = await core.handle(
      slackMessage(body.user.id, channel ?? body.user.id, channelType, action.value ?? ""),
    );
    const threadTs = body.message?.thread_ts ?? body.message?.ts;
    await deliver(
      client,
      {
        user: body.user.id,
        channel,
        channelType,
        triggerId: body.trigger_id,
        ...(body.response_url ? { respond } : {}),
        ...(threadTs ? { threadTs } : {}),
      },
      reply,
    );
  });

  app.action<BlockAction<ButtonAction>>("open_form", async ({ ack, body, action, client }) => {
    await ack();
    const { formId, context, initial } = parseOpenForm(action.value) as {
      formId: string;
      context?: Record<string, string>;
      initial?: Record<string, string | string[]>;
    };
    // The core re-creates the form (it owns forms and who may fill them); the button only says which one.
    const reply = await core.handle(
      slackMessage(
        body.user.id,
        body.channel?.id ?? body.user.id,
        "channel",
        formRequest(formId, context, initial),
      ),
    );
    await openFormOrTell(client, body.trigger_id, reply, body.user.id, body.channel?.id);
  });
}

/** The button's value; a value that is not ours opens the risk form, the one anybody may fill. */
function parseOpenForm(value: string | undefined): unknown {
  try {
    return JSON.parse(value ?? "{}");
  } catch {
    return { formId: "new-risk" };
  }
}
