/**
 * How a CLI process delivers reminders and digests (`isms remind --run`, `--digest-now`): console people's messages
 * are printed; Slack people's go to their DM when Slack credentials are configured, Teams people's to their 1:1 chat
 * with the bot when Teams is; anyone else cannot be reached from here, which is recorded and reported in the admin
 * digest like any failed send.
 */
import { renderReply } from "../adapters/console/render.js";
import { deliverReminder, reminderClient } from "../adapters/slack/deliver.js";
import { DeliveryError } from "../src/scheduling/delivery-error.js";
import { pacedSend } from "../src/scheduling/paced-send.js";
import type { Send } from "../src/scheduling/reminders.js";
import type { Db } from "../src/storage/database.js";
import type { Config } from "./config.js";

export async function openDelivery(
  config: Config,
  print: (text: string) => void,
  db: Db,
): Promise<{ send: Send; close: () => void }> {
  const slack = config.slack ? reminderClient(config.slack.botToken, config.slack.apiUrl) : undefined;
  // botbuilder is large: loaded only when Teams is configured.
  const teams = config.teams
    ? (await import("./start-teams.js")).teamsReminderSender(config.teams, db, (line) => print(line))
    : undefined;
  const send: Send = async (recipient, reply) => {
    if (recipient.startsWith("console:")) {
      print(`To ${recipient}:\n${renderReply(reply).text}\n`);
      return;
    }
    if (recipient.startsWith("slack:") && slack) return deliverReminder(slack, recipient, reply);
    if (recipient.startsWith("teams:") && teams) return teams(recipient, reply);
    const platform = recipient.split(":")[0] ?? "its platform";
    throw new DeliveryError(
      "unreachable",
      `${recipient} cannot be reached: ${platform} is not configured here`,
    );
  };
  // The console needs no pacing; Slack's and Teams' pace (one message a second per conversation) is kept for everyone.
  return { send: pacedSend(send), close: () => undefined };
}
