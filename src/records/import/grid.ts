/**
 * A spreadsheet an import reads (.xlsx, first worksheet, or .csv), as a header line and the non-blank rows under it:
 * each cell's value, and for Excel the errors and hyperlink addresses cells hold. The risk and policy imports share it.
 */
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { loadExcel } from "../excel.js";
import { type Cell, cellText } from "./risk-values.js";

export interface GridRow {
  /** The row number as a spreadsheet shows it. */
  line: number;
  /** Each column's value; a cell holding an Excel error is null here and named in `errors`. */
  cells: Cell[];
  /** Column index → the Excel error a cell shows instead of a value ("#REF!", "#N/A"); Excel files only. */
  errors?: ReadonlyMap<number, string>;
  /** Column index → the address a hyperlink cell opens, while `cells` holds the text it shows; Excel files only. */
  links?: ReadonlyMap<number, string>;
}

export interface Grid {
  headerLine: number;
  header: string[];
  rows: GridRow[];
}

/** The words every import uses for a cell that holds an Excel error rather than a value. */
export const excelErrorMessage = (error: string) => `the cell holds an Excel error (${error})`;

/** The first worksheet of an .xlsx, or a .csv, as a header and the non-blank rows under it. */
export async function readGrid(path: string): Promise<Grid> {
  const extension = extname(path).toLowerCase();
  let lines: GridRow[];
  try {
    if (extension === ".xlsx") lines = await xlsxLines(path);
    else if (extension === ".csv") lines = csvLines(await readFile(path));
    else if (extension === ".xls")
      throw new Error("old .xls workbooks are not read; save it as .xlsx or .csv");
    else throw new Error("only .xlsx and .csv risk registers can be read");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "there is no such file" : String((error as Error).message ?? error);
    throw new Error(`Can't read ${basename(path)}: ${reason.replace(/\.$/, "")}.`, { cause: error });
  }
  // A cell showing an Excel error is not blank, though it holds no value.
  const nonBlank = lines.filter(
    ({ cells, errors }) => cells.some((cell) => cellText(cell) !== "") || (errors?.size ?? 0) > 0,
  );
  const [first, ...rows] = nonBlank;
  if (first === undefined) throw new Error(`Can't read ${basename(path)}: it is empty.`);
  return { headerLine: first.line, header: first.cells.map(cellText), rows };
}

async function xlsxLines(path: string): Promise<GridRow[]> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  await workbook.xlsx.readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw error;
    throw new Error("it is not an Excel workbook (.xlsx), or it is damaged", { cause: error });
  });
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new Error("the workbook has no worksheet");
  const lines: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: Cell[] = [];
    const errors = new Map<number, string>();
    const links = new Map<number, string>();
    for (let column = 1; column <= sheet.columnCount; column++) {
      const read = xlsxCell(row.getCell(column).value);
      cells.push(read.value);
      if (read.error !== undefined) errors.set(column - 1, read.error);
      if (read.link !== undefined) links.set(column - 1, read.link);
    }
    lines.push({ line, cells, ...(errors.size > 0 ? { errors } : {}), ...(links.size > 0 ? { links } : {}) });
  });
  return lines;
}

interface XlsxCell {
  /** What the cell shows: rich text as its plain text, a hyperlink as its words, a formula as its result. */
  value: Cell;
  /** "#REF!", "#N/A", …: the cell, or its formula's result, is an Excel error and `value` is null. */
  error?: string;
  /** The address a hyperlink cell opens. */
  link?: string;
}

function xlsxCell(value: ExcelJS.CellValue | undefined): XlsxCell {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === "string" || typeof value === "number" || value instanceof Date) return { value };
  if (typeof value === "boolean") return { value: value ? "TRUE" : "FALSE" };
  if ("richText" in value) return { value: value.richText.map((run) => run.text).join("") };
  if ("hyperlink" in value) {
    const shown = xlsxCell(value.text as ExcelJS.CellValue);
    const link = typeof value.hyperlink === "string" ? value.hyperlink.trim() : "";
    return link === "" ? shown : { ...shown, link };
  }
  if ("error" in value) return { value: null, error: String(value.error) };
  if ("result" in value) return xlsxCell(value.result ?? null);
  return { value: null };
}

/** UTF-8 with or without a BOM; a file Excel saved in the Windows code page is read as that. */
function csvLines(bytes: Buffer): GridRow[] {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  const records: string[][] = parse(text.replace(/^\uFEFF/, ""), {
    delimiter: guessDelimiter(text),
    relax_column_count: true,
    skip_empty_lines: false,
  });
  return records.map((cells, index) => ({ line: index + 1, cells }));
}

/** The header line decides: Excel in much of Europe writes `;`, elsewhere `,`. */
function guessDelimiter(text: string): string {
  const header = text.split(/\r?\n/).find((line) => line.replace(/^\uFEFF/, "").trim() !== "") ?? "";
  const count = (delimiter: string) => header.split(delimiter).length - 1;
  const [best] = [",", ";", "\t"].sort((a, b) => count(b) - count(a));
  return best !== undefined && count(best) > 0 ? best : ",";
}
