/** The last step of `npm run bench`: prints the summary table ("goal / measured / met?") of docs/benchmarks.md. */
import { BENCHMARKS_FILE, readSection } from "./report.js";

const summary = readSection(BENCHMARKS_FILE, "summary");
if (summary === undefined) {
  console.error("docs/benchmarks.md has no summary yet: run the benchmarks first");
  process.exitCode = 1;
} else {
  const missed = summary.split("\n").filter((line) => line.includes("**missed**")).length;
  console.log(`\n${summary}\n\n${missed === 0 ? "Every goal met." : `${missed} goal(s) missed.`}`);
}
