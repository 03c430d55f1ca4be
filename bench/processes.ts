/**
 * Child processes for the benchmarks that run apps as production does, one process each: spawning `node` with a
 * given environment (output to a log file), waiting until its HTTP port answers, reading its CPU time and resident
 * memory from /proc, and stopping it. Also a keep-alive HTTP client, lighter than fetch, for the load generator.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { packageRoot } from "../cli/config.js";

export const ROOT = packageRoot();
export const MAIN = join(ROOT, "dist", "cli", "main.js");

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Every variable that configures a platform, emptied: a child sees only what the benchmark sets, whatever this shell
 * or a .env file holds (an empty variable counts as set for .env loading, and as not set for the bot).
 */
const PLATFORM_VARIABLES = [
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_API_URL",
  "MicrosoftAppId",
  "MicrosoftAppPassword",
  "MicrosoftAppType",
  "MicrosoftAppTenantId",
  "TEAMS_ALLOW_UNAUTHENTICATED",
  "ISMS_PUBLIC_URL",
  "PORT",
];

export function childEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of PLATFORM_VARIABLES) env[name] = "";
  delete env.LOG_LEVEL;
  delete env.ISMS_CONFIG;
  delete env.NODE_OPTIONS;
  // Everything the benchmarks talk to is on this machine; a proxy in the environment must not get in between.
  env.NO_PROXY = "127.0.0.1,localhost";
  env.no_proxy = "127.0.0.1,localhost";
  return { ...env, ...settings };
}

export interface Child {
  process: ChildProcess;
  pid: number;
  logFile: string;
  /** Everything it has written so far. */
  output(): string;
  /** The end of its log, to explain a failure. */
  logTail(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

export function spawnNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  options: { stdin?: "pipe" | "ignore" } = {},
): Child {
  const log = openSync(logFile, "a");
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") passes flags to the apps under test, for profiling.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    cwd: ROOT,
    env,
    stdio: [options.stdin ?? "ignore", log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  return {
    process: child,
    pid: child.pid,
    logFile,
    output: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
    logTail: () => (existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-2000) : ""),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** A port nobody listens on just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Seconds of CPU the process has used (user and system), from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Seconds of CPU this process has used. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Resident memory now (VmRSS) and at its peak (VmHWM), in MB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export interface Answer {
  status: number;
  body: string;
}

/** One HTTP request over a kept-alive connection. */
export function http(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? "GET", headers: options.headers ?? {}, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/**
 * Polls `url` with GET every few milliseconds until the server answers at all (any status), and resolves with that
 * answer; fails after `timeoutMs`, or at once if the child exits.
 */
export async function waitUntilAnswering(url: string, child: Child, timeoutMs = 30_000): Promise<Answer> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null)
      throw new Error(`${url}: the process exited (${child.process.exitCode}):\n${child.logTail()}`);
    try {
      return await http(url, { headers: { connection: "close" } });
    } catch {
      if (performance.now() > deadline)
        throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.logTail()}`);
      await sleep(2);
    }
  }
}

/**
 * Starts an app in a process of its own on a free port (PORT), with the platform settings given and its output in
 * `<logDir>/<name>.log`, and waits until `path` on that port answers.
 */
export async function launch(options: {
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string>;
  logDir: string;
  path: string;
}): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = spawnNode(
    options.script,
    options.args ?? [],
    childEnv({ ...options.env, PORT: String(port) }),
    join(options.logDir, `${options.name}.log`),
  );
  const url = `http://127.0.0.1:${port}${options.path}`;
  try {
    await waitUntilAnswering(url, child);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, url };
}
