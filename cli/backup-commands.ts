/**
 * `isms backup FILE` and `isms restore FILE`: an online backup of the database while the bot runs, and a checked,
 * atomic restore while it does not. Each prints one line; failures are one line with exit code 1 (2 for a mistake in
 * what was typed).
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import {
  backupDatabase,
  type DatabaseSummary,
  describeCounts,
  NEWEST_SCHEMA,
  restoreDatabase,
} from "../src/storage/backup.js";
import type { Config } from "./config.js";
import { NotFoundError, UsageError } from "./errors.js";

export interface BackupCommandDeps {
  config: Config;
  print: (text: string) => void;
  clock?: () => Date;
}

const bytes = (summary: DatabaseSummary) => `${new Intl.NumberFormat("en").format(summary.bytes)} bytes`;

export function addBackupCommands(program: Command, { config, print, clock }: BackupCommandDeps): void {
  const dbPath = resolve(config.dbPath);

  program
    .command("backup")
    .description(
      "back the database up to FILE while the bot runs (SQLite's online backup), e.g. isms backup b.db",
    )
    .argument("<file>", "the backup file to write")
    .option("--force", "replace FILE if it exists")
    .action(async (raw: string, options: { force?: boolean }) => {
      const file = resolve(raw);
      if (file === dbPath) throw new UsageError("the backup must be another file than the database itself.");
      if (existsSync(file) && !options.force)
        throw new UsageError(`${raw} exists; add --force to replace it, or choose another file.`);
      if (!existsSync(dirname(file))) throw new NotFoundError(`the folder ${dirname(raw)} does not exist.`);
      if (!existsSync(dbPath)) throw new NotFoundError(`there is no database at ${dbPath} to back up.`);
      const summary = await backupDatabase(dbPath, file);
      print(
        `Backed up ${dbPath} to ${raw}: ${bytes(summary)}, schema version ${summary.schemaVersion}; ${describeCounts(summary)}.`,
      );
    });

  program
    .command("restore")
    .description(
      "replace the database with a backup, after checking it (stop the bot first); the old one is kept beside it",
    )
    .argument("<file>", "a backup made by isms backup")
    .action((raw: string) => {
      const file = resolve(raw);
      if (file === dbPath) throw new UsageError("that is the database itself; give a backup file.");
      if (!existsSync(file)) throw new NotFoundError(`there is no backup at ${raw}.`);
      const restored = restoreDatabase(dbPath, file, clock ?? (() => new Date()));
      const later =
        restored.schemaVersion < NEWEST_SCHEMA
          ? ` It is brought up to schema version ${NEWEST_SCHEMA} when isms-bot next opens it.`
          : "";
      const kept = restored.previous ? ` The database it replaced is kept as ${restored.previous}.` : "";
      print(
        `Restored ${raw} to ${dbPath}: schema version ${restored.schemaVersion}; ${describeCounts(restored)}.${kept}${later}`,
      );
    });
}
