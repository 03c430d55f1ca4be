/**
 * The Slack app of `isms start`: in HTTP mode, Bolt's receiver is mounted at /slack/events on the process's shared
 * HTTP server (Bolt still verifies every signature); in Socket Mode, it connects out and needs no route. Bolt logs
 * through the process's logger, and what its listeners still do after acknowledging counts as work in flight.
 */
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import { deliverReminder, reminderClient } from "../adapters/slack/deliver.js";
import { createSlackApp, createSlackReceiver } from "../adapters/slack/slack-app.js";
import { pacedSend } from "../src/scheduling/paced-send.js";
import { lookupControls } from "../src/search/lookup.js";
import { describeError, type Logger } from "./log.js";
import type { Platform, Shared } from "./platform.js";
import type { SlackConfig } from "./slack-config.js";

function words(parts: unknown[]): string {
  return parts.map((part) => (typeof part === "string" ? part : describeError(part))).join(" ");
}

/**
 * Bolt's and the Web API client's logger, writing to ours. Their debug lines are dropped whatever LOG_LEVEL says:
 * they carry whole payloads, with what people wrote.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const levels: Record<string, LogLevel> = {
    trace: LogLevel.DEBUG,
    debug: LogLevel.DEBUG,
    info: LogLevel.INFO,
    warn: LogLevel.WARN,
  };
  return {
    debug: () => undefined,
    info: (...parts) => logger.info(words(parts)),
    warn: (...parts) => logger.warn(words(parts)),
    error: (...parts) => logger.error(words(parts)),
    // The level is LOG_LEVEL's; Bolt asking for another one changes nothing.
    setLevel: () => undefined,
    getLevel: () => levels[logger.level] ?? LogLevel.ERROR,
    setName: () => undefined,
  };
}

export function slackPlatform(shared: Shared, slack: SlackConfig): Platform {
  const { bot, knowledge, ledger, clock, inFlight } = shared;
  const slackLog = shared.logger.child({ component: "slack" });
  const log = (line: string) => slackLog.info(line);
  const logger = boltLogger(slackLog);
  const receiver =
    slack.mode.kind === "http" ? createSlackReceiver(slack.mode.signingSecret, { logger }) : undefined;
  const app = createSlackApp(
    {
      handle: (message) => bot.handle(message),
      searchControls: (query) => lookupControls(knowledge.catalogue, knowledge.search, query),
      claimDelivery: (id) => ledger.claim("slack", id),
    },
    {
      botToken: slack.botToken,
      mode: receiver ? { kind: "mounted", receiver } : slack.mode,
      apiUrl: slack.apiUrl,
      teamId: slack.teamId,
      logger,
    },
  );
  // Bolt answers Slack before its listeners finish; shutdown waits for them through this.
  app.use(async ({ next }) => {
    await inFlight.track(next());
  });
  // Reminders reach Slack users in their DM, about one message a second per conversation.
  const reminderSlack = reminderClient(slack.botToken, slack.apiUrl, logger);
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
