/**
 * Teams round-trip benchmark (`npm run bench:teams`): a question's trip from an activity POSTed to /api/messages to
 * the answer arriving at the fake Bot Connector, through the real `isms start`, next to a minimal botbuilder bot that
 * only echoes, on the same harness and in the same run. Prints the figures and writes them to docs/benchmarks.md.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { personalMessage, user } from "../test/support/teams/activities.js";
import { type FakeConnector, startFakeConnector } from "../test/support/teams/fake-connector.js";
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

/** An app, its own fake Bot Connector, and how to ask it a question as Teams would. */
async function start(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<Running> {
  const arrivals = new Arrivals();
  let connector: FakeConnector | undefined;
  connector = await startFakeConnector({
    onCall: (call) => {
      // Answers are sent as replies to the question's activity: POST …/activities/<its id>.
      if (call.kind === "send" && call.body.type === "message")
        arrivals.arrive(call.activityId ?? String(call.body.replyToId ?? ""));
      // The fake keeps every call for tests to read; the benchmark needs none of them kept.
      if ((connector?.calls.length ?? 0) > 1000) connector?.reset();
    },
  });
  const serviceUrl = connector.url;
  const { child, url } = await launch({
    name,
    script,
    args,
    env,
    logDir: folder,
    path: "/api/messages",
  }).catch(async (error: unknown) => {
    await connector?.close();
    throw error;
  });
  const ask = async (n: number) => {
    const activity = personalMessage(
      { serviceUrl },
      user(`person${n % PEOPLE}`),
      QUESTIONS[n % QUESTIONS.length] ?? "",
    );
    const arrived = arrivals.expect(activity.id);
    arrived.catch(() => undefined);
    const sent = performance.now();
    const answer = await http(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    if (answer.status >= 300) throw new Error(`${name} answered ${answer.status}: ${answer.body}`);
    return (await arrived) - sent;
  };
  return { target: { name, child, arrivals, ask }, closePlatform: () => connector.close() };
}

const folder = mkdtempSync(join(tmpdir(), "isms-bench-teams-"));
const results = await sideBySide(
  folder,
  () =>
    start("isms-bot", MAIN, ["start"], {
      TEAMS_ALLOW_UNAUTHENTICATED: "true",
      ISMS_DB_PATH: join(folder, "isms.db"),
      ISMS_EXPORT_DIR: join(folder, "exports"),
    }),
  () => start("echo", join(ROOT, "dist", "adapters", "teams", "echo-bot.js"), [], {}),
);

const body = `## Teams: a question's round trip

Command: \`npm run bench:teams\` (${machineLine()}).

${goalsSentence(results, "echo bot")}

How it is measured. Both bots run in a process of their own, as in production, and neither checks tokens (no
Microsoft app id: nothing here may reach Microsoft's servers). Ours is the real \`isms start\`
(\`node dist/cli/main.js start\` with \`TEAMS_ALLOW_UNAUTHENTICATED=true\`): botbuilder's CloudAdapter at /api/messages
on the bot's one HTTP server, the real core on a fresh SQLite database in a temporary folder, and its default log
(JSON lines, level info, to a file). The echo bot (\`adapters/teams/echo-bot.ts\`) is a minimal CloudAdapter and
ActivityHandler that answers each message with its own text, served by a plain Node HTTP server through the same
request and response shims as ours (\`adapters/teams/http.ts\`), so the two differ in what the bot does, not in how
the bytes arrive. This process plays Teams: it POSTs each question as a 1:1 chat \`message\` activity
(\`test/support/teams/activities.ts\`) over a kept-alive connection, and runs the fake Bot Connector
(\`test/support/teams/fake-connector.ts\`) named in the activity's \`serviceUrl\`, where botbuilder sends the answer
(\`POST /v3/conversations/…/activities/<question id>\`). A round trip is the time from sending the question to the
answer's first message reaching the fake connector. The same ${QUESTIONS.length} questions as for Slack are asked in
turn by ${PEOPLE} people. After a warm-up (${PLAN.warmupQuestions} questions and ${PLAN.warmupLoadMs / 1000} s of load
each), each bot gets ${PLAN.sequential.toLocaleString("en")} questions one at a time, then ${PLAN.clients} clients that
each ask again as soon as their answer has arrived, for ${PLAN.loadMs / 1000} s. The bots are measured alternately
(ours, echo, echo, ours, half of each measure at a time), so that other work on the machine weighs on both alike. On
this 2-core machine the bot under test (one main thread, plus V8's and libuv's helper threads) and this process
(asker and fake connector) share the two cores; the CPU rows show which side was the limit.

${comparisonTable(results, { ours: "isms-bot (`isms start`)", echo: "echo bot (minimal botbuilder)" })}
${verdict(results).latencyMet ? "" : `\n${LATENCY_FINDING}`}`;

publish(
  "teams",
  "bench:teams",
  body,
  goalRows("Teams", results, { goal: "minimal botbuilder echo bot", short: "echo bot" }),
);
