/** Opens the embedded SQLite database (WAL mode) and brings its schema up to date with the numbered migrations. */
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS, type Migration } from "./migrations.js";

export type Db = Database.Database;

export class DatabaseError extends Error {
  readonly code = "database_unusable";
}

export interface OpenOptions {
  clock: () => Date;
  migrations?: readonly Migration[];
}

export function schemaVersion(db: Db): number {
  const row = db.prepare("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations").get() as {
    version: number;
  };
  return row.version;
}

/** Applies every migration newer than the database, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[], clock: () => Date): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const current = schemaVersion(db);
  const newest = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
  if (current > newest) {
    throw new DatabaseError(
      `the database is at schema version ${current}, newer than this isms-bot knows (${newest}); upgrade isms-bot`,
    );
  }
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        migration.version,
        migration.name,
        clock().toISOString(),
      );
    })();
    applied.push(migration.version);
  }
  return applied;
}

/** Creates the missing folders above the database file, one level at a time, so that a failure names its cause. */
function makeFolders(folder: string): void {
  const missing: string[] = [];
  for (let at = folder; !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const each of missing) mkdirSync(each);
}

export function openDatabase(path: string, options: OpenOptions): Db {
  let db: Db;
  try {
    if (path !== ":memory:") makeFolders(dirname(path));
    db = new Database(path);
  } catch (error) {
    throw new DatabaseError(`cannot open the database at ${path}: ${(error as Error).message}`);
  }
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    db.pragma("synchronous = NORMAL");
    migrate(db, options.migrations ?? MIGRATIONS, options.clock);
  } catch (error) {
    db.close();
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(`cannot use the database at ${path}: ${(error as Error).message}`);
  }
  return db;
}
