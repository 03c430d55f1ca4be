import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { Records } from "../../src/records/records.js";
import { backupDatabase, NEWEST_SCHEMA, restoreDatabase } from "../../src/storage/backup.js";
import { DatabaseError, openDatabase } from "../../src/storage/database.js";
import { riskInput } from "../support/records.js";
import { tempDir } from "../support/temp.js";

const clock = () => new Date("2027-03-01T09:00:00Z");
const BETTER_SQLITE3 = createRequire(import.meta.url).resolve("better-sqlite3");
let folder = tempDir();
afterEach(() => {
  folder.remove();
  folder = tempDir();
});

function databaseWithRisks(path: string, titles: string[]): void {
  const db = openDatabase(path, { clock });
  const records = new Records(db, clock);
  for (const title of titles)
    records.risks.create(riskInput({ title, owner: "console:alice" }), "console:alice");
  db.close();
}

function riskTitles(path: string): string[] {
  const db = new Database(path, { readonly: true });
  const titles = (db.prepare("SELECT title FROM risks ORDER BY id").all() as { title: string }[]).map(
    (row) => row.title,
  );
  db.close();
  return titles;
}

const digest = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** Another process that writes to the database without pause, one committed row at a time, until killed. */
function startWriter(path: string) {
  const script = `
    const Database = require(${JSON.stringify(BETTER_SQLITE3)});
    const db = new Database(${JSON.stringify(path)});
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare(
      "INSERT INTO open_questions (question_key, question, first_asked_at, last_asked_at) VALUES (?, ?, 't', 't')",
    );
    let n = 0;
    for (;;) {
      insert.run("q".repeat(200) + n, "q".repeat(200) + n);
      n += 1;
      if (n === 200) process.stdout.write("writing\\n");
    }`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const writing = new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  return { writing, stop: () => child.kill("SIGKILL") };
}

const maxQuestionId = (db: Database.Database) =>
  (db.prepare("SELECT COALESCE(MAX(id), 0) AS n FROM open_questions").get() as { n: number }).n;

describe("isms backup (SQLite's online backup)", () => {
  it("takes a consistent copy while another process keeps writing, with every row committed before it", async () => {
    const dbPath = join(folder.path, "isms.db");
    databaseWithRisks(dbPath, ["Lost laptop"]);
    // A few megabytes, so that the backup takes a moment while the writer goes on.
    const seed = openDatabase(dbPath, { clock });
    const insert = seed.prepare(
      "INSERT INTO open_questions (question_key, question, first_asked_at, last_asked_at) VALUES (?, ?, 't', 't')",
    );
    seed.transaction(() => {
      for (let i = 0; i < 20_000; i++)
        insert.run(`seed ${i} ${"x".repeat(200)}`, `seed ${i} ${"x".repeat(200)}`);
    })();

    const writer = startWriter(dbPath);
    try {
      await writer.writing;
      const committedBefore = maxQuestionId(seed);
      const summary = await backupDatabase(dbPath, join(folder.path, "backup.db"));
      const committedAfter = maxQuestionId(seed);
      expect(committedAfter).toBeGreaterThan(committedBefore);
      expect(summary.counts.find((count) => count.table === "risks")?.rows).toBe(1);

      const copy = new Database(join(folder.path, "backup.db"), { readonly: true });
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
      const inCopy = maxQuestionId(copy);
      expect(inCopy).toBeGreaterThanOrEqual(committedBefore);
      expect(
        copy.prepare("SELECT COUNT(*) AS n FROM open_questions WHERE id <= ?").get(committedBefore),
      ).toEqual({ n: committedBefore });
      copy.close();
    } finally {
      writer.stop();
      seed.close();
    }
    expect(readdirSync(folder.path).filter((name) => name.includes("partial"))).toEqual([]);
  });
});

describe("isms restore", () => {
  it("brings the records back from a good backup, keeping the database it replaces", () => {
    const dbPath = join(folder.path, "isms.db");
    databaseWithRisks(dbPath, ["Lost laptop"]);
    const backup = join(folder.path, "monday.db");
    copyFileSync(dbPath, backup);
    databaseWithRisks(dbPath, ["Phishing"]);
    expect(riskTitles(dbPath)).toEqual(["Lost laptop", "Phishing"]);

    const restored = restoreDatabase(dbPath, backup, clock);
    expect(riskTitles(dbPath)).toEqual(["Lost laptop"]);
    expect(restored.previous).toBe(`${dbPath}.before-restore-20270301T090000Z`);
    expect(riskTitles(restored.previous ?? "")).toEqual(["Lost laptop", "Phishing"]);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    expect(existsSync(`${dbPath}-shm`)).toBe(false);
    // The bot opens it as ever.
    const db = openDatabase(dbPath, { clock });
    expect(new Records(db, clock).risks.all().map((risk) => risk.title)).toEqual(["Lost laptop"]);
    db.close();
  });

  it.each([
    ["garbage", (path: string) => writeFileSync(path, Buffer.alloc(8192, 0x5a)), /not a SQLite database/],
    ["an empty file", (path: string) => writeFileSync(path, ""), /not an isms-bot database/],
    [
      "a database from a newer isms-bot",
      (path: string) => {
        const db = openDatabase(path, { clock });
        db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 't')").run(
          NEWEST_SCHEMA + 1,
        );
        db.close();
      },
      new RegExp(`schema version ${NEWEST_SCHEMA + 1}, newer than this isms-bot knows`),
    ],
  ])("refuses %s and changes nothing", (_what, make, reason) => {
    const dbPath = join(folder.path, "isms.db");
    databaseWithRisks(dbPath, ["Lost laptop"]);
    const before = digest(dbPath);
    const files = readdirSync(folder.path).sort();
    const bad = join(folder.path, "bad.db");
    make(bad);

    expect(() => restoreDatabase(dbPath, bad, clock)).toThrow(DatabaseError);
    expect(() => restoreDatabase(dbPath, bad, clock)).toThrow(reason);
    expect(digest(dbPath)).toBe(before);
    expect(readdirSync(folder.path).sort()).toEqual([...files, "bad.db"].sort());
    expect(riskTitles(dbPath)).toEqual(["Lost laptop"]);
  });

  it("refuses while the database is open elsewhere (the bot is running), and changes nothing", () => {
    const dbPath = join(folder.path, "isms.db");
    databaseWithRisks(dbPath, ["Lost laptop"]);
    const backup = join(folder.path, "monday.db");
    copyFileSync(dbPath, backup);
    const running = openDatabase(dbPath, { clock });
    try {
      expect(() => restoreDatabase(dbPath, backup, clock)).toThrow(/is in use \(is the bot running\?\)/);
      expect(readdirSync(folder.path).filter((name) => /before-restore|restore-.*tmp/.test(name))).toEqual(
        [],
      );
      expect(running.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      running.close();
    }
  });

  it("replaces a database too damaged to open, keeping it and its log aside", () => {
    const dbPath = join(folder.path, "isms.db");
    databaseWithRisks(dbPath, ["Lost laptop"]);
    const backup = join(folder.path, "monday.db");
    copyFileSync(dbPath, backup);
    writeFileSync(dbPath, Buffer.alloc(4096, 0x41));
    writeFileSync(`${dbPath}-wal`, "a log that belongs to the damaged file");

    const restored = restoreDatabase(dbPath, backup, clock);
    expect(riskTitles(dbPath)).toEqual(["Lost laptop"]);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    expect(existsSync(`${restored.previous}-wal`)).toBe(true);
  });
});
