import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { SqliteMemory } from "../../src/storage/memory-store.js";
import { MIGRATIONS } from "../../src/storage/migrations.js";
import { tempDir } from "../support/temp.js";

const clock = () => new Date("2026-11-25T09:00:00Z");
let folder = tempDir();
afterEach(() => {
  folder.remove();
  folder = tempDir();
});

describe("migration 10: questions the bot could not answer", () => {
  it("turns the old log of every ask into one record per question, with its counts and latest best guess", () => {
    const path = join(folder.path, "isms.db");
    const before = openDatabase(path, { clock, migrations: MIGRATIONS.filter((m) => m.version < 10) });
    const log = before.prepare(
      "INSERT INTO unanswered_questions (asked_at, question, best_id, best_score) VALUES (?, ?, ?, ?)",
    );
    log.run("2026-10-01T10:00:00.000Z", "Can we use WhatsApp?", "A.5.14", 0.2);
    log.run("2026-11-02T10:00:00.000Z", "blorp", null, null);
    log.run("2026-11-03T10:00:00.000Z", "can we use  whatsapp", "A.6.7", 0.25);
    log.run("2026-11-04T10:00:00.000Z", "CAN WE USE WHATSAPP!!", "A.8.20", 0.3);
    log.run("2026-11-05T10:00:00.000Z", "???", null, null);
    before.close();

    const db = openDatabase(path, { clock });
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'unanswered_questions'")
        .get(),
    ).toBeUndefined();
    expect(
      db
        .prepare(
          `SELECT question, first_asked_at AS first, last_asked_at AS last, times_asked AS times, best_id AS best,
                  times_passed AS passed, status
             FROM open_questions ORDER BY id`,
        )
        .all(),
    ).toEqual([
      {
        question: "Can we use WhatsApp?",
        first: "2026-10-01T10:00:00.000Z",
        last: "2026-11-04T10:00:00.000Z",
        times: 3,
        best: "A.8.20",
        passed: 0,
        status: "open",
      },
      {
        question: "blorp",
        first: "2026-11-02T10:00:00.000Z",
        last: "2026-11-02T10:00:00.000Z",
        times: 1,
        best: null,
        passed: 0,
        status: "open",
      },
    ]);
    // Asked again after the move, it is the same record.
    new SqliteMemory(db).recordUnanswered("can we use WhatsApp", undefined, clock());
    expect(db.prepare("SELECT COUNT(*) AS n, MAX(times_asked) AS most FROM open_questions").get()).toEqual({
      n: 2,
      most: 4,
    });
    db.close();
  });
});
