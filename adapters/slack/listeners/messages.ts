/** DMs and @mentions: each is answered in its thread. */
import type { App } from "@slack/bolt";
import { type SlackCore, slackMessage, typedText, withoutMention } from "../context.js";
import { deliver } from "../deliver.js";

export function registerMessages(app: App, core: SlackCore): void {
  app.message(async ({ message, client }) => {
    // Only plain messages from people in a DM: no edits, joins, bot posts or channel chatter.
    if (
      message.subtype !== undefined ||
      message.channel_type !== "im" ||
      !("user" in message) ||
      !message.user
    )
      return;
    const text = typedText(message.text ?? "");
    const reply = await core.handle(slackMessage(message.user, message.channel, "im", text));
    await deliver(
      client,
      {
        user: message.user,
        channel: message.channel,
        channelType: "im",
        threadTs: message.thread_ts ?? message.ts,
      },
      reply,
    );
  });

  app.event("app_mention", async ({ event, client }) => {
    if (!event.user) return;
    const reply = await core.handle(
      slackMessage(event.user, event.channel, "channel", typedText(withoutMention(event.text))),
    );
    await deliver(
      client,
      {
        user: event.user,
        channel: event.channel,
        channelType: "channel",
        threadTs: event.thread_ts ?? event.ts,
      },
      reply,
    );
  });
}
