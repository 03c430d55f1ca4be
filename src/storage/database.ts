/** Opens the embedded SQLite database (WAL mode) and brings its schema up to date with the numbered migrations. */
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS, type Migration } from "./migrations.js";

export type Db = Database.Database;

export class DatabaseError extends Error {
  readonly code = "database_unusable";
}

/**
 * How long a write waits for another process's write lock before it gives up with SQLITE_BUSY. better-sqlite3 waits
 * synchronously, so the whole process stands still meanwhile; it must stay well inside Slack's 3 s to acknowledge a
 * request, so that a person who met a busy database is told so (and can submit again) instead of seeing a timeout.
 */
export const BUSY_TIMEOUT_MS = 2000;

export interface OpenOptions {
  clock: () => Date;
  migrations?: readonly Migration[];
  /** Defaults to BUSY_TIMEOUT_MS; tests shorten it. */
  busyTimeoutMs?: number;
}

/**
 * Runs `work` without waiting for a lock another process holds: for bookkeeping that must never hold up an answer
 * (it fails at once with SQLITE_BUSY instead). The connection's busy timeout is restored afterwards. The pragmas run as
 * statements prepared once, so that the bookkeeping of every message does not prepare three of them anew.
 */
export function withoutWaiting<T>(db: Db, work: () => T): T {
  const row = prepared(db, "PRAGMA busy_timeout").get() as Record<string, number> | undefined;
  const timeout = Math.max(0, Math.floor(row === undefined ? 0 : (Object.values(row)[0] ?? 0)));
  if (timeout === 0) return work();
  prepared(db, "PRAGMA busy_timeout = 0").all();
  try {
    return work();
  } finally {
    prepared(db, `PRAGMA busy_timeout = ${timeout}`).all();
  }
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The statement for `sql` on `db`, prepared once and reused: better-sqlite3 statements can be run any number of times,
 * and preparing one anew on every call costs more than running it.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (cache === undefined) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
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
      migration.data?.(db);
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
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? BUSY_TIMEOUT_MS))}`);
    // In WAL mode NORMAL syncs the log at checkpoints, not at each commit: a committed transaction survives the
    // process being killed (it is in the log, in the OS's hands), and the database is never corrupted; only a power
    // cut or an OS crash can undo the last commits before the next checkpoint.
    db.pragma("synchronous = NORMAL");
    migrate(db, options.migrations ?? MIGRATIONS, options.clock);
  } catch (error) {
    db.close();
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(`cannot use the database at ${path}: ${(error as Error).message}`);
  }
  return db;
}
