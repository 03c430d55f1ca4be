import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseError, openDatabase, schemaVersion } from "../../src/storage/database.js";
import { MIGRATIONS } from "../../src/storage/migrations.js";
import { tempDir } from "../support/temp.js";

const clock = () => new Date("2026-11-25T09:00:00Z");
let folder = tempDir();
afterEach(() => {
  folder.remove();
  folder = tempDir();
});

describe("the database", () => {
  it("is created on first start in WAL mode, in a folder that did not exist yet", () => {
    const db = openDatabase(join(folder.path, "nested", "isms.db"), { clock });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    db.close();
  });

  it("applies each migration once, and keeps data across restarts", () => {
    const path = join(folder.path, "isms.db");
    const first = openDatabase(path, { clock });
    first
      .prepare(
        "INSERT INTO open_questions (question_key, question, first_asked_at, last_asked_at) VALUES ('kept', 'kept?', 't', 't')",
      )
      .run();
    first.close();
    const again = openDatabase(path, { clock });
    expect(again.prepare("SELECT COUNT(*) AS n FROM schema_migrations").get()).toEqual({
      n: MIGRATIONS.length,
    });
    expect(again.prepare("SELECT question FROM open_questions").all()).toEqual([{ question: "kept?" }]);
    again.close();
  });

  it("applies only the migrations that are new, in order", () => {
    const path = join(folder.path, "isms.db");
    openDatabase(path, { clock }).close();
    const later = [...MIGRATIONS, { version: 99, name: "test", sql: "CREATE TABLE later (x TEXT) STRICT;" }];
    const db = openDatabase(path, { clock, migrations: later });
    expect(schemaVersion(db)).toBe(99);
    db.close();
  });

  it("leaves the schema untouched when a migration fails half-way", () => {
    const path = join(folder.path, "isms.db");
    const broken = [
      ...MIGRATIONS,
      { version: 50, name: "broken", sql: "CREATE TABLE half (x TEXT); SELECT nonsense FROM nowhere;" },
    ];
    expect(() => openDatabase(path, { clock, migrations: broken })).toThrow(DatabaseError);
    const db = openDatabase(path, { clock });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    db.close();
  });

  it("refuses a database written by a newer version of the bot", () => {
    const path = join(folder.path, "isms.db");
    openDatabase(path, {
      clock,
      migrations: [...MIGRATIONS, { version: 999, name: "future", sql: "SELECT 1;" }],
    }).close();
    expect(() => openDatabase(path, { clock })).toThrow(/newer than this isms-bot knows/);
  });
});
