/** The slash command /isms: help, search, control, clause, risk, evidence, my, soa, digest. */
import type { App } from "@slack/bolt";
import { type SlackCore, slackMessage, typedText } from "../context.js";
import { openForm, uploadFiles } from "../deliver.js";
import { replyToMessages } from "../render/blocks.js";
import { SLACK_SURFACES } from "../surfaces.js";

/** Turns "/isms <sub> <rest>" into what a person would type in a DM. */
export function commandText(text: string): string {
  const [sub = "", ...words] = text.trim().split(/\s+/);
  const rest = words.join(" ");
  switch (sub.toLowerCase()) {
    case "":
    case "help":
      return "help";
    case "search":
    case "control":
      return rest || "help";
    case "clause":
      return rest ? `clause ${rest}` : "list clauses";
    case "risk":
      return /^R-?\d+$/i.test(rest)
        ? `show ${rest}`
        : rest
          ? `log a risk about ${rest.replace(/^about\s+/i, "")}`
          : "log a risk";
    case "risks":
      return "risks above appetite";
    case "evidence":
      return /^E-?\d+$/i.test(rest) ? `show ${rest}` : `submit evidence for ${rest}`.trim();
    case "my":
      return "my open items";
    case "soa":
      return "export soa";
    case "digest":
    case "readiness":
      return "audit readiness";
    default:
      return text.trim();
  }
}

export function registerCommand(app: App, core: SlackCore): void {
  app.command(SLACK_SURFACES.commands[0], async ({ command, ack, respond, client }) => {
    const reply = await core.handle(
      slackMessage(
        command.user_id,
        command.channel_id,
        command.channel_name === "directmessage" ? "im" : "channel",
        commandText(typedText(command.text)),
      ),
    );
    // Acknowledge first (Slack's 3 seconds); the trigger stays valid for the modal opened right after.
    if (reply.blocks.some((block) => block.type === "form")) {
      await ack();
      await openForm(client, command.trigger_id, reply, command.channel_id);
      return;
    }
    const files = reply.blocks.some((block) => block.type === "file");
    const [first, ...more] = replyToMessages(reply);
    await ack({
      response_type: reply.visibility === "private" ? "ephemeral" : "in_channel",
      text: first?.text ?? "",
      blocks: first?.blocks ?? [],
    });
    for (const message of more)
      await respond({
        response_type: reply.visibility === "private" ? "ephemeral" : "in_channel",
        text: message.text,
        blocks: message.blocks,
      });
    if (files) await uploadFiles(client, command.user_id, reply);
  });
}
