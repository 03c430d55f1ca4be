/**
 * Search benchmark (`npm run bench:search`): top-1/top-3 accuracy on the everyday question sets and per-query
 * latency over 10,000+ queries, for our search and, in the same run, a baseline: fuse.js with default options over
 * titles only. Prints the figures and writes them to docs/benchmarks.md.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Fuse from "fuse.js";
import { parse } from "yaml";
import { packageRoot } from "../cli/config.js";
import { loadCatalogue } from "../src/catalogue/load.js";
import { SearchEngine } from "../src/search/engine.js";
import { lookup } from "../src/search/lookup.js";
import { machineLine, publish } from "./report.js";
import { type Latency, latencyOf, measureLatency } from "./stats.js";

const QUERIES = 10_000;
/** The baselines are 25 to 400 times slower than ours: fewer queries tell their story within the bench's time. */
const BASELINE_QUERIES = 1_000;
const root = packageRoot();
const catalogue = loadCatalogue(join(root, "data"));
const engine = new SearchEngine(catalogue);
const entries = [...catalogue.controls, ...catalogue.clauses];
const baseline = new Fuse(entries, { keys: ["title"] });
/** The design we measured and set aside: fuse.js's own token search over the same weighted keys. */
const fuseWeighted = new Fuse(
  entries.map((entry) => ({
    ...entry,
    ids: entry.kind === "control" ? [entry.id, entry.number] : [entry.id],
  })),
  {
    keys: [
      { name: "ids", weight: 1 },
      { name: "title", weight: 2.5 },
      { name: "keywords", weight: 3 },
      { name: "summary", weight: 1 },
    ],
    useTokenSearch: true,
    ignoreDiacritics: true,
  },
);

type Ranker = (query: string) => string[];
const ours: Ranker = (query) => lookup(catalogue, engine, query, 3).map((result) => result.id);
const titlesOnly: Ranker = (query) =>
  baseline
    .search(query)
    .slice(0, 3)
    .map((result) => result.item.id);

const fuseTokens: Ranker = (query) =>
  fuseWeighted
    .search(query)
    .slice(0, 3)
    .map((result) => result.item.id);

interface Question {
  q: string;
  expect: string[];
}

function questions(file: string): Question[] {
  const raw = parse(readFileSync(join(root, "test", "fixtures", file), "utf8")) as {
    q: string;
    expect: unknown[];
  }[];
  return raw.map(({ q, expect }) => ({ q, expect: expect.map(String) }));
}

/** Top-1 and top-3 accuracy; with `times`, each query's milliseconds are added to it. */
function accuracy(set: Question[], rank: Ranker, times?: number[]): { top1: number; top3: number } {
  let top1 = 0;
  let top3 = 0;
  for (const { q, expect } of set) {
    const start = performance.now();
    const ids = rank(q);
    times?.push(performance.now() - start);
    if (expect.includes(ids[0] ?? "")) top1++;
    if (ids.some((id) => expect.includes(id))) top3++;
  }
  return { top1: top1 / set.length, top3: top3 / set.length };
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const ms = (value: number) => `${value.toFixed(3)} ms`;

const sets = [
  { name: "tuning set", file: "everyday-questions.yaml", questions: questions("everyday-questions.yaml") },
  { name: "held-out set", file: "held-out-questions.yaml", questions: questions("held-out-questions.yaml") },
];
const allQueries = sets.flatMap((set) => set.questions.map((question) => question.q));

// The set-aside design takes a tenth of a second a query: its latency is timed on the accuracy pass itself (every
// question of both sets once, after a short warm-up) instead of a separate run.
for (const query of allQueries.slice(0, 20)) fuseTokens(query);
const tokenTimes: number[] = [];
const rows: string[] = [];
for (const set of sets) {
  const a = accuracy(set.questions, ours);
  const b = accuracy(set.questions, titlesOnly);
  const c = accuracy(set.questions, fuseTokens, tokenTimes);
  rows.push(
    `| ${set.name} (\`test/fixtures/${set.file}\`, ${set.questions.length} questions) | top-1 | ${percent(a.top1)} | ${percent(b.top1)} | ${percent(c.top1)} |`,
    `| | top-3 | ${percent(a.top3)} | ${percent(b.top3)} | ${percent(c.top3)} |`,
  );
}
const latencyOurs: Latency = measureLatency(allQueries, QUERIES, ours);
const latencyBaseline: Latency = measureLatency(allQueries, BASELINE_QUERIES, titlesOnly);
const latencyTokens: Latency = latencyOf(tokenTimes);
const latencyRow = (label: string, pick: (latency: Latency) => number) =>
  `| ${label} | ${ms(pick(latencyOurs))} | ${ms(pick(latencyBaseline))} | ${ms(pick(latencyTokens))} |`;
rows.push(
  latencyRow("latency per query | p50", (l) => l.p50),
  latencyRow("| p99", (l) => l.p99),
  latencyRow("| max", (l) => l.max),
);

const table = [
  "| question set | measure | isms-bot search | baseline: fuse.js defaults, titles only | fuse.js token search, weighted keys |",
  "|---|---|---|---|---|",
  ...rows,
].join("\n");
const tuning = accuracy(sets[0]?.questions ?? [], ours);
const heldOut = accuracy(sets[1]?.questions ?? [], ours);
const meets = (result: { top1: number; top3: number }) => result.top1 >= 0.8 && result.top3 >= 0.95;
const verdict = (result: { top1: number; top3: number }) =>
  meets(result) ? "meets both goals" : "misses the accuracy goals";

const body = `## Search quality and latency

Command: \`npm run bench:search\` (${machineLine()}).

Goals: top-3 ≥ 95 %, top-1 ≥ 80 %, p99 under 5 ms. A question counts as found when an expected control or clause is
first (top-1) or among the first three (top-3). The tuning set was used while writing the catalogue's everyday words
and the ranking's weights; the held-out set was written blind to both and is never tuned on, so it is the honest
figure for questions nobody has seen. This run: the tuning set ${verdict(tuning)}; the held-out set ${verdict(heldOut)};
p99 latency is ${ms(latencyOurs.p99)}.

Latency is per query, in one process, after a warm-up, cycling ${QUERIES.toLocaleString("en")} times through the
${allQueries.length} questions of both sets (the titles-only baseline ${BASELINE_QUERIES.toLocaleString("en")} times). The
last column is fuse.js's own token search (BM25-style) over the weighted keys id 1, title 2.5, everyday words 3,
summary 1, timed on its accuracy pass (each of the ${tokenTimes.length} questions once): the design we tried first and
set aside for its latency and ranking. Our search keeps those keys and weights in a field-weighted word index and uses
fuse.js to correct typos against the catalogue's words.

${table}`;

const both = (result: { top1: number; top3: number }) => `${percent(result.top1)} / ${percent(result.top3)}`;
publish("search", "bench:search", body, [
  { goal: "search, tuning set: top-1 ≥ 80 % / top-3 ≥ 95 %", measured: both(tuning), met: meets(tuning) },
  {
    goal: "search, held-out set (never tuned on): top-1 ≥ 80 % / top-3 ≥ 95 %",
    measured: both(heldOut),
    met: meets(heldOut),
  },
  { goal: "search latency: p99 under 5 ms", measured: ms(latencyOurs.p99), met: latencyOurs.p99 < 5 },
]);
