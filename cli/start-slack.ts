/** Starts the Slack app on the same core, database and catalogue as every other platform. */
import { deliverToDm } from "../adapters/slack/deliver.js";
import { createSlackApp } from "../adapters/slack/slack-app.js";
import { Records } from "../src/records/records.js";
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
  const { bot, close, db, knowledge } = startBot(config, clock);
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
  // Reminders reach Slack users in their DM; people of other platforms get theirs from their own adapter.
  const schedule = startReminderSchedule({
    reminders: new Reminders(new Records(db, clock), new ReminderLedger(db, clock)),
    clock,
    send: async (recipient, reply) => {
      if (!recipient.startsWith("slack:")) throw new Error(`${recipient} is not reachable from Slack`);
      await deliverToDm(app.client, recipient.slice("slack:".length), reply);
    },
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
