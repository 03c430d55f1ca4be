/** Builds what the commands need from the configuration: the catalogue, its search, and (for chat) the bot. */
import type { Catalogue } from "../src/catalogue/catalogue.js";
import { loadCatalogue } from "../src/catalogue/load.js";
import { Bot } from "../src/core/bot.js";
import { Records } from "../src/records/records.js";
import { SearchEngine } from "../src/search/engine.js";
import { type Db, openDatabase } from "../src/storage/database.js";
import { SqliteMemory } from "../src/storage/memory-store.js";
import type { Config } from "./config.js";

export interface Knowledge {
  catalogue: Catalogue;
  search: SearchEngine;
}

export function loadKnowledge(config: Config): Knowledge {
  const catalogue = loadCatalogue(config.dataDir);
  return { catalogue, search: new SearchEngine(catalogue) };
}

export function startBot(
  config: Config,
  clock: () => Date = () => new Date(),
  /** Told about a message the bot could not answer (the person got an apology): for the log. */
  onError?: (error: unknown) => void,
): { bot: Bot; close: () => void; db: Db; knowledge: Knowledge; records: Records } {
  const knowledge = loadKnowledge(config);
  const db = openDatabase(config.dbPath, { clock });
  const records = new Records(db, clock, config.reminders);
  const bot = new Bot({
    ...knowledge,
    memory: new SqliteMemory(db),
    records,
    exportDir: config.exportDir,
    clock,
    ...(onError ? { onError } : {}),
  });
  return { bot, close: () => db.close(), db, knowledge, records };
}

/** The records alone, for the admin commands of the CLI. */
export function openRecords(
  config: Config,
  clock: () => Date = () => new Date(),
): { records: Records; close: () => void } {
  const db = openDatabase(config.dbPath, { clock });
  return { records: new Records(db, clock, config.reminders), close: () => db.close() };
}
