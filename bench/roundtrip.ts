/**
 * The round-trip comparison behind `npm run bench:slack` and `bench:teams`: our app and a minimal echo app, each in
 * a process of its own, asked the same questions over HTTP while this process plays the platform (it sends the
 * question and runs the fake API where the answer arrives, so one clock times both ends). The two are measured
 * alternately (ours, echo, echo, ours), so that other work on the machine weighs on both alike.
 */
import { rmSync } from "node:fs";
import { type Child, cpuSecondsOf, memoryOf, ownCpuSeconds } from "./processes.js";
import type { GoalRow } from "./report.js";
import { type Latency, latencyOf } from "./stats.js";

/** Twenty catalogue questions of every kind (ids, 2013 ids, everyday words, typos, lists), asked in turn. */
export const QUESTIONS = [
  "what does A.8.9 require",
  "what replaced A.12.1.2?",
  "can I work from a café on my laptop?",
  "configuraton managment",
  "how often should we test our bakups",
  "clause 6.1.3",
  "A.5.1",
  "preventive controls",
  "when do we have to tell the regulator after a data breach",
  "who approves access to the finance shared drive",
  "what's new in 2022",
  "pasword rules? how long does it need to be",
  "technological controls for availability",
  "do laptops need disk encryption",
  "what security checks do we do on a new supplier",
  "5.1",
  "what is an internal audit for",
  "can I paste our internal code into chatgpt",
  "where do we get threat intel from",
  "how long should we keep logs",
];
export const PEOPLE = 50;

/** Answers awaited at the fake API, by a key both ends know (the question's thread or activity id). */
export class Arrivals {
  private readonly waiting = new Map<string, { resolve: (at: number) => void; timer: NodeJS.Timeout }>();
  /** Reply messages received, including second messages of an answer and any nobody waited for. */
  messages = 0;

  /** Resolves with performance.now() at the first reply for `key`; rejects after `timeoutMs`. */
  expect(key: string, timeoutMs = 15_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`no answer for ${key} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(key, { resolve, timer });
    });
  }

  arrive(key: string | undefined): void {
    const at = performance.now();
    this.messages += 1;
    const waiter = key === undefined ? undefined : this.waiting.get(key);
    if (!waiter || key === undefined) return;
    this.waiting.delete(key);
    clearTimeout(waiter.timer);
    waiter.resolve(at);
  }
}

export interface Target {
  name: string;
  child: Child;
  arrivals: Arrivals;
  /** Sends question `n`; resolves with the milliseconds from sending it to its answer's first message arriving. */
  ask(n: number): Promise<number>;
}

export interface Plan {
  warmupQuestions: number;
  warmupLoadMs: number;
  /** Questions one at a time, per app. */
  sequential: number;
  clients: number;
  /** Time under load, per app. */
  loadMs: number;
}

export const PLAN: Plan = {
  warmupQuestions: 300,
  warmupLoadMs: 1000,
  sequential: 2000,
  clients: 16,
  loadMs: 6000,
};

export interface Result {
  /** One question at a time. */
  sequential: Latency;
  /** Reply messages per question, one at a time. */
  messagesPerAnswer: number;
  /** Under load from `clients` concurrent askers. */
  load: { questions: number; seconds: number; perSecond: number; latency: Latency };
  /** CPU used during the load, as a share of one core: the app's process, and this one (asker and fake API). */
  appCpu: number;
  driverCpu: number;
  /** The app's CPU time per question answered under load, in ms: the cost of a question, whatever else runs. */
  appCpuPerQuestion: number;
  failures: number;
  /** Resident memory of the app's process after the run, in MB. */
  rss: number;
}

let counter = 0;

async function sequential(target: Target, count: number, times: number[]): Promise<number> {
  let failures = 0;
  for (let i = 0; i < count; i++) {
    try {
      times.push(await target.ask(counter++));
    } catch {
      failures++;
    }
  }
  return failures;
}

interface LoadRun {
  questions: number;
  seconds: number;
  appCpuSeconds: number;
  driverCpuSeconds: number;
  failures: number;
}

async function load(target: Target, clients: number, ms: number, times: number[]): Promise<LoadRun> {
  let questions = 0;
  let failures = 0;
  const appCpu = cpuSecondsOf(target.child.pid);
  const driverCpu = ownCpuSeconds();
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        try {
          times.push(await target.ask(counter++));
          questions++;
        } catch {
          failures++;
        }
      }
    }),
  );
  return {
    questions,
    seconds: (performance.now() - started) / 1000,
    appCpuSeconds: cpuSecondsOf(target.child.pid) - appCpu,
    driverCpuSeconds: ownCpuSeconds() - driverCpu,
    failures,
  };
}

/** Warms both apps up, then measures them alternately: one question at a time, then under load. */
export async function compare(
  ours: Target,
  echo: Target,
  plan: Plan = PLAN,
  say: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<{ ours: Result; echo: Result }> {
  for (const target of [ours, echo]) {
    say(`${target.name}: warming up`);
    await sequential(target, plan.warmupQuestions, []);
    await load(target, plan.clients, plan.warmupLoadMs, []);
  }
  const order = [ours, echo, echo, ours];
  const state = new Map(
    [ours, echo].map((target) => [
      target,
      {
        sequential: [] as number[],
        loaded: [] as number[],
        runs: [] as LoadRun[],
        failures: 0,
        questions: 0,
        messages: 0,
      },
    ]),
  );
  const of = (target: Target) => state.get(target) as NonNullable<ReturnType<typeof state.get>>;
  for (const target of order) {
    say(`${target.name}: ${plan.sequential / 2} questions one at a time`);
    const s = of(target);
    const before = target.arrivals.messages;
    const count = plan.sequential / 2;
    s.failures += await sequential(target, count, s.sequential);
    s.questions += count;
    s.messages += target.arrivals.messages - before;
  }
  for (const target of order) {
    say(`${target.name}: ${plan.clients} clients for ${plan.loadMs / 2000} s`);
    const s = of(target);
    const run = await load(target, plan.clients, plan.loadMs / 2, s.loaded);
    s.runs.push(run);
    s.failures += run.failures;
  }
  const result = (target: Target): Result => {
    const s = of(target);
    const questions = s.runs.reduce((sum, run) => sum + run.questions, 0);
    const seconds = s.runs.reduce((sum, run) => sum + run.seconds, 0);
    return {
      sequential: latencyOf(s.sequential),
      messagesPerAnswer: s.messages / s.questions,
      load: { questions, seconds, perSecond: questions / seconds, latency: latencyOf(s.loaded) },
      appCpu: s.runs.reduce((sum, run) => sum + run.appCpuSeconds, 0) / seconds,
      driverCpu: s.runs.reduce((sum, run) => sum + run.driverCpuSeconds, 0) / seconds,
      appCpuPerQuestion: (s.runs.reduce((sum, run) => sum + run.appCpuSeconds, 0) * 1000) / questions,
      failures: s.failures,
      rss: memoryOf(target.child.pid).rss,
    };
  };
  return { ours: result(ours), echo: result(echo) };
}

export const msText = (value: number) => `${value.toFixed(2)} ms`;
const percent = (share: number) => `${(share * 100).toFixed(0)} %`;
const perSecond = (value: number) => `${Math.round(value).toLocaleString("en")}`;

export const LATENCY_RATIO_GOAL = 1.5;

/**
 * What profiling found when the latency goal was first missed; shown under the table while it is missed. The fixes
 * belong to src/ and adapters/, so this stays a dated finding rather than a measurement.
 */
export const LATENCY_FINDING = `Why our p50 misses the goal (measured on 2026-11-25 with \`node --cpu-prof\` on the app
under test, \`BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" npm run bench:slack\`, and by trying changes in a scratch
copy, on the Slack benchmark; the Teams path is alike). The echo's round trip is the framework plus one tiny HTTP call, so a goal of
${LATENCY_RATIO_GOAL} × leaves about half the echo's time (0.3 ms) for everything our app adds. After the fixes of the
first round (an inverted index and memoised spelling in the search, statements prepared once, known people kept in
memory) our p50 went from 3.65 × to about 2.7 × the echo's, and three more experiments bound what is left. (1) With
the whole core answer memoised, so that \`Bot.handle\` costs nothing, and the two changes below as well, ours still
took 1.27 ms against the echo's 0.76 ms (1.67 ×; about 2 × against the echo's usual 0.62 ms): the Slack adapter's own
share (the SQLite delivery claim that stops a redelivered event from being answered twice, rendering, and sending a
few KB of Block Kit where the echo sends 0.1 KB, which Slack's WebClient copies and encodes several times) is already
larger than the goal allows. (2) The request ids carried on every log line (Node 20's AsyncLocalStorage, which hooks
every promise) cost about 0.2 ms per question: 1.68 → 1.48 ms. We keep them: a log line that can be traced to its
request is worth more to an operator than 0.2 ms, in a chat where the platform's own delivery takes hundreds of ms.
(3) Sending the blocks pre-serialised, so that WebClient does not walk them to redact its debug log, made no
difference we could measure. So the goal cannot be met by making the core faster; it would take a smaller answer or a
cheaper SDK path than the echo's, and we chose neither. Throughput is 3 to 3.5 × its goal.`;
export const THROUGHPUT_GOAL = 200;

export interface Verdict {
  ratio: number;
  latencyMet: boolean;
  throughputMet: boolean;
}

export function verdict(results: { ours: Result; echo: Result }): Verdict {
  const ratio = results.ours.sequential.p50 / results.echo.sequential.p50;
  return {
    ratio,
    latencyMet: ratio <= LATENCY_RATIO_GOAL,
    throughputMet: results.ours.load.perSecond >= THROUGHPUT_GOAL,
  };
}

/** The comparison table of a round-trip section. */
export function comparisonTable(
  results: { ours: Result; echo: Result },
  labels: { ours: string; echo: string },
  plan: Plan = PLAN,
): string {
  const { ours, echo } = results;
  const v = verdict(results);
  const met = (ok: boolean) => (ok ? "met" : "**missed**");
  const row = (measure: string, a: string, b: string, goal = "") => `| ${measure} | ${a} | ${b} | ${goal} |`;
  return [
    `| measure | ${labels.ours} | ${labels.echo} | goal |`,
    "|---|---|---|---|",
    row(
      `round trip p50, one question at a time (${plan.sequential.toLocaleString("en")} each)`,
      msText(ours.sequential.p50),
      msText(echo.sequential.p50),
      `ours ≤ ${LATENCY_RATIO_GOAL} × echo: ${v.ratio.toFixed(2)} ×, ${met(v.latencyMet)}`,
    ),
    row("round trip p99, one at a time", msText(ours.sequential.p99), msText(echo.sequential.p99)),
    row("round trip max, one at a time", msText(ours.sequential.max), msText(echo.sequential.max)),
    row(
      `sustained questions per second (${plan.clients} clients, ${plan.loadMs / 1000} s each)`,
      perSecond(ours.load.perSecond),
      perSecond(echo.load.perSecond),
      `ours ≥ ${THROUGHPUT_GOAL}: ${met(v.throughputMet)}`,
    ),
    row(
      "round trip p50 / p99 under that load",
      `${msText(ours.load.latency.p50)} / ${msText(ours.load.latency.p99)}`,
      `${msText(echo.load.latency.p50)} / ${msText(echo.load.latency.p99)}`,
    ),
    row("app process CPU under load (share of one core)", percent(ours.appCpu), percent(echo.appCpu)),
    row(
      "app CPU time per question under load",
      msText(ours.appCpuPerQuestion),
      msText(echo.appCpuPerQuestion),
    ),
    row(
      "this process's CPU under load (asker and fake platform API)",
      percent(ours.driverCpu),
      percent(echo.driverCpu),
    ),
    row("reply messages per question", ours.messagesPerAnswer.toFixed(2), echo.messagesPerAnswer.toFixed(2)),
    row("questions left unanswered", String(ours.failures), String(echo.failures)),
    row("app resident memory after the run", `${ours.rss.toFixed(0)} MB`, `${echo.rss.toFixed(0)} MB`),
  ].join("\n");
}

/** An app under test, and how to stop the fake platform API it answers to. */
export interface Running {
  target: Target;
  closePlatform(): Promise<void>;
}

/**
 * Starts our app, then the echo, and compares them; whatever happens, both are stopped with their fake APIs and
 * `folder` is removed. On a failure each app's last log lines are printed.
 */
export async function sideBySide(
  folder: string,
  startOurs: () => Promise<Running>,
  startEcho: () => Promise<Running>,
): Promise<{ ours: Result; echo: Result }> {
  const started: Running[] = [];
  try {
    const ours = await startOurs();
    started.push(ours);
    const echo = await startEcho();
    started.push(echo);
    return await compare(ours.target, echo.target);
  } catch (error) {
    for (const { target } of started) process.stderr.write(`--- ${target.name}\n${target.child.logTail()}\n`);
    throw error;
  } finally {
    for (const { target, closePlatform } of started) {
      await target.child.stop();
      await closePlatform();
    }
    rmSync(folder, { recursive: true, force: true });
  }
}

/** "Goals: … This run: …": the opening of a round trip's section; `echo` names the echo ("echo app", "echo bot"). */
export function goalsSentence(results: { ours: Result; echo: Result }, echo: string): string {
  const v = verdict(results);
  return `Goals: our p50 at most ${LATENCY_RATIO_GOAL} × the ${echo}'s, and at least ${THROUGHPUT_GOAL} questions per second.
This run: p50 ${msText(results.ours.sequential.p50)} against ${msText(results.echo.sequential.p50)}
(${v.ratio.toFixed(2)} ×, ${v.latencyMet ? "met" : "**missed**"}); ${Math.round(results.ours.load.perSecond)} questions
per second (${v.throughputMet ? "met" : "**missed**"}).`;
}

/** A round trip's two rows of the summary table; `echo` names the echo as the goal does ("minimal Bolt echo app"). */
export function goalRows(
  platform: string,
  results: { ours: Result; echo: Result },
  echo: { goal: string; short: string },
): GoalRow[] {
  const v = verdict(results);
  return [
    {
      goal: `${platform} round trip: our p50 ≤ ${LATENCY_RATIO_GOAL} × a ${echo.goal}'s`,
      measured: `${msText(results.ours.sequential.p50)} vs ${msText(results.echo.sequential.p50)} (${v.ratio.toFixed(2)} ×)`,
      met: v.latencyMet,
    },
    {
      goal: `${platform}: ≥ ${THROUGHPUT_GOAL} questions per second sustained`,
      measured: `${Math.round(results.ours.load.perSecond)} per second (${echo.short}: ${Math.round(results.echo.load.perSecond)})`,
      met: v.throughputMet,
    },
  ];
}
