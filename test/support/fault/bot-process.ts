/**
 * The real `isms start` in a child process (the built dist), serving Slack on a port of its own against a fake Web
 * API, on a given database file: for tests that kill it (SIGKILL) or stop it (SIGTERM) and start it again.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createServer } from "node:net";
import { ISMS } from "../run-cli.js";

export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** http://127.0.0.1:<port>/slack/events */
  slackUrl: string;
  output(): string;
  /** Resolves with how the process ended: its exit code, or the signal that ended it. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Starts `isms start` and resolves once /slack/events answers (an unsigned POST gets 401), within `timeoutMs`. */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<BotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [ISMS, "start"], {
    env: { ...process.env, ...env, PORT: String(port) },
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  child.stdin.end();
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  let exited = false;
  void ended.then(() => {
    exited = true;
  });
  const slackUrl = `http://127.0.0.1:${port}/slack/events`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`isms start exited before it answered:\n${output}`);
    try {
      const response = await fetch(slackUrl, { method: "POST", body: "" });
      if (response.status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`isms start did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, port, slackUrl, output: () => output, ended };
}

/** Stops the process with `signal` and waits for it to end, at most `timeoutMs` (then it is killed). */
export async function stopBotProcess(
  bot: BotProcess,
  signal: NodeJS.Signals = "SIGTERM",
  timeoutMs = 10_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  bot.child.kill(signal);
  const timer = setTimeout(() => bot.child.kill("SIGKILL"), timeoutMs);
  try {
    return await bot.ended;
  } finally {
    clearTimeout(timer);
  }
}
