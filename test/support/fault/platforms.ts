/**
 * The Slack app and the Teams app on one real core and one SQLite file, as `isms start` runs them, with the fake Slack
 * Web API and the fake Bot Connector on loopback: for fault tests that need to reach into the database (hold its lock,
 * cap its size) while people use both platforms. The busy timeout and Slack's retry policy are the test's to choose.
 */
import type { Server } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type App, type Logger, LogLevel } from "@slack/bolt";
import type { RetryOptions } from "@slack/web-api";
import { createSlackApp } from "../../../adapters/slack/slack-app.js";
import { createTeamsApp, type TeamsApp } from "../../../adapters/teams/teams-app.js";
import { Bot } from "../../../src/core/bot.js";
import { Records } from "../../../src/records/records.js";
import { controlChoices, lookup, lookupControls } from "../../../src/search/lookup.js";
import { SqliteConversationRefs } from "../../../src/storage/conversation-refs.js";
import { type Db, openDatabase } from "../../../src/storage/database.js";
import { DeliveryLedger } from "../../../src/storage/delivery-ledger.js";
import { SqliteMemory } from "../../../src/storage/memory-store.js";
import { realCatalogue } from "../catalogue.js";
import { type FakeSlackApi, startFakeSlackApi } from "../slack/fake-slack-api.js";
import {
  BOT_ID,
  BOT_USER_ID,
  type PostToSlackAppOptions,
  postToSlackApp,
  type SlackAppResponse,
} from "../slack/signed-request.js";
import { type Posted, postActivity } from "../teams/activities.js";
import { type FakeConnector, startFakeConnector } from "../teams/fake-connector.js";
import { tempDir } from "../temp.js";

export const SLACK_SECRET = "0123456789abcdef0123456789abcdef";

export interface FaultPlatformsOptions {
  /** How long a write waits for another process's lock; the bot's own default when not given. */
  busyTimeoutMs?: number;
  /**
   * The Web API client's retries for answers in conversation; Bolt's own default (ten retries over about thirty
   * minutes, as `isms start` runs) when not given.
   */
  slackRetryConfig?: RetryOptions;
  /** Slack is answered only after the listener finished (true), or at `ack()` as in production (false). */
  processBeforeResponse?: boolean;
  /** The core's clock; the real time when not given. */
  clock?: () => Date;
}

export interface FaultPlatforms {
  slack: FakeSlackApi;
  connector: FakeConnector;
  db: Db;
  dbPath: string;
  records: Records;
  teams: TeamsApp;
  /** What the Slack and Teams apps logged, and every error the core reported. */
  logs: string[];
  coreErrors: unknown[];
  postSlack(body: string | object, options?: PostToSlackAppOptions): Promise<SlackAppResponse>;
  postTeams(activity: object): Promise<Posted>;
  close(): Promise<void>;
}

export async function startFaultPlatforms(options: FaultPlatformsOptions = {}): Promise<FaultPlatforms> {
  const folder = tempDir("isms-fault-");
  const slack = await startFakeSlackApi();
  const connector = await startFakeConnector();
  const clock = options.clock ?? (() => new Date());
  const dbPath = join(folder.path, "isms.db");
  const db = openDatabase(dbPath, {
    clock,
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
  });
  const records = new Records(db, clock);
  const { catalogue, search } = realCatalogue();
  const coreErrors: unknown[] = [];
  const bot = new Bot({
    catalogue,
    search,
    memory: new SqliteMemory(db),
    records,
    exportDir: join(folder.path, "exports"),
    clock,
    onError: (error) => coreErrors.push(error),
  });
  const ledger = new DeliveryLedger(db, clock);

  const logs: string[] = [];
  // Bolt's own log lines are kept with the Teams app's, not printed.
  const slackLogger: Logger = {
    debug: () => undefined,
    info: (...message) => logs.push(`slack: ${message.join(" ")}`),
    warn: (...message) => logs.push(`slack: ${message.join(" ")}`),
    error: (...message) => logs.push(`slack: ${message.join(" ")}`),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
  const slackApp: App = createSlackApp(
    {
      handle: (message) => bot.handle(message),
      searchControls: (query) => lookupControls(catalogue, search, query),
      claimDelivery: (id) => ledger.claim("slack", id),
    },
    {
      botToken: "xoxb-test-token",
      mode: { kind: "http", signingSecret: SLACK_SECRET, port: 0 },
      apiUrl: slack.url,
      botId: BOT_ID,
      botUserId: BOT_USER_ID,
      processBeforeResponse: options.processBeforeResponse ?? true,
      logger: slackLogger,
      ...(options.slackRetryConfig ? { retryConfig: options.slackRetryConfig } : {}),
    },
  );
  const slackServer = (await slackApp.start({ port: 0, host: "127.0.0.1" } as never)) as unknown as Server;
  const slackUrl = `http://127.0.0.1:${(slackServer.address() as AddressInfo).port}/slack/events`;

  const teams = createTeamsApp(
    {
      handle: (message) => bot.handle(message),
      lookup: (query) => lookup(catalogue, search, query, 8),
      claimDelivery: (id) => ledger.claim("teams", id),
      references: new SqliteConversationRefs(db, clock),
      controls: () => controlChoices(catalogue),
    },
    {
      appType: "SingleTenant",
      tenantId: "tenant-contoso",
      allowUnauthenticated: true,
      log: (line) => logs.push(line),
    },
  );
  const teamsServer = createServer((req, res) => {
    if (req.url === "/api/messages") void teams.handle(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => teamsServer.listen(0, "127.0.0.1", resolve));
  const teamsUrl = `http://127.0.0.1:${(teamsServer.address() as AddressInfo).port}/api/messages`;

  return {
    slack,
    connector,
    db,
    dbPath,
    records,
    teams,
    logs,
    coreErrors,
    postSlack: (body, postOptions) => postToSlackApp(slackUrl, body, SLACK_SECRET, postOptions),
    postTeams: (activity) => postActivity(teamsUrl, activity),
    close: async () => {
      await slackApp.stop();
      await new Promise<void>((resolve) => teamsServer.close(() => resolve()));
      await slack.close();
      await connector.close();
      db.close();
      folder.remove();
    },
  };
}
