/** Runs the built `isms start` as a separate process, as a service manager would, and collects what it prints. */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createServer } from "node:net";
import { ISMS } from "./run-cli.js";

export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  out(): string;
  err(): string;
  /** The JSON log lines printed so far (stdout), parsed. */
  logLines(): Record<string, unknown>[];
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function startBotProcess(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, [ISMS, "start"], { env: { ...process.env, ...env } });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr.on("data", (chunk) => {
    err += chunk;
  });
  child.stdin.end();
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return {
    child,
    out: () => out,
    err: () => err,
    logLines: () =>
      out
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
  };
}
