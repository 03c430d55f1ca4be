/**
 * A neutral table (sheet name, columns, rows) and writing it as Excel, CSV or Markdown. Every format is written to
 * a temporary file beside the target and renamed into place, so a failed export never leaves half a file.
 */
import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { loadExcel } from "../excel.js";
import type { ExportFormat } from "./formats.js";

export type TableCell = string | number;

export interface TableColumn {
  header: string;
  /** In characters, as Excel counts column width. */
  width: number;
}

export interface Table {
  sheetName: string;
  /** A longer heading (the Markdown title line, the workbook title); the sheet name when absent. */
  title?: string;
  columns: TableColumn[];
  rows: TableCell[][];
}

export async function writeTable(table: Table, format: ExportFormat, outPath: string): Promise<void> {
  const data =
    format === "xlsx" ? await xlsxBytes(table) : format === "csv" ? csvText(table) : markdownText(table);
  await writeAtomically(outPath, data);
}

/** Excel's own limits: a longer sheet name or cell makes it "repair" the file, a wider column is refused. */
const MAX_SHEET_NAME = 31;
const MAX_CELL_TEXT = 32_767;
const MAX_COLUMN_WIDTH = 255;
/** Points per line of wrapped text, and the tallest row a spreadsheet allows. */
const LINE_HEIGHT = 15;
const MAX_ROW_HEIGHT = 409;
// Characters XML 1.0 cannot carry; one of them in a cell makes the workbook unreadable.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** What a spreadsheet takes for the start of a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

async function xlsxBytes(table: Table): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  workbook.title = table.title ?? table.sheetName;
  const name = table.sheetName.replace(/[[\]:*?/\\]/g, " ").slice(0, MAX_SHEET_NAME);
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.pageSetup.printTitlesRow = "1:1";
  sheet.columns = table.columns.map((column) => ({
    header: xlsxText(column.header),
    width: Math.min(Math.max(column.width, 1), MAX_COLUMN_WIDTH),
  }));
  const widths = table.columns.map((column) => Math.min(Math.max(column.width, 1), MAX_COLUMN_WIDTH));
  for (const row of table.rows) {
    const added = sheet.addRow(row.map((cell) => (typeof cell === "number" ? cell : xlsxText(cell))));
    // Spreadsheets do not grow a wrapped row by themselves when opening a file: give it the height its text needs.
    const lines = Math.max(
      1,
      ...row.map((cell, column) =>
        String(cell)
          .split("\n")
          .reduce(
            (sum, part) =>
              sum + Math.max(1, Math.ceil(part.length / Math.max(1, (widths[column] ?? 10) - 1))),
            0,
          ),
      ),
    );
    if (lines > 1) added.height = Math.min(LINE_HEIGHT * lines, MAX_ROW_HEIGHT);
  }
  sheet.eachRow((row) => {
    row.alignment = { vertical: "top", wrapText: true };
  });
  // Text that reads like a formula is a string cell already; in Text format it stays text even when edited.
  table.rows.forEach((row, index) => {
    row.forEach((value, column) => {
      if (typeof value !== "string" || !FORMULA_START.test(value)) return;
      const cell = sheet.getRow(index + 2).getCell(column + 1);
      cell.style = { ...cell.style, numFmt: "@" };
    });
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: Math.max(table.columns.length, 1) },
  };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function xlsxText(text: string): string {
  const clean = text.replace(XML_INVALID, "");
  if (clean.length <= MAX_CELL_TEXT) return clean;
  const note = " … (cut: Excel cells hold at most 32,767 characters)";
  return clean.slice(0, MAX_CELL_TEXT - note.length) + note;
}

/**
 * RFC 4180 with CRLF, and a BOM so Excel reads UTF-8 rather than the local code page. csv-stringify quotes only
 * a full CRLF, so a lone CR or LF in a cell is quoted explicitly: unquoted, spreadsheets would start a new row.
 * Semicolons are quoted too, for the spreadsheets that split on them.
 */
function csvText(table: Table): string {
  const records = [table.columns.map((column) => column.header), ...table.rows];
  return stringify(
    records.map((row) => row.map(csvCell)),
    { bom: true, record_delimiter: "windows", quoted_match: [/[\r\n;]/] },
  );
}

/** Where Excel in a semicolon locale starts a new cell inside ours, and a formula after it. */
const FORMULA_AFTER_SEMICOLON = /;(?=[\s"]*[=+\-@])/g;

/**
 * OWASP's CSV-injection advice: text a spreadsheet would take for a formula gets a leading quote, and so does what
 * follows a semicolon (Excel in many locales splits there, whatever our quoting says). Numbers are left alone; a
 * number is never read as a formula.
 */
function csvCell(cell: TableCell): string {
  if (typeof cell === "number") return String(cell);
  const defused = cell.replace(FORMULA_AFTER_SEMICOLON, ";'");
  return FORMULA_START.test(defused) ? `'${defused}` : defused;
}

function markdownText(table: Table): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const lines = [
    `# ${markdownCell(table.title ?? table.sheetName)}`,
    "",
    line(table.columns.map((column) => markdownCell(column.header))),
    line(table.columns.map(() => "---")),
    ...table.rows.map((row) => line(table.columns.map((_, index) => markdownCell(row[index] ?? "")))),
  ];
  return `${lines.join("\n")}\n`;
}

/** A pipe would split the cell and a newline would end the row; backslashes are doubled so `\|` stays literal. */
function markdownCell(cell: TableCell): string {
  return String(cell)
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\r\n|\r|\n/g, "<br>");
}

async function writeAtomically(outPath: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, data, { flag: "wx" });
    await rename(temp, outPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw new Error(`Could not write ${outPath}: ${writeProblem(error, outPath)}`, { cause: error });
  }
}

function writeProblem(error: unknown, outPath: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `the folder ${dirname(outPath)} does not exist.`;
  if (code === "EACCES" || code === "EPERM") return "permission denied.";
  if (code === "EISDIR") return "that is a folder.";
  if (code === "ENOSPC") return "the disk is full.";
  return error instanceof Error ? error.message : String(error);
}
