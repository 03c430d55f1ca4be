import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { BUSY_TIMEOUT_MS, openDatabase, withoutWaiting } from "../../src/storage/database.js";
import { describeStorageTrouble, storageTrouble } from "../../src/storage/errors.js";
import { tempDir } from "../support/temp.js";

const clock = () => new Date("2026-11-25T09:00:00Z");
const folder = tempDir();
afterAll(() => folder.remove());

const sqlite = (code: string) => new Database.SqliteError("x", code);

describe("storage troubles", () => {
  it("are read from SQLite's result codes, also behind a wrapping error", () => {
    expect(storageTrouble(sqlite("SQLITE_BUSY"))).toBe("busy");
    expect(storageTrouble(sqlite("SQLITE_BUSY_SNAPSHOT"))).toBe("busy");
    expect(storageTrouble(sqlite("SQLITE_LOCKED"))).toBe("busy");
    expect(storageTrouble(sqlite("SQLITE_FULL"))).toBe("full");
    expect(storageTrouble(sqlite("SQLITE_IOERR_WRITE"))).toBe("disk");
    expect(storageTrouble(new Error("wrapped", { cause: sqlite("SQLITE_FULL") }))).toBe("full");
    expect(storageTrouble(sqlite("SQLITE_CONSTRAINT_UNIQUE"))).toBeUndefined();
    expect(storageTrouble(new Error("SQLITE_BUSY in the text only"))).toBeUndefined();
    expect(storageTrouble(undefined)).toBeUndefined();
  });

  it("are told on the command line in one line each", () => {
    for (const code of ["SQLITE_BUSY", "SQLITE_FULL", "SQLITE_IOERR"]) {
      expect(describeStorageTrouble(sqlite(code))).toMatch(/^the database [^\n]*nothing was changed/);
    }
    expect(describeStorageTrouble(new Error("other"))).toBeUndefined();
  });
});

describe("the busy timeout", () => {
  it("is set on open, and bookkeeping can run without it and restore it", () => {
    const db = openDatabase(join(folder.path, "isms.db"), { clock });
    expect(db.pragma("busy_timeout", { simple: true })).toBe(BUSY_TIMEOUT_MS);
    expect(withoutWaiting(db, () => db.pragma("busy_timeout", { simple: true }))).toBe(0);
    expect(() =>
      withoutWaiting(db, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(db.pragma("busy_timeout", { simple: true })).toBe(BUSY_TIMEOUT_MS);
    db.close();
    const quick = openDatabase(join(folder.path, "isms.db"), { clock, busyTimeoutMs: 100 });
    expect(quick.pragma("busy_timeout", { simple: true })).toBe(100);
    quick.close();
  });
});
