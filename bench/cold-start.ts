/**
 * Cold start benchmark (`npm run bench:start`): how long the built `isms start` takes from spawn to ready, with
 * Slack and Teams configured against loopback fakes, and how much memory it holds once idle; the console chat too.
 * Prints the figures and writes them to docs/benchmarks.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeSlackApi } from "../test/support/slack/fake-slack-api.js";
import { dmMessage, eventCallback, fakeTs, signSlack } from "../test/support/slack/signed-request.js";
import { personalMessage, user } from "../test/support/teams/activities.js";
import { startFakeConnector } from "../test/support/teams/fake-connector.js";
import {
  type Child,
  childEnv,
  freePort,
  http,
  MAIN,
  memoryOf,
  sleep,
  spawnNode,
  waitUntilAnswering,
} from "./processes.js";
import { machineLine, publish } from "./report.js";
import { Arrivals } from "./roundtrip.js";
import { median } from "./stats.js";

/** What timing the start phase by phase found when the goal was first missed; shown while it is missed. */
const START_FINDING = `Why the cold start misses the goal (timed phase by phase on 2026-11-25, importing each part in
turn). Most of it is loading code, the rest the catalogue: \`isms start\` loads exceljs (0.2 s, though only exports,
imports and \`isms teams-package\` need it, with jszip and csv-parse/csv-stringify), Bolt (0.2 s), the rest of the
command line (0.2 s) and botbuilder (0.3 s), parses the catalogue's YAML (0.3 s) and builds the search index (0.1 s).
Suggested fixes: import exceljs, jszip and the CSV modules where they are used (\`src/records/export/table.ts\`,
\`src/records/import/risk-file.ts\`, \`cli/teams-package.ts\`) rather than at start; compile the catalogue to one JSON
file at build time instead of parsing YAML at every start; on Node 22, \`module.enableCompileCache()\` at the top of
\`cli/main.ts\`.`;

const RUNS = 5;
const CONSOLE_RUNS = 3;
const IDLE_MS = 2000;
const READY_GOAL_MS = 1500;
const MEMORY_GOAL_MB = 150;
const SECRET = "0123456789abcdef0123456789abcdef";
const QUESTION = "what does A.8.9 require";

const slackArrivals = new Arrivals();
const teamsArrivals = new Arrivals();
const slack = await startFakeSlackApi({
  onCall: (call) => {
    if (call.method === "chat.postMessage") slackArrivals.arrive(String(call.args.thread_ts ?? ""));
  },
});
const connector = await startFakeConnector({
  onCall: (call) => {
    if (call.kind === "send" && call.body.type === "message") teamsArrivals.arrive(call.activityId);
  },
});

interface PlatformRun {
  ready: number;
  readyBy: string;
  slackAnswer: number;
  teamsAnswer: number;
  rss: number;
  peak: number;
}

/**
 * Ready is the moment the HTTP port answers GET /healthz with 200; a build without /healthz is ready when Slack's
 * receiver answers a signed url_verification (every route is in place before the port opens).
 */
async function ready(base: string, child: Child): Promise<string> {
  for (;;) {
    const health = await waitUntilAnswering(`${base}/healthz`, child);
    if (health.status === 200) return "/healthz";
    if (health.status === 404) {
      const body = JSON.stringify({ type: "url_verification", token: "t", challenge: "ready?" });
      const answer = await http(`${base}/slack/events`, {
        method: "POST",
        headers: signSlack(body, SECRET),
        body,
      });
      if (answer.status === 200) return "/slack/events";
    }
    await sleep(2);
  }
}

async function platformRun(folder: string, n: number): Promise<PlatformRun> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = childEnv({
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.url,
    TEAMS_ALLOW_UNAUTHENTICATED: "true",
    PORT: String(port),
    ISMS_DB_PATH: join(folder, `start-${n}.db`),
    ISMS_EXPORT_DIR: join(folder, "exports"),
  });
  const spawned = performance.now();
  const child = spawnNode(MAIN, ["start"], env, join(folder, `start-${n}.log`));
  try {
    const readyBy = await ready(base, child);
    const readyAt = performance.now() - spawned;

    const ts = fakeTs();
    const slackBody = JSON.stringify(eventCallback(dmMessage("U2000", QUESTION, ts)));
    const slackAnswered = slackArrivals.expect(ts);
    await http(`${base}/slack/events`, {
      method: "POST",
      headers: signSlack(slackBody, SECRET),
      body: slackBody,
    });
    const slackAnswer = (await slackAnswered) - spawned;

    const activity = personalMessage({ serviceUrl: connector.url }, user("ada"), QUESTION);
    const teamsAnswered = teamsArrivals.expect(activity.id);
    await http(`${base}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    const teamsAnswer = (await teamsAnswered) - spawned;

    await sleep(IDLE_MS);
    const { rss, peak } = memoryOf(child.pid);
    return { ready: readyAt, readyBy, slackAnswer, teamsAnswer, rss, peak };
  } catch (error) {
    process.stderr.write(child.logTail());
    throw error;
  } finally {
    await child.stop();
  }
}

interface ConsoleRun {
  answer: number;
  rss: number;
}

/** The console chat with piped input kept open: spawn to the first answer printed, then idle memory. */
async function consoleRun(folder: string, n: number): Promise<ConsoleRun> {
  const env = childEnv({ ISMS_DB_PATH: join(folder, `console-${n}.db`) });
  const spawned = performance.now();
  const child = spawnNode(MAIN, ["start", "--as", "bench"], env, join(folder, `console-${n}.log`), {
    stdin: "pipe",
  });
  const stdin = child.process.stdin;
  try {
    stdin?.write(`${QUESTION}\n`);
    // Its output goes to the log file; the answer names the control.
    for (;;) {
      if (child.output().includes("A.8.9 Configuration management")) break;
      if (child.process.exitCode !== null) throw new Error(`the console chat exited:\n${child.logTail()}`);
      if (performance.now() - spawned > 30_000) throw new Error(`no answer in 30 s:\n${child.logTail()}`);
      await sleep(2);
    }
    const answer = performance.now() - spawned;
    await sleep(IDLE_MS);
    return { answer, rss: memoryOf(child.pid).rss };
  } finally {
    stdin?.end();
    await child.stop();
  }
}

const folder = mkdtempSync(join(tmpdir(), "isms-bench-start-"));
const platformRuns: PlatformRun[] = [];
const consoleRuns: ConsoleRun[] = [];
try {
  for (let n = 0; n < RUNS; n++) {
    process.stderr.write(`isms start with Slack and Teams: run ${n + 1} of ${RUNS}\n`);
    platformRuns.push(await platformRun(folder, n));
  }
  for (let n = 0; n < CONSOLE_RUNS; n++) {
    process.stderr.write(`console chat: run ${n + 1} of ${CONSOLE_RUNS}\n`);
    consoleRuns.push(await consoleRun(folder, n));
  }
} finally {
  await slack.close();
  await connector.close();
  rmSync(folder, { recursive: true, force: true });
}

const ms = (value: number) => `${Math.round(value).toLocaleString("en")} ms`;
const mb = (value: number) => `${value.toFixed(0)} MB`;
const summary = (values: number[], unit: (value: number) => string) =>
  `${unit(median(values))} (${values.map(unit).join(", ")})`;
const readyMedian = median(platformRuns.map((run) => run.ready));
const rssMedian = median(platformRuns.map((run) => run.rss));
const readyBy = [...new Set(platformRuns.map((run) => run.readyBy))].join(", ");

const body = `## Cold start and idle memory

Command: \`npm run bench:start\` (${machineLine()}).

Goals: ready in under ${(READY_GOAL_MS / 1000).toFixed(1)} s from a cold start, and under ${MEMORY_GOAL_MB} MB resident
once idle. This run: ready in ${ms(readyMedian)} (${readyMedian < READY_GOAL_MS ? "met" : "**missed**"}), idle at
${mb(rssMedian)} (${rssMedian < MEMORY_GOAL_MB ? "met" : "**missed**"}), medians of ${RUNS} starts.

How it is measured. Each start spawns the built \`node dist/cli/main.js start\` with Slack (HTTP mode, signing secret)
and Teams (\`TEAMS_ALLOW_UNAUTHENTICATED=true\`, so nothing reaches Microsoft) both configured, their APIs pointed at
loopback fakes in this process, a fresh SQLite database (so the migrations run, as on a first start), and its log to
a file. Ready is the time from spawn until the HTTP port answers (polled every 2 ms): ${readyBy === "/healthz" ? "GET /healthz with 200" : `by ${readyBy}`};
every route and both platforms are in place before the port opens. Then one question is asked on Slack and one on
Teams, and the time from spawn to each answer reaching the fake API is noted (botbuilder and the search warm up on
first use). Idle memory is the process's resident set (VmRSS in /proc/<pid>/status) ${IDLE_MS / 1000} s after those
answers; peak is VmHWM. The console chat (\`isms start\` with no platform configured, a question piped in and the
input kept open) is timed from spawn to its answer printed. Each cell gives the median, then every run in order.

| measure (${RUNS} starts) | median (each run) | goal |
|---|---|---|
| spawn to ready | ${summary(
  platformRuns.map((run) => run.ready),
  ms,
)} | under ${ms(READY_GOAL_MS)}: ${readyMedian < READY_GOAL_MS ? "met" : "**missed**"} |
| spawn to the first Slack answer | ${summary(
  platformRuns.map((run) => run.slackAnswer),
  ms,
)} | |
| spawn to the first Teams answer | ${summary(
  platformRuns.map((run) => run.teamsAnswer),
  ms,
)} | |
| idle resident memory | ${summary(
  platformRuns.map((run) => run.rss),
  mb,
)} | under ${MEMORY_GOAL_MB} MB: ${rssMedian < MEMORY_GOAL_MB ? "met" : "**missed**"} |
| peak resident memory | ${summary(
  platformRuns.map((run) => run.peak),
  mb,
)} | |
| console chat: spawn to the first answer (${CONSOLE_RUNS} starts) | ${summary(
  consoleRuns.map((run) => run.answer),
  ms,
)} | |
| console chat: idle resident memory | ${summary(
  consoleRuns.map((run) => run.rss),
  mb,
)} | |
${readyMedian < READY_GOAL_MS ? "" : `\n${START_FINDING}`}`;

publish("start", "bench:start", body, [
  {
    goal: `cold start of \`isms start\` (Slack and Teams) to ready: under ${(READY_GOAL_MS / 1000).toFixed(1)} s`,
    measured: `${ms(readyMedian)} (median of ${RUNS}; slowest ${ms(Math.max(...platformRuns.map((run) => run.ready)))})`,
    met: readyMedian < READY_GOAL_MS,
  },
  {
    goal: `idle resident memory: under ${MEMORY_GOAL_MB} MB`,
    measured: `${mb(rssMedian)} (median of ${RUNS})`,
    met: rssMedian < MEMORY_GOAL_MB,
  },
]);
