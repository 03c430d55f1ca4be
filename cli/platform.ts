/** What `isms start` needs from each chat platform it runs: its HTTP routes, how to start and stop, how to reach people. */
import type { Bot } from "../src/core/bot.js";
import type { Send } from "../src/scheduling/reminders.js";
import type { Db } from "../src/storage/database.js";
import type { DeliveryLedger } from "../src/storage/delivery-ledger.js";
import type { Knowledge } from "./context.js";
import type { ExportLinks } from "./export-links.js";
import type { Route } from "./http-server.js";
import type { InFlight } from "./in-flight.js";
import type { Logger } from "./log.js";

/** The parts every platform of one process shares: one core, one database, one clock. */
export interface Shared {
  bot: Bot;
  db: Db;
  knowledge: Knowledge;
  ledger: DeliveryLedger;
  clock: () => Date;
  /** Download links for exports, when the process has a public address to put in them. */
  exportLinks: ExportLinks | undefined;
  /** The process's structured log; each platform logs through a child naming it. */
  logger: Logger;
  /** Work accepted and not finished, which shutdown waits for. */
  inFlight: InFlight;
}

export interface Platform {
  /** Served on the process's one HTTP server; none for Slack in Socket Mode. */
  routes: Route[];
  /** After the HTTP server listens: connect (Socket Mode) and say where the platform is answered. */
  start(baseUrl: string): Promise<void>;
  stop(): Promise<void>;
  /** Whether this platform can deliver to the person (their platform, and a way to reach them). */
  reaches(recipient: string): boolean;
  /** Delivers a reminder, paced to the platform's limits; throws a DeliveryError when it cannot. */
  send: Send;
}
