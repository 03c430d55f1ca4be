/** Runs hold-write-lock.mjs: another process that holds the database's write lock until the test releases it. */
import { spawn } from "node:child_process";
import { join } from "node:path";

export interface LockHolder {
  /** Commits the other process's transaction and waits for it to exit. */
  release(): Promise<void>;
}

function waitForLine(read: () => string, line: string, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (read().split("\n").includes(line)) return resolve();
      if (Date.now() - started > timeoutMs)
        return reject(new Error(`${what}: no "${line}" in ${timeoutMs} ms`));
      setTimeout(check, 10);
    };
    check();
  });
}

/**
 * Resolves once the other process holds the lock (within 10 s, else rejects). With `holdMs` it lets go by itself
 * after that long, for a test whose own process is blocked in SQLite's busy wait meanwhile.
 */
export async function holdWriteLock(dbPath: string, holdMs?: number): Promise<LockHolder> {
  const script = join(import.meta.dirname, "hold-write-lock.mjs");
  const args = holdMs === undefined ? [script, dbPath] : [script, dbPath, String(holdMs)];
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr.on("data", (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  try {
    await waitForLine(() => out, "locked", 10_000, `lock holder (stderr: ${err})`);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    async release() {
      child.stdin.end("release\n");
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("the lock holder did not exit within 10 s")), 10_000).unref(),
      );
      const code = await Promise.race([exited, timeout]);
      if (code !== 0) throw new Error(`the lock holder exited with ${code}: ${err}`);
    },
  };
}
