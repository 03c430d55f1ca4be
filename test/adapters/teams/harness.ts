/**
 * A real Teams app (botbuilder's CloudAdapter behind a Node http server on loopback) on a real core and SQLite file,
 * answering to a fake Bot Connector. Authentication is off unless the test gives an app id.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createTeamsApp, type TeamsApp, type TeamsOptions } from "../../../adapters/teams/teams-app.js";
import { Bot } from "../../../src/core/bot.js";
import { Records } from "../../../src/records/records.js";
import { controlChoices, lookup } from "../../../src/search/lookup.js";
import { SqliteConversationRefs } from "../../../src/storage/conversation-refs.js";
import { openDatabase } from "../../../src/storage/database.js";
import { DeliveryLedger } from "../../../src/storage/delivery-ledger.js";
import { SqliteMemory } from "../../../src/storage/memory-store.js";
import { realCatalogue } from "../../support/catalogue.js";
import { type Posted, postActivity } from "../../support/teams/activities.js";
import { type FakeConnector, startFakeConnector } from "../../support/teams/fake-connector.js";
import { tempDir } from "../../support/temp.js";

export const EXPORT_BASE = "https://isms.example.com/exports/";

export interface TeamsHarness {
  connector: FakeConnector;
  records: Records;
  references: SqliteConversationRefs;
  app: TeamsApp;
  /** The app's /api/messages on loopback. */
  url: string;
  /** What the app logged. */
  logs: string[];
  /** POSTs an activity to the app's /api/messages. */
  post(activity: object, options?: { authorization?: string }): Promise<Posted>;
  close(): Promise<void>;
}

export async function startTeamsHarness(
  options: Partial<TeamsOptions> = {},
  clock: () => Date = () => new Date(),
): Promise<TeamsHarness> {
  const folder = tempDir();
  const connector = await startFakeConnector();
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
  const references = new SqliteConversationRefs(db, clock);
  const logs: string[] = [];
  const app = createTeamsApp(
    {
      handle: (message) => bot.handle(message),
      lookup: (query) => lookup(catalogue, search, query, 8),
      claimDelivery: (id) => ledger.claim("teams", id),
      references,
      exportLink: (path) => `${EXPORT_BASE}${encodeURIComponent(path.split(/[\\/]/).at(-1) ?? "")}`,
      controls: () => controlChoices(catalogue),
    },
    {
      appType: "SingleTenant",
      tenantId: "tenant-contoso",
      allowUnauthenticated: true,
      log: (line) => logs.push(line),
      ...options,
    },
  );
  const server: Server = createServer((req, res) => {
    if (req.url === "/api/messages") void app.handle(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return {
    connector,
    records,
    references,
    app,
    url,
    logs,
    post: (activity, postOptions) => postActivity(url, activity, postOptions),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
      db.close();
      folder.remove();
    },
  };
}
