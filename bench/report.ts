/**
 * Writes one benchmark's section of docs/benchmarks.md, leaving the other sections as they are, and keeps the
 * summary at the top ("goal / measured / met?") up to date with each benchmark's own rows.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { packageRoot } from "../cli/config.js";

export const BENCHMARKS_FILE = join(packageRoot(), "docs", "benchmarks.md");

const INTRO =
  "# Benchmarks\n\nFigures measured on the project's own machine; each section says the command that produced it.\n";

const CORES = cpus().length;

/** CPU ticks of the whole machine so far (all cores): busy ones, and all of them. */
function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal (guest time is already counted in user)
  const ticks = fields.slice(0, 8).map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total };
}

/** CPU ticks of this process and of its children that have exited (the apps it started and stopped). */
function ownTicks(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime, stime, cutime, cstime: fields 14 to 17 of the line
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
}

const machineAtStart = machineTicks();
const ownAtStart = ownTicks();

/**
 * How many cores other work on the machine kept busy, on average, since this benchmark started: the machine's busy
 * time less this benchmark's own (its processes included), so a benchmark does not count against itself.
 */
export function otherWork(): number {
  const machine = machineTicks();
  const total = machine.total - machineAtStart.total;
  if (total <= 0) return 0;
  const others = machine.busy - machineAtStart.busy - (ownTicks() - ownAtStart);
  return Math.max(0, (others / total) * CORES);
}

const otherWorkText = () => `other work kept ${otherWork().toFixed(1)} of ${CORES} cores busy meanwhile`;

export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  return `Node.js ${process.version} on ${CORES} × ${cpu}, ${new Date().toISOString().slice(0, 10)}; ${otherWorkText()}`;
}

const marker = (name: string, edge: "start" | "end") => `<!-- ${name}:${edge} -->`;

/** The body of a section as last written, or undefined. */
export function readSection(file: string, name: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  const at = text.indexOf(marker(name, "start"));
  const until = text.indexOf(marker(name, "end"));
  return at >= 0 && until > at ? text.slice(at + marker(name, "start").length, until).trim() : undefined;
}

/** Replaces the section `name`; a new one goes at the end, or before every other section with `first`. */
export function writeSection(
  file: string,
  name: string,
  body: string,
  options: { first?: boolean } = {},
): void {
  const start = marker(name, "start");
  const end = marker(name, "end");
  const section = `${start}\n${body.trim()}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, "utf8") : INTRO;
  const at = text.indexOf(start);
  const until = text.indexOf(end);
  const firstSection = text.indexOf("<!-- ");
  if (at >= 0 && until > at) text = text.slice(0, at) + section + text.slice(until + end.length);
  else if (options.first && firstSection >= 0)
    text = `${text.slice(0, firstSection)}${section}\n\n${text.slice(firstSection)}`;
  else text = `${text.trimEnd()}\n\n${section}\n`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

export interface GoalRow {
  goal: string;
  measured: string;
  met: boolean;
}

/** The benchmarks in the order of the summary, by the command that runs each. */
const ORDER = ["bench:search", "bench:slack", "bench:teams", "bench:start", "bench:reminders"];

const SUMMARY_HEAD = `## Summary

\`npm run bench\` runs every benchmark below and rewrites this table; each row names the command that measured it
(each can be run alone), the day, and how many of this machine's ${CORES} cores other work kept busy meanwhile (on
average, not counting the benchmark's own processes): other work slows every figure. Goals that were missed are marked
**missed**; their sections say more.

| goal | measured | met? | measured by |
|---|---|---|---|`;

function rowsOf(summary: string | undefined): { command: string; line: string }[] {
  if (!summary) return [];
  return summary
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| goal |"))
    .map((line) => ({ command: /`npm run (bench:[a-z]+)`/.exec(line)?.[1] ?? "", line }))
    .filter((row) => row.command !== "");
}

/** Puts this benchmark's goal rows in the summary, in place of its earlier ones; the other benchmarks' rows stay. */
export function recordGoals(command: string, rows: readonly GoalRow[], file: string = BENCHMARKS_FILE): void {
  const day = new Date().toISOString().slice(0, 10);
  const others = rowsOf(readSection(file, "summary")).filter((row) => row.command !== command);
  const ours = rows.map((row) => ({
    command,
    line: `| ${row.goal} | ${row.measured} | ${row.met ? "met" : "**missed**"} | \`npm run ${command}\`, ${day}; others busy: ${otherWork().toFixed(1)} cores |`,
  }));
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  const all = [...others, ...ours].sort((a, b) => rank(a.command) - rank(b.command));
  const table = all.map((row) => row.line).join("\n");
  writeSection(file, "summary", `${reflow(SUMMARY_HEAD)}\n${table}`, { first: true });
}

/** Paragraphs of prose wrapped at `width` (tables, headings and lists stay as they are). */
export function reflow(text: string, width = 118): string {
  return text
    .split(/\n{2,}/)
    .map((block) => {
      if (/^\s*([|#<-]|\d+\.)/.test(block)) return block;
      const lines: string[] = [];
      let line = "";
      for (const word of block.split(/\s+/).filter(Boolean)) {
        if (line && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      if (line) lines.push(line);
      return lines.join("\n");
    })
    .join("\n\n");
}

/** Prints a section and writes it, with this benchmark's goal rows in the summary. */
export function publish(name: string, command: string, text: string, goals: readonly GoalRow[]): void {
  const body = reflow(text);
  console.log(body);
  writeSection(BENCHMARKS_FILE, name, body);
  recordGoals(command, goals);
  console.log(`\nwritten to ${join("docs", "benchmarks.md")} (section "${name}" and the summary)`);
}
