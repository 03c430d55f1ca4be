/** Shortcuts: "Log a risk" from anywhere, and "Save as evidence" on any message. */
import type { App, MessageShortcut } from "@slack/bolt";
import type { Reply } from "../../../src/core/reply.js";
import { type SlackCore, slackMessage, typedText } from "../context.js";
import { openFormOrTell } from "../deliver.js";
import { SLACK_SURFACES } from "../surfaces.js";

/** Prefills the evidence form with what the message says and where it is. */
function prefilled(reply: Reply, values: Record<string, string>): Reply {
  return {
    ...reply,
    blocks: reply.blocks.map((block) =>
      block.type === "form"
        ? {
            ...block,
            form: {
              ...block.form,
              fields: block.form.fields.map((field) =>
                values[field.name] ? { ...field, initial: values[field.name] } : field,
              ),
            },
          }
        : block,
    ),
  };
}

export function registerShortcuts(app: App, core: SlackCore): void {
  app.shortcut(SLACK_SURFACES.shortcuts.global[0], async ({ ack, shortcut, client }) => {
    await ack();
    const reply = await core.handle(slackMessage(shortcut.user.id, shortcut.user.id, "im", "log a risk"));
    await openFormOrTell(client, shortcut.trigger_id, reply, shortcut.user.id);
  });

  app.shortcut<MessageShortcut>(SLACK_SURFACES.shortcuts.message[0], async ({ ack, shortcut, client }) => {
    await ack();
    const { message, channel, user, trigger_id } = shortcut;
    const [reply, permalink] = await Promise.all([
      core.handle(slackMessage(user.id, channel.id, "channel", "submit evidence")),
      // Slack refuses permalinks in conversations the bot is not in; the message's text and files still make evidence.
      client.chat
        .getPermalink({ channel: channel.id, message_ts: message.ts })
        .then((answer) => answer.permalink ?? "")
        .catch(() => ""),
    ]);
    const files = (message.files as { name?: string; permalink?: string }[] | undefined) ?? [];
    const file = files
      .map((each) => each.name)
      .filter(Boolean)
      .join(", ")
      .slice(0, 255);
    const link = permalink || files[0]?.permalink || "";
    const text = typedText(message.text ?? "").slice(0, 2000);
    await openFormOrTell(
      client,
      trigger_id,
      prefilled(reply, {
        title: text.split("\n")[0]?.slice(0, 150) ?? "",
        description: text,
        link,
        fileName: file,
      }),
      user.id,
      channel.id,
    );
  });
}
