/** Reads the configuration from the environment, once, at the edge. Nothing under src/ reads process.env. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { ConfigLayer } from "../src/scheduling/reminder-config.js";
import { ConfigError } from "./config-error.js";
import { readConfigFile } from "./config-file.js";
import { LOG_LEVELS, type LogLevel } from "./log.js";
import { readSlackConfig, type SlackConfig } from "./slack-config.js";
import { readTeamsConfig, type TeamsConfig } from "./teams-config.js";

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
  /** The HTTP port for Slack's /slack/events, Teams' /api/messages and export links: PORT, by default 3000. */
  port: number;
  /**
   * The bot's public HTTPS address (ISMS_PUBLIC_URL, no trailing slash): export links offered in Teams point there.
   * Without it, Teams people are told to ask for the file instead.
   */
  publicUrl: string | undefined;
  /** Slack, when its variables are set. */
  slack: SlackConfig | undefined;
  /** Microsoft Teams, when its variables are set. */
  teams: TeamsConfig | undefined;
  /**
   * How much is logged (JSON lines): LOG_LEVEL. Unset, the bot logs at info on stdout and the console chat, whose
   * stdout is the conversation, logs nothing.
   */
  logLevel?: LogLevel | undefined;
}

const port = z.coerce.number().int().min(1).max(65535);
const publicUrl = z
  .url({ protocol: /^https?$/ })
  .refine(
    (value) =>
      new URL(value).protocol === "https:" ||
      /^(localhost|127\.0\.0\.1|\[::1\])$/.test(new URL(value).hostname),
    "must be an https:// address (http:// only for localhost)",
  );

function readPort(env: NodeJS.ProcessEnv): number {
  if (!env.PORT?.trim()) return 3000;
  const parsed = port.safeParse(env.PORT.trim());
  if (!parsed.success) throw new ConfigError("PORT must be a port number between 1 and 65535");
  return parsed.data;
}

function readPublicUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.ISMS_PUBLIC_URL?.trim();
  if (!raw) return undefined;
  const parsed = publicUrl.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(`ISMS_PUBLIC_URL ${parsed.error.issues[0]?.message ?? "is not a URL"}`);
  return parsed.data.replace(/\/+$/, "");
}

function readLogLevel(env: NodeJS.ProcessEnv): LogLevel | undefined {
  const raw = env.LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return undefined;
  const level = LOG_LEVELS.find((known) => known === raw);
  if (!level) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  return level;
}

/** The configured secret values, which the log scrubs from every line whoever wrote it. */
export function secretsOf(config: Config): string[] {
  const { slack, teams } = config;
  return [
    slack?.botToken,
    slack?.mode.kind === "http" ? slack.mode.signingSecret : slack?.mode.appToken,
    teams?.appPassword,
  ].filter((secret): secret is string => typeof secret === "string" && secret !== "");
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
    port: readPort(env),
    publicUrl: readPublicUrl(env),
    slack: readSlackConfig(env),
    teams: readTeamsConfig(env),
    logLevel: readLogLevel(env),
  };
}
