/**
 * Backups of the database and restores from them. A backup is SQLite's online backup: a consistent snapshot taken
 * while the bot runs and writes, checked, and written as one self-contained file. A restore checks the file first
 * (integrity, an isms-bot schema no newer than this build), refuses while the database is in use, and replaces the
 * database atomically, keeping the one it replaces next to it.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import Database from "better-sqlite3";
import { DatabaseError, type Db, schemaVersion } from "./database.js";
import { MIGRATIONS } from "./migrations.js";

/** The newest schema this build knows: a backup from a newer one cannot be restored here. */
export const NEWEST_SCHEMA = MIGRATIONS.reduce((max, migration) => Math.max(max, migration.version), 0);

/** The record tables a summary counts, with the words for one row and for several. */
const COUNTED: readonly [table: string, one: string, several: string][] = [
  ["risks", "risk", "risks"],
  ["evidence", "evidence item", "evidence items"],
  ["control_state", "control record", "control records"],
  ["people", "person", "people"],
  ["audit_log", "audit-log entry", "audit-log entries"],
];

export interface DatabaseSummary {
  schemaVersion: number;
  bytes: number;
  /** Rows in each counted table, in COUNTED's order, with the words for them. */
  counts: { table: string; words: string; rows: number }[];
}

/** "3 risks, 2 evidence items, …". */
export function describeCounts(summary: DatabaseSummary): string {
  return summary.counts.map(({ words, rows }) => `${rows} ${words}`).join(", ");
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : "";
}

function reasonOf(error: unknown): string {
  const code = sqliteCode(error);
  if (code === "SQLITE_NOTADB") return "it is not a SQLite database";
  if (code.startsWith("SQLITE_CORRUPT")) return "it is damaged";
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "unknown error";
}

function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable; some systems cannot fsync a folder, and then the OS's own flush has to do. */
function fsyncFolder(path: string): void {
  try {
    fsyncPath(path);
  } catch {
    // not supported here
  }
}

function removeQuietly(path: string): void {
  for (const each of [path, `${path}-journal`, `${path}-wal`, `${path}-shm`]) rmSync(each, { force: true });
}

function summarise(db: Db, path: string): DatabaseSummary {
  const counts = COUNTED.map(([table, one, several]) => {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    const rows = exists ? (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n : 0;
    return { table, words: rows === 1 ? one : several, rows };
  });
  return { schemaVersion: schemaVersion(db), bytes: statSync(path).size, counts };
}

/**
 * Checks a copy of a database that nothing else has open, and makes it self-contained (no -wal beside it): SQLite's
 * integrity check passes, it has isms-bot's schema, no newer than this build's. `name` is how messages call it.
 */
export function checkCopy(
  path: string,
  name: string,
  options: { newerAllowed?: boolean } = {},
): DatabaseSummary {
  let db: Db | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma("journal_mode = DELETE");
    const problems = db.pragma("integrity_check") as { integrity_check: string }[];
    const first = problems[0]?.integrity_check ?? "no answer";
    if (first !== "ok")
      throw new DatabaseError(`${name} failed SQLite's integrity check (${first.slice(0, 120)})`);
    const isOurs = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (!isOurs) throw new DatabaseError(`${name} is not an isms-bot database (it has no schema_migrations)`);
    const summary = summarise(db, path);
    if (summary.schemaVersion > NEWEST_SCHEMA && !options.newerAllowed)
      throw new DatabaseError(
        `${name} is at schema version ${summary.schemaVersion}, newer than this isms-bot knows (${NEWEST_SCHEMA}); upgrade isms-bot first`,
      );
    db.close();
    return { ...summary, bytes: statSync(path).size };
  } catch (error) {
    db?.close();
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(`${name} cannot be used: ${reasonOf(error)}`);
  }
}

/**
 * Backs the database up to `file` while other processes (the bot) use it: the pages are copied in one step, inside
 * one read transaction, so the copy is the database as it was at one moment, and writers are never held up (WAL).
 * The copy is checked, made durable and then renamed to `file`, replacing it if it exists (the caller decides that).
 */
export async function backupDatabase(dbPath: string, file: string): Promise<DatabaseSummary> {
  if (!existsSync(dbPath)) throw new DatabaseError(`there is no database at ${dbPath}`);
  const partial = join(dirname(file), `.${basename(file)}.partial-${process.pid}`);
  removeQuietly(partial);
  let source: Db | undefined;
  try {
    try {
      source = new Database(dbPath, { fileMustExist: true });
      source.pragma("busy_timeout = 5000");
      // Copying every page in a single step keeps the snapshot consistent however busy the writers are.
      await source.backup(partial, { progress: () => 0x7fffffff });
    } catch (error) {
      throw new DatabaseError(`cannot back up the database at ${dbPath}: ${reasonOf(error)}`);
    } finally {
      source?.close();
    }
    // A database a newer isms-bot has migrated is backed up all the same; only restoring it needs that version.
    const summary = checkCopy(partial, "the backup just taken", { newerAllowed: true });
    fsyncPath(partial);
    renameSync(partial, file);
    fsyncFolder(dirname(file));
    return summary;
  } catch (error) {
    removeQuietly(partial);
    throw error;
  }
}

/**
 * A second name for a file, by hard link when the file system allows it: that does not open the file, and opening and
 * closing it would drop the lock this process holds on it. A copy otherwise.
 */
function keep(path: string, as: string): string {
  try {
    linkSync(path, as);
  } catch {
    copyFileSync(path, as);
  }
  return as;
}

/** "20270301T090000Z": a moment for file names. */
function stampOf(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

/**
 * Takes the live database for the swap: no other connection may have it open (a running bot always has), and it is
 * left without a -wal (its log folded in), exclusively locked until the caller closes it. A database too damaged to
 * open is no reason to refuse: then there is nothing to lock, and undefined comes back.
 */
function takeLive(dbPath: string): Db | undefined {
  let live: Db | undefined;
  try {
    live = new Database(dbPath, { fileMustExist: true });
    live.pragma("busy_timeout = 0");
    // Leaving WAL mode needs every other connection gone.
    live.pragma("journal_mode = DELETE");
    live.exec("BEGIN EXCLUSIVE");
    return live;
  } catch (error) {
    live?.close();
    if (/^SQLITE_(BUSY|LOCKED)/.test(sqliteCode(error)))
      throw new DatabaseError(
        `the database at ${dbPath} is in use (is the bot running?); stop the bot, then restore`,
      );
    return undefined;
  }
}

export interface RestoreResult extends DatabaseSummary {
  /** Where the replaced database is kept; undefined when there was none. */
  previous: string | undefined;
}

/**
 * Replaces the database at dbPath with the backup in `file`. The backup is copied next to the database and checked
 * there (the bytes checked are the bytes installed), made durable, and renamed over the database in one step; the
 * database it replaces is kept as `<dbPath>.before-restore-<stamp>`. Nothing is changed when any check fails.
 */
export function restoreDatabase(dbPath: string, file: string, clock: () => Date): RestoreResult {
  if (!existsSync(file)) throw new DatabaseError(`there is no backup at ${file}`);
  const folder = dirname(dbPath);
  mkdirSync(folder, { recursive: true });
  const stamp = stampOf(clock());
  const incoming = join(folder, `.${basename(dbPath)}.restore-${stamp}.tmp`);
  removeQuietly(incoming);
  let live: Db | undefined;
  try {
    copyFileSync(file, incoming);
    const summary = checkCopy(incoming, file);
    fsyncPath(incoming);

    let previous: string | undefined;
    if (existsSync(dbPath)) {
      previous = `${dbPath}.before-restore-${stamp}`;
      // A database too damaged to open loses its log when the connection that tried closes: keep the log first.
      const log = existsSync(`${dbPath}-wal`) ? keep(`${dbPath}-wal`, `${previous}-wal`) : undefined;
      try {
        live = takeLive(dbPath);
      } catch (error) {
        if (log) rmSync(log, { force: true });
        throw error;
      }
      // A healthy database's log is in the file now.
      if (live && log) rmSync(log, { force: true });
      keep(dbPath, previous);
    }
    renameSync(incoming, dbPath);
    rmSync(`${dbPath}-wal`, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
    rmSync(`${dbPath}-journal`, { force: true });
    fsyncFolder(folder);
    return { ...summary, previous };
  } catch (error) {
    removeQuietly(incoming);
    throw error;
  } finally {
    if (live?.inTransaction) live.exec("ROLLBACK");
    live?.close();
  }
}
