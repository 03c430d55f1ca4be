/** Risk registers as Excel really writes them: a cell showing "#REF!" or "#N/A" is named as such, never imported as text. */
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { formatImportReport } from "../../src/records/import/report.js";
import { type RiskFileOptions, readRiskFile } from "../../src/records/import/risk-file.js";
import { tempDir } from "../support/temp.js";

const folder = tempDir();
afterAll(() => folder.remove());

const options: RiskFileOptions = {
  isControl: (id) => id === "A.8.13",
  resolveOwner: (text) => (text.trim().toLowerCase() === "alice" ? "console:alice" : undefined),
};

async function register(rows: ExcelJS.CellValue[][]): Promise<string> {
  const path = join(folder.path, `register-${rows.length}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Risks").addRows(rows);
  await workbook.xlsx.writeFile(path);
  return path;
}

describe("Excel error cells in a risk register", () => {
  it("names the field and the error once, instead of importing the error's text or calling the cell empty", async () => {
    const brokenScore = { formula: "Scores!B7", result: { error: "#REF!" } } as ExcelJS.CellValue;
    const path = await register([
      ["Title", "Likelihood", "Impact", "Owner", "Threat", "Notes"],
      ["Backups fail unnoticed", 3, 4, "alice", { error: "#N/A" }, null],
      ["Laptop stolen", brokenScore, 4, "alice", "Theft", null],
      ["Phishing", 4, 3, "alice", "Email", { error: "#DIV/0!" }],
    ]);
    const result = await readRiskFile(path, options);
    expect(result.problems).toEqual([
      { line: 2, field: "threat", message: "the cell holds an Excel error (#N/A)" },
      { line: 3, field: "likelihood", message: "the cell holds an Excel error (#REF!)" },
    ]);
    // An error in a column the import does not read stands in nobody's way.
    expect(result.rows.map((row) => row.input.title)).toEqual(["Phishing"]);
    expect(formatImportReport(result)).toContain("line 3, likelihood: the cell holds an Excel error (#REF!)");
  });
});
