/**
 * The Slack app of `isms start`: in HTTP mode, Bolt's receiver is mounted at /slack/events on the process's shared
 * HTTP server (Bolt still verifies every signature); in Socket Mode, it connects out and needs no route.
 */
import { deliverReminder, reminderClient } from "../adapters/slack/deliver.js";
import { createSlackApp, createSlackReceiver } from "../adapters/slack/slack-app.js";
import { pacedSend } from "../src/scheduling/paced-send.js";
import { lookup } from "../src/search/lookup.js";
import type { Platform, Shared } from "./platform.js";
import type { SlackConfig } from "./slack-config.js";

export function slackPlatform(shared: Shared, slack: SlackConfig): Platform {
  const { bot, knowledge, ledger, clock, log } = shared;
  const receiver = slack.mode.kind === "http" ? createSlackReceiver(slack.mode.signingSecret) : undefined;
  const app = createSlackApp(
    {
      handle: (message) => bot.handle(message),
      searchControls: (query) =>
        lookup(knowledge.catalogue, knowledge.search, query, 100).filter(
          (result) => result.kind === "control",
        ),
      claimDelivery: (id) => ledger.claim("slack", id),
    },
    {
      botToken: slack.botToken,
      mode: receiver ? { kind: "mounted", receiver } : slack.mode,
      apiUrl: slack.apiUrl,
    },
  );
  // Reminders reach Slack users in their DM, about one message a second per conversation.
  const reminderSlack = reminderClient(slack.botToken, slack.apiUrl);
  return {
    routes: receiver ? [{ method: "POST", path: "/slack/events", handle: receiver.requestListener }] : [],
    start: async (baseUrl) => {
      if (receiver) return log(`isms-bot is answering Slack at ${baseUrl}/slack/events`);
      await app.start();
      log("isms-bot is connected to Slack in Socket Mode");
    },
    stop: async () => {
      if (!receiver) await app.stop();
    },
    reaches: (recipient) => recipient.startsWith("slack:"),
    send: pacedSend((recipient, reply) => deliverReminder(reminderSlack, recipient, reply), { clock }),
  };
}
