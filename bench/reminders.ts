/**
 * Reminder planning benchmark (`npm run bench:reminders`): plans reminders for 10,000 people and 50,000 due items
 * (evidence due dates and risks), plus the weekly digests of their 1,000 managers, and prints the time and memory it
 * took. Goal: under 2 s and 200 MB.
 */
import type { ControlState, RiskRecord } from "../src/records/types.js";
import { planManagerDigests } from "../src/scheduling/digest-plan.js";
import { byRecipient, planReminders } from "../src/scheduling/reminder-plan.js";
import { machineLine, publish } from "./report.js";

const PEOPLE = 10_000;
const EVIDENCE_ITEMS = 40_000;
const RISKS = 10_000;
const today = "2027-04-14";

const person = (n: number) => `slack:U${String(n).padStart(6, "0")}`;
const day = (offset: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

const controls: ControlState[] = Array.from({ length: EVIDENCE_ITEMS }, (_, i) => ({
  controlId: `A.${5 + (i % 4)}.${i}`,
  applicable: true,
  justification: null,
  status: "implemented",
  owner: person(i % PEOPLE),
  cadence: "quarterly",
  nextEvidenceDue: day((i % 60) - 30),
}));
const levels = ["low", "medium", "high", "critical"] as const;
const risks = Array.from({ length: RISKS }, (_, i) => ({
  ref: `R-${i}`,
  title: `Risk ${i}`,
  owner: person((i * 7) % PEOPLE),
  status: "open",
  level: levels[i % 4],
  residualLevel: i % 3 === 0 ? "low" : null,
  acceptedBy: null,
  treatmentDue: day((i % 90) - 45),
  nextReview: i % 2 === 0 ? day((i % 120) - 60) : null,
  updatedAt: `${day(-(i % 400))}T10:00:00.000Z`,
})) as unknown as RiskRecord[];
const managers = new Map(
  Array.from({ length: PEOPLE }, (_, i) => [person(i), i % 10 === 0 ? null : person(i - (i % 10))]),
);

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const planned = planReminders({
  today,
  controls,
  risks,
  managerOf: (key) => managers.get(key) ?? null,
  admins: [person(0), person(1)],
});
const reports = new Map<string, string[]>();
for (const [key, manager] of managers)
  if (manager) reports.set(manager, [...(reports.get(manager) ?? []), key]);
const digests = planManagerDigests({
  today,
  controls,
  risks,
  reportsOf: (manager) => reports.get(manager) ?? [],
  managers: [...reports.keys()],
  digestDate: () => today,
});
const messages = byRecipient([...planned, ...digests]);
const elapsed = performance.now() - started;
const heapUsed = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;
const rss = process.memoryUsage().rss / 1_048_576;

const body = `## Reminder planning

Command: \`npm run bench:reminders\` (${machineLine()}).
Goal: plan for 10,000 people and 50,000 due items in under 2 s and 200 MB.

| measure | value |
|---|---|
| people | ${PEOPLE.toLocaleString("en")} |
| due items | ${(EVIDENCE_ITEMS + RISKS).toLocaleString("en")} (${EVIDENCE_ITEMS.toLocaleString("en")} evidence due dates, ${RISKS.toLocaleString("en")} risks) |
| reminders planned | ${planned.length.toLocaleString("en")}, plus ${digests.length.toLocaleString("en")} manager digests (on a digest day), in ${messages.size.toLocaleString("en")} messages (one per person) |
| planning time | ${elapsed.toFixed(0)} ms |
| heap used by planning | ${heapUsed.toFixed(1)} MB |
| process resident memory after planning | ${rss.toFixed(0)} MB |`;

publish("reminders", "bench:reminders", body, [
  {
    goal: "reminder planning, 10,000 people and 50,000 due items: under 2 s",
    measured: `${elapsed.toFixed(0)} ms`,
    met: elapsed < 2000,
  },
  {
    goal: "reminder planning: under 200 MB",
    measured: `${rss.toFixed(0)} MB resident (${heapUsed.toFixed(1)} MB heap for planning)`,
    met: rss < 200,
  },
]);
