/** A real Slack app (Bolt's HTTP receiver on loopback) on a real core and SQLite file, talking to a fake Slack API. */

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { App } from "@slack/bolt";
import { createSlackApp } from "../../../adapters/slack/slack-app.js";
import { Bot } from "../../../src/core/bot.js";
import { Records } from "../../../src/records/records.js";
import { lookupControls } from "../../../src/search/lookup.js";
import { openDatabase } from "../../../src/storage/database.js";
import { DeliveryLedger } from "../../../src/storage/delivery-ledger.js";
import { SqliteMemory } from "../../../src/storage/memory-store.js";
import { realCatalogue } from "../../support/catalogue.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/slack/fake-slack-api.js";
import {
  BOT_ID,
  BOT_USER_ID,
  type PostToSlackAppOptions,
  postToSlackApp,
} from "../../support/slack/signed-request.js";
import { tempDir } from "../../support/temp.js";

export const SECRET = "0123456789abcdef0123456789abcdef";

export interface SlackHarness {
  slack: FakeSlackApi;
  records: Records;
  post(body: string | object, options?: PostToSlackAppOptions): ReturnType<typeof postToSlackApp>;
  close(): Promise<void>;
}

export async function startSlackHarness(): Promise<SlackHarness> {
  const folder = tempDir();
  const slack = await startFakeSlackApi();
  const clock = () => new Date();
  const db = openDatabase(join(folder.path, "isms.db"), { clock });
  const records = new Records(db, clock);
  const { catalogue, search } = realCatalogue();
  const bot = new Bot({
    catalogue,
    search,
    memory: new SqliteMemory(db),
    records,
    exportDir: join(folder.path, "exports"),
    clock,
  });
  const ledger = new DeliveryLedger(db, clock);
  const app: App = createSlackApp(
    {
      handle: (message) => bot.handle(message),
      searchControls: (query) => lookupControls(catalogue, search, query),
      claimDelivery: (id) => ledger.claim("slack", id),
    },
    {
      botToken: "xoxb-test-token",
      mode: { kind: "http", signingSecret: SECRET, port: 0 },
      apiUrl: slack.url,
      botId: BOT_ID,
      botUserId: BOT_USER_ID,
      processBeforeResponse: true,
      retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
    },
  );
  const server = (await app.start({ port: 0, host: "127.0.0.1" } as never)) as unknown as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return {
    slack,
    records,
    post: (body, options) => postToSlackApp(url, body, SECRET, options),
    close: async () => {
      await app.stop();
      await slack.close();
      db.close();
      folder.remove();
    },
  };
}
