/** A plain-text account of an import: each problem on its own line, then how many rows were read and kept. */
import type { RiskFileResult } from "./risk-file.js";

/** Rows that could not be kept include those left unchecked because a needed column is missing. */
export function formatImportReport(result: RiskFileResult): string {
  const problems = [...result.problems].sort((a, b) => a.line - b.line);
  const lines = problems.map((problem) => `line ${problem.line}, ${problem.field}: ${problem.message}`);
  const rowWord = result.rowsRead === 1 ? "row" : "rows";
  const withProblems = result.rowsRead - result.rows.length;
  lines.push(
    `${result.rowsRead} ${rowWord} read, ${result.rows.length} valid, ${withProblems} with problems`,
  );
  return lines.join("\n");
}
