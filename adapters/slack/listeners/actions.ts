/** Buttons on answers: "ask" buttons say something on the person's behalf; "open_form" opens a form as a modal. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { type SlackCore, slackMessage } from "../context.js";
import { deliver, openForm } from "../deliver.js";
import { formRequest } from "../form-request.js";

export function registerActions(app: App, core: SlackCore): void {
  app.action<BlockAction<ButtonAction>>(/^ask:\d+$/, async ({ ack, body, action, client }) => {
    await ack();
    const channel = body.channel?.id ?? body.user.id;
    const channelType = body.channel?.id?.startsWith("D") ? "im" : "channel";
    const reply = await core.handle(slackMessage(body.user.id, channel, channelType, action.value ?? ""));
    const threadTs = body.message?.thread_ts ?? body.message?.ts;
    await deliver(
      client,
      {
        user: body.user.id,
        channel,
        channelType,
        triggerId: body.trigger_id,
        ...(threadTs ? { threadTs } : {}),
      },
      reply,
    );
  });

  app.action<BlockAction<ButtonAction>>("open_form", async ({ ack, body, action, client }) => {
    await ack();
    const { formId, context, initial } = JSON.parse(action.value ?? "{}") as {
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
    await openForm(client, body.trigger_id, reply, body.channel?.id);
  });
}
