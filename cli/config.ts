/** Reads the configuration from the environment, once, at the edge. Nothing under src/ reads process.env. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ConfigLayer } from "../src/scheduling/reminder-config.js";
import { readConfigFile } from "./config-file.js";
import { readSlackConfig, type SlackConfig } from "./slack-config.js";

/** The folder holding package.json, from wherever this module was loaded (cli/ in tests, dist/cli/ when built). */
export function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, "package.json"))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error("cannot find the isms-bot package folder");
    folder = parent;
  }
  return folder;
}

export interface Config {
  /** The SQLite database file; ISMS_DB_PATH, by default var/isms.db in the package folder (git-ignored). */
  dbPath: string;
  /** The catalogue folder; ISMS_DATA_DIR, by default data/ in the package folder. */
  dataDir: string;
  /** Where exports asked for in chat are written: ISMS_EXPORT_DIR, by default var/exports (git-ignored). */
  exportDir: string;
  /** Reminder settings from the config file (ISMS_CONFIG, by default isms.config.yml when present). */
  reminders: ConfigLayer;
  /** Slack, when its variables are set. */
  slack: SlackConfig | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const root = packageRoot();
  return {
    dbPath: env.ISMS_DB_PATH?.trim() ? resolve(env.ISMS_DB_PATH) : join(root, "var", "isms.db"),
    dataDir: env.ISMS_DATA_DIR?.trim() ? resolve(env.ISMS_DATA_DIR) : join(root, "data"),
    exportDir: env.ISMS_EXPORT_DIR?.trim() ? resolve(env.ISMS_EXPORT_DIR) : join(root, "var", "exports"),
    reminders: readConfigFile(
      env.ISMS_CONFIG?.trim() ? resolve(env.ISMS_CONFIG) : join(root, "isms.config.yml"),
      Boolean(env.ISMS_CONFIG?.trim()),
    ).reminders,
    slack: readSlackConfig(env),
  };
}
