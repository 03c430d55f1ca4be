/**
 * Slack round-trip benchmark (`npm run bench:slack`): a question's trip from a signed HTTP request at /slack/events
 * to the answer's chat.postMessage at the fake Slack Web API, through the real `isms start`, next to a minimal Bolt
 * app that only echoes, on the same harness and in the same run. Prints the figures and writes them to
 * docs/benchmarks.md.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeSlackApi, startFakeSlackApi } from "../test/support/slack/fake-slack-api.js";
import { dmMessage, eventCallback, fakeTs, signSlack } from "../test/support/slack/signed-request.js";
import { http, launch, MAIN, ROOT } from "./processes.js";
import { machineLine, publish } from "./report.js";
import {
  Arrivals,
  comparisonTable,
  goalRows,
  goalsSentence,
  LATENCY_FINDING,
  PEOPLE,
  PLAN,
  QUESTIONS,
  type Running,
  sideBySide,
  verdict,
} from "./roundtrip.js";

const SECRET = "0123456789abcdef0123456789abcdef";
const TOKEN = "xoxb-bench-token";

/** An app, its own fake Slack Web API, and how to ask it a question as Slack would. */
async function start(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<Running> {
  const arrivals = new Arrivals();
  let fake: FakeSlackApi | undefined;
  fake = await startFakeSlackApi({
    onCall: (call) => {
      if (call.method === "chat.postMessage") arrivals.arrive(String(call.args.thread_ts ?? ""));
      // The fake keeps every call for tests to read; the benchmark needs none of them kept.
      if ((fake?.calls.length ?? 0) > 1000) fake?.reset();
    },
  });
  const { child, url } = await launch({
    name,
    script,
    args,
    env: { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, ...env },
    logDir: folder,
    path: "/slack/events",
  }).catch(async (error: unknown) => {
    await fake?.close();
    throw error;
  });
  const ask = async (n: number) => {
    const ts = fakeTs();
    const user = `U${1000 + (n % PEOPLE)}`;
    const body = JSON.stringify(eventCallback(dmMessage(user, QUESTIONS[n % QUESTIONS.length] ?? "", ts)));
    const headers = signSlack(body, SECRET);
    const arrived = arrivals.expect(ts);
    arrived.catch(() => undefined);
    const sent = performance.now();
    const answer = await http(url, { method: "POST", headers, body });
    if (answer.status !== 200) throw new Error(`${name} answered ${answer.status}: ${answer.body}`);
    return (await arrived) - sent;
  };
  return { target: { name, child, arrivals, ask }, closePlatform: () => fake.close() };
}

const folder = mkdtempSync(join(tmpdir(), "isms-bench-slack-"));
const results = await sideBySide(
  folder,
  () =>
    start("isms-bot", MAIN, ["start"], {
      ISMS_DB_PATH: join(folder, "isms.db"),
      ISMS_EXPORT_DIR: join(folder, "exports"),
    }),
  () => start("echo", join(ROOT, "dist", "bench", "echo-slack.js"), [], {}),
);

const body = `## Slack: a question's round trip

Command: \`npm run bench:slack\` (${machineLine()}).

${goalsSentence(results, "echo app")}

How it is measured. Both apps run in a process of their own, as in production. Ours is the real \`isms start\`
(\`node dist/cli/main.js start\`) with Slack in HTTP mode: Bolt's receiver mounted at /slack/events on the bot's one
HTTP server, acknowledging before the listener runs (\`processBeforeResponse\` off, as in production), the real core
on a fresh SQLite database in a temporary folder, and its default log (JSON lines, level info, to a file). The echo
app (\`bench/echo-slack.ts\`) is a minimal Bolt app on Bolt's own HTTP receiver, also acknowledging first, that
answers each DM with its own text in the thread. This process plays Slack: it signs each question as Slack does
(HMAC-SHA256 of the body with the signing secret), POSTs it as a \`message.im\` event over a kept-alive connection,
and runs the fake Slack Web API (\`test/support/slack/fake-slack-api.ts\`) where the answer's \`chat.postMessage\`
arrives. A round trip is the time from sending the request to the answer's first message reaching the fake API.
The same ${QUESTIONS.length} questions (\`bench/roundtrip.ts\`: ids, 2013 ids, everyday words, typos, lists) are asked
in turn by ${PEOPLE} people. After a warm-up (${PLAN.warmupQuestions} questions and ${PLAN.warmupLoadMs / 1000} s of
load each), each app gets ${PLAN.sequential.toLocaleString("en")} questions one at a time, then ${PLAN.clients} clients
that each ask again as soon as their answer has arrived, for ${PLAN.loadMs / 1000} s. The apps are measured
alternately (ours, echo, echo, ours, half of each measure at a time), so that other work on the machine weighs on both
alike. On this 2-core machine the app under test (one main thread, plus V8's and libuv's helper threads) and this
process (asker and fake API) share the two cores; the CPU rows show which side was the limit.

${comparisonTable(results, { ours: "isms-bot (`isms start`)", echo: "echo app (minimal Bolt)" })}
${verdict(results).latencyMet ? "" : `\n${LATENCY_FINDING}`}`;

publish(
  "slack",
  "bench:slack",
  body,
  goalRows("Slack", results, { goal: "minimal Bolt echo app", short: "echo app" }),
);
