import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startBotProcess } from "../support/bot-process.js";
import { runIsms } from "../support/run-cli.js";
import { tempDir } from "../support/temp.js";

const folder = tempDir();
afterAll(() => folder.remove());

describe("isms backup and isms restore", () => {
  it("backs up, refuses to overwrite a backup unless --force, and restores the records", async () => {
    const env = { ISMS_DB_PATH: join(folder.path, "cli.db") };
    expect((await runIsms(["admin", "add", "console:alice"], { env })).code).toBe(0);

    const taken = await runIsms(["backup", join(folder.path, "monday.db")], { env });
    expect(taken.stderr).toBe("");
    expect(taken.code).toBe(0);
    expect(taken.stdout).toMatch(
      /^Backed up .*cli\.db to .*monday\.db: [\d,]+ bytes, schema version \d+; 0 risks, 0 evidence items, 0 control records, 1 person, 1 audit-log entry\.\n$/,
    );

    const again = await runIsms(["backup", join(folder.path, "monday.db")], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^isms: .*monday\.db exists; add --force to replace it/);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect((await runIsms(["backup", join(folder.path, "monday.db"), "--force"], { env })).code).toBe(0);

    expect((await runIsms(["admin", "add", "console:bob"], { env })).code).toBe(0);
    const restored = await runIsms(["restore", join(folder.path, "monday.db")], { env });
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(
      /^Restored .*monday\.db to .*cli\.db: .*kept as .*cli\.db\.before-restore-\d{8}T\d{6}Z\.\n$/,
    );
    expect((await runIsms(["admin", "list"], { env })).stdout).toBe("console:alice\n");
  });

  it("refuses a damaged backup in one line, and the database stays as it was", async () => {
    const env = { ISMS_DB_PATH: join(folder.path, "kept.db") };
    expect((await runIsms(["admin", "add", "console:alice"], { env })).code).toBe(0);
    const before = readFileSync(env.ISMS_DB_PATH);
    writeFileSync(join(folder.path, "garbage.db"), Buffer.alloc(16_384, 0x2a));

    const run = await runIsms(["restore", join(folder.path, "garbage.db")], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^isms: .*garbage\.db cannot be used: it is not a SQLite database\n$/);
    expect(readFileSync(env.ISMS_DB_PATH).equals(before)).toBe(true);
    expect((await runIsms(["restore", join(folder.path, "absent.db")], { env })).stderr).toMatch(
      /^isms: there is no backup at .*absent\.db\.\n$/,
    );
  });

  it("backs up while the bot runs, and will not restore until it has stopped", async () => {
    const env = { ISMS_DB_PATH: join(folder.path, "live.db") };
    expect((await runIsms(["admin", "add", "console:alice"], { env })).code).toBe(0);
    const bot = startBotProcess({
      ...env,
      TEAMS_ALLOW_UNAUTHENTICATED: "true",
      PORT: String(await freePort()),
    });
    try {
      await expect.poll(bot.out, { timeout: 15_000 }).toMatch(/"msg":"isms-bot started"/);
      const taken = await runIsms(["backup", join(folder.path, "live-backup.db")], { env });
      expect(taken.code).toBe(0);
      const refused = await runIsms(["restore", join(folder.path, "live-backup.db")], { env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^isms: the database at .*live\.db is in use \(is the bot running\?\); stop the bot, then restore\n$/,
      );
    } finally {
      bot.child.kill("SIGTERM");
    }
    expect(await bot.exited).toBe(0);
    expect((await runIsms(["restore", join(folder.path, "live-backup.db")], { env })).code).toBe(0);
  });
});
