/** Starts the Slack app on the same core, database and catalogue as every other platform. */
import { deliverReminder, reminderClient } from "../adapters/slack/deliver.js";
import { createSlackApp } from "../adapters/slack/slack-app.js";
import { pacedSend } from "../src/scheduling/paced-send.js";
import { ReminderLedger } from "../src/scheduling/reminder-ledger.js";
import { Reminders } from "../src/scheduling/reminders.js";
import { startReminderSchedule } from "../src/scheduling/schedule.js";
import { lookup } from "../src/search/lookup.js";
import { DeliveryLedger } from "../src/storage/delivery-ledger.js";
import type { Config } from "./config.js";
import { startBot } from "./context.js";
import type { SlackConfig } from "./slack-config.js";

export async function startSlack(
  config: Config,
  slack: SlackConfig,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const clock = () => new Date();
  const { bot, close, db, knowledge, records } = startBot(config, clock);
  const ledger = new DeliveryLedger(db, clock);
  const app = createSlackApp(
    {
      handle: (message) => bot.handle(message),
      searchControls: (query) =>
        lookup(knowledge.catalogue, knowledge.search, query, 100).filter(
          (result) => result.kind === "control",
        ),
      claimDelivery: (id) => ledger.claim("slack", id),
    },
    { botToken: slack.botToken, mode: slack.mode, apiUrl: slack.apiUrl },
  );
  await app.start();
  // Reminders reach Slack users in their DM, about one message a second per conversation; people of other platforms
  // get theirs from their own adapter.
  const reminderSlack = reminderClient(slack.botToken, slack.apiUrl);
  const schedule = startReminderSchedule({
    reminders: new Reminders(records, new ReminderLedger(db, clock)),
    reaches: (recipient) => recipient.startsWith("slack:"),
    clock,
    send: pacedSend((recipient, reply) => deliverReminder(reminderSlack, recipient, reply), { clock }),
    onError: (error) => log(`reminders: ${(error as Error).message}`),
  });
  log(
    slack.mode.kind === "http"
      ? `isms-bot is answering Slack at http://0.0.0.0:${slack.mode.port}/slack/events`
      : "isms-bot is connected to Slack in Socket Mode",
  );
  return async () => {
    await schedule.stop();
    await app.stop();
    close();
  };
}
