/**
 * The disk filling up under the `isms` command line. An operating-system limit on file size (`ulimit -f`, which needs
 * no root) stands in for a full disk: the database's write-ahead log cannot grow, and SQLite reports a disk error to
 * the import of a large risk register. The command says so in one line and exits 1; the import is all or nothing, so
 * no risk and no audit entry is left behind; the file passes its integrity check; and the same import succeeds once
 * there is room again.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { ISMS, runIsms } from "../support/run-cli.js";
import { tempDir } from "../support/temp.js";

const folder = tempDir("isms-disk-");
afterAll(() => folder.remove());

/** Runs `isms …` under a file-size limit of `blocks` (512- or 1024-byte blocks, as the shell counts them). */
function runLimited(
  blocks: number,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const quoted = [process.execPath, ISMS, ...args]
      .map((arg) => `'${arg.replace(/'/g, "'\\''")}'`)
      .join(" ");
    const child = spawn("sh", ["-c", `ulimit -f ${blocks} && exec ${quoted}`], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("the disk filling up during `isms import risks`", () => {
  it("fails in one clear line, leaves nothing half-imported, and imports everything once there is room", async () => {
    const env = { ISMS_DB_PATH: join(folder.path, "isms.db") };
    expect((await runIsms(["admin", "add", "console:alice"], { env })).code).toBe(0);
    const file = join(folder.path, "risks.csv");
    const lines = ["Title,Likelihood,Impact,Owner,Description"];
    for (let i = 1; i <= 3000; i++)
      lines.push(`Risk ${i},3,3,console:alice,${"unencrypted backup tapes ".repeat(12)}`);
    writeFileSync(file, `${lines.join("\n")}\n`);

    // About 300-600 KB: room for the database as it is (about 140 KB), not for the 1 MB the import writes.
    const full = await runLimited(600, ["import", "risks", file], env);
    expect(full.code).toBe(1);
    const said = full.stderr.trim().split("\n");
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^isms: .*(?:disk|full)/i);
    expect(full.stderr).not.toMatch(/\n\s+at |SqliteError/);

    const db = new Database(env.ISMS_DB_PATH);
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.prepare("SELECT COUNT(*) AS n FROM risks").get()).toEqual({ n: 0 });
      expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'risk'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }

    const again = await runIsms(["import", "risks", file], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Imported 3000 risk\(s\)/);
  }, 30_000);
});
