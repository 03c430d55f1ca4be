/**
 * Reading an existing risk register (.xlsx or .csv) into risk inputs: columns are matched by header, every row is
 * checked, and each problem names its line and field in words a person can act on.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { PersonKey, RiskInput, RiskStatus, Treatment } from "../types.js";

export interface RowProblem {
  /** The row number as a spreadsheet shows it; the header is line 1. */
  line: number;
  field: string;
  message: string;
}

export interface RiskFileOptions {
  /** Field → header, overriding the guesses (from `--map likelihood=Prob,impact=Severity`). */
  map?: Partial<Record<RiskField, string>>;
  /** The likelihood and impact scale; 1 to 5 when not given. */
  scale?: { min: number; max: number };
  /** Whether an id such as "A.8.1" is an Annex A control. */
  isControl(id: string): boolean;
  /** The person key for an owner as written in the file, undefined when nobody matches. */
  resolveOwner(text: string): PersonKey | undefined;
  onProgress?(done: number, total: number): void;
}

export interface RiskFileRow {
  line: number;
  /** Stable across re-imports of the same file: "ext:<the file's ID>" or "sha:<hash of title, assets, threat>". */
  importKey: string;
  input: RiskInput;
}

export interface RiskFileResult {
  rows: RiskFileRow[];
  problems: RowProblem[];
  /** Field → the header it was read from. */
  headers: Record<string, string>;
  /** Non-blank data rows in the file, valid or not. */
  rowsRead: number;
}

/** What a cell holds once read: text (all of a CSV), or a number or date from Excel. */
type Cell = string | number | Date | null;

interface Grid {
  headerLine: number;
  header: string[];
  rows: { line: number; cells: Cell[] }[];
}

/** Each field a register can give, with its usual headers, best first; compared without case, spaces or punctuation. */
const SYNONYMS = {
  externalId: ["ID", "Ref", "Risk ID", "Risk ref", "Reference", "Risk no", "Risk number", "No"],
  title: ["Title", "Risk title", "Risk", "Risk name", "Name", "Risk summary"],
  description: ["Description", "Risk description", "Details"],
  assets: ["Assets", "Asset(s)", "Asset", "Affected assets"],
  threat: ["Threat", "Threats", "Threat source"],
  vulnerability: ["Vulnerability", "Vulnerabilities", "Weakness"],
  properties: ["CIA", "C/I/A", "Properties", "Security properties", "Affected properties"],
  likelihood: ["Likelihood", "Probability", "L", "Inherent likelihood", "Likelihood score"],
  impact: ["Impact", "Consequence", "I", "Inherent impact", "Impact score"],
  owner: ["Owner", "Risk owner", "Owned by"],
  treatment: ["Treatment", "Treatment option", "Risk treatment", "Treatment decision", "Risk response"],
  controls: ["Controls", "Annex A controls", "Linked controls", "Annex A", "Control", "Control IDs"],
  treatmentPlan: ["Treatment plan", "Action plan", "Actions", "Mitigation plan", "Planned actions"],
  treatmentDue: ["Due date", "Treatment due", "Due", "Target date", "Deadline"],
  residualLikelihood: ["Residual likelihood", "Residual probability"],
  residualImpact: ["Residual impact", "Residual consequence"],
  nextReview: ["Next review", "Next review date", "Review date"],
  status: ["Status", "Risk status"],
} satisfies Record<string, string[]>;
// "Severity", "Score" and "Rating" are left out on purpose: registers use them for impact and for the level alike.

export type RiskField = keyof typeof SYNONYMS;
export const RISK_FIELDS = Object.keys(SYNONYMS) as RiskField[];

/** "treatmentDue" → "treatment due", as a person would say it. */
const label = (field: RiskField) =>
  field === "externalId" ? "ID" : field.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);

const REQUIRED: RiskField[] = ["title", "likelihood", "impact", "owner"];

const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** Parses `likelihood=Prob,impact=Severity`; "id" and snake or kebab case field names are understood. */
export function parseMapOption(text: string): Partial<Record<RiskField, string>> {
  const example = "like likelihood=Prob,impact=Severity";
  if (text.trim() === "") throw new Error(`The column map is empty: give field=Header pairs, ${example}.`);
  const map: Partial<Record<RiskField, string>> = {};
  for (const pair of text.split(",")) {
    const at = pair.indexOf("=");
    if (at < 0) {
      throw new Error(`'${pair.trim()}' in the column map has no '=': write field=Header, ${example}.`);
    }
    const name = pair.slice(0, at).trim();
    const header = pair.slice(at + 1).trim();
    const field = squash(name) === "id" ? "externalId" : RISK_FIELDS.find((f) => squash(f) === squash(name));
    if (field === undefined) {
      throw new Error(
        `'${name}' in the column map is not a risk field; use one of: ${RISK_FIELDS.join(", ")}.`,
      );
    }
    if (header === "") throw new Error(`'${name}=' in the column map needs a column header after '='.`);
    if (map[field] !== undefined) throw new Error(`${field} is given twice in the column map.`);
    map[field] = header;
  }
  return map;
}

export async function readRiskFile(path: string, options: RiskFileOptions): Promise<RiskFileResult> {
  const scale = options.scale ?? { min: 1, max: 5 };
  if (!Number.isInteger(scale.min) || !Number.isInteger(scale.max) || scale.min > scale.max) {
    throw new Error(`The scale must be two whole numbers, low to high; got ${scale.min} to ${scale.max}.`);
  }
  const grid = await readGrid(path);
  const { columns, headers, problems } = matchColumns(grid, options.map ?? {});
  const rows: RiskFileRow[] = [];
  if (problems.length > 0) return { rows, problems, headers, rowsRead: grid.rows.length };

  const firstLineOf = new Map<string, number>();
  grid.rows.forEach(({ line, cells }, index) => {
    const cell = (field: RiskField): Cell => {
      const column = columns[field];
      return column === undefined ? null : (cells[column] ?? null);
    };
    const rowProblems: RowProblem[] = [];
    const fail = (field: RiskField, message: string) => rowProblems.push({ line, field, message });
    const input = checkRow(cell, scale, options, fail);
    const externalId = cellText(cell("externalId"));
    const importKey = externalId !== "" ? `ext:${externalId}` : `sha:${contentHash(input)}`;
    // A row with neither ID nor title cannot be told apart; its missing title is reported already.
    const identifiable = externalId !== "" || input.title !== "";
    const firstLine = identifiable ? firstLineOf.get(importKey) : undefined;
    if (identifiable && firstLine === undefined) firstLineOf.set(importKey, line);
    else if (firstLine !== undefined && externalId !== "") {
      fail("externalId", `ID '${externalId}' is also used on line ${firstLine}`);
    } else if (firstLine !== undefined) {
      fail("title", `the same title, assets and threat are already on line ${firstLine}`);
    }
    if (rowProblems.length === 0) rows.push({ line, importKey, input });
    problems.push(...rowProblems);
    options.onProgress?.(index + 1, grid.rows.length);
  });
  return { rows, problems, headers, rowsRead: grid.rows.length };
}

function matchColumns(grid: Grid, map: Partial<Record<RiskField, string>>) {
  const columns: Partial<Record<RiskField, number>> = {};
  const headers: Record<string, string> = {};
  const problems: RowProblem[] = [];
  const taken = new Set<number>();
  const claim = (field: RiskField, column: number) => {
    columns[field] = column;
    headers[field] = grid.header[column] ?? "";
    taken.add(column);
  };
  const present = grid.header.filter((h) => h !== "").join(", ");
  for (const field of RISK_FIELDS) {
    const wanted = map[field];
    if (wanted === undefined) continue;
    const column = grid.header.findIndex((h) => h !== "" && squash(h) === squash(wanted));
    if (column < 0) {
      const message = `there is no column '${wanted}' (given for ${field}); the columns are: ${present}`;
      problems.push({ line: grid.headerLine, field, message });
    } else if (taken.has(column)) {
      const message = `column '${wanted}' is given for more than one field`;
      problems.push({ line: grid.headerLine, field, message });
    } else claim(field, column);
  }
  for (const field of RISK_FIELDS) {
    if (map[field] !== undefined) continue;
    for (const synonym of SYNONYMS[field]) {
      const column = grid.header.findIndex((h, i) => !taken.has(i) && headerMatches(h, synonym));
      if (column >= 0) {
        claim(field, column);
        break;
      }
    }
  }
  for (const field of REQUIRED) {
    if (columns[field] !== undefined || map[field] !== undefined) continue;
    const message = `no column for ${field} (the columns are: ${present}); name it with a map such as ${field}=<header>`;
    problems.push({ line: grid.headerLine, field, message });
  }
  return { columns, headers, problems };
}

/** "Likelihood (1-5)" matches "Likelihood": a note in brackets is not part of the name. */
function headerMatches(header: string, synonym: string): boolean {
  const wanted = squash(synonym);
  return wanted !== "" && (squash(header) === wanted || squash(header.replace(/\(.*?\)/g, "")) === wanted);
}

type Fail = (field: RiskField, message: string) => void;

function checkRow(
  cell: (field: RiskField) => Cell,
  scale: { min: number; max: number },
  options: RiskFileOptions,
  fail: Fail,
): RiskInput {
  const optional = (field: RiskField): string | null => cellText(cell(field)) || null;
  const required = (field: RiskField, hint: string): string => {
    const text = cellText(cell(field));
    if (text === "") fail(field, `${label(field)} is empty: ${hint}`);
    return text;
  };
  const range = `a whole number from ${scale.min} to ${scale.max}`;
  const score = (field: RiskField): number | null => {
    const value = cell(field);
    if (cellText(value) === "") return null;
    const number = parseScore(value);
    if (number !== undefined && number >= scale.min && number <= scale.max) return number;
    fail(field, `${label(field)} must be ${range}, got ${shown(value)}`);
    return null;
  };
  const date = (field: RiskField): string | null => {
    const value = cell(field);
    if (cellText(value) === "") return null;
    const parsed = parseDate(value);
    if (parsed === undefined) {
      fail(field, `${label(field)} must be a date like 2026-03-31 or 31/03/2026, got ${shown(value)}`);
    }
    return parsed ?? null;
  };

  const title = required("title", "every risk needs a short title").replace(/\s+/g, " ");
  required("likelihood", `give ${range}`);
  const likelihood = score("likelihood");
  required("impact", `give ${range}`);
  const impact = score("impact");
  const ownerText = required("owner", "name the person accountable for this risk");
  const owner = ownerText === "" ? undefined : options.resolveOwner(ownerText);
  if (ownerText !== "" && owner === undefined) fail("owner", `owner '${ownerText}' is not a known person`);

  return {
    title,
    description: optional("description"),
    assets: optional("assets"),
    threat: optional("threat"),
    vulnerability: optional("vulnerability"),
    properties: parseProperties(cellText(cell("properties")), fail),
    likelihood: likelihood ?? 0,
    impact: impact ?? 0,
    owner: owner ?? "",
    treatment: parseTreatment(cellText(cell("treatment")), fail),
    controls: parseControls(cellText(cell("controls")), options.isControl, fail),
    treatmentPlan: optional("treatmentPlan"),
    treatmentDue: date("treatmentDue"),
    residualLikelihood: score("residualLikelihood"),
    residualImpact: score("residualImpact"),
    nextReview: date("nextReview"),
    status: parseStatus(cellText(cell("status")), fail),
  };
}

function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return isoDate(cell) ?? "";
  return String(cell).trim();
}

/** Numbers bare, words quoted: "got 7", "got 'high'". */
function shown(cell: Cell): string {
  const text = cellText(cell);
  return /^-?\d+(\.\d+)?$/.test(text) ? text : `'${text}'`;
}

/** "4" and Excel's 4, also "4 - Likely" as many registers write it; not 4.5. */
function parseScore(cell: Cell): number | undefined {
  if (typeof cell === "number") return Number.isInteger(cell) ? cell : undefined;
  const match = /^(\d+)(?:(?:\s+|\s*[-–:(]\s*)\p{L}.*)?$/su.exec(cellText(cell));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function parseDate(cell: Cell): string | undefined {
  if (cell instanceof Date) return isoDate(cell);
  // A date typed into a "General" Excel cell arrives as its serial number; 1970..2099 keeps plain numbers out.
  if (typeof cell === "number") {
    return cell >= 25_569 && cell < 73_051
      ? isoDate(new Date(EXCEL_EPOCH + Math.floor(cell) * DAY_MS))
      : undefined;
  }
  const text = cellText(cell);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const european = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (european) return calendarDate(Number(european[3]), Number(european[2]), Number(european[1]));
  return undefined;
}

function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? isoDate(date) : undefined;
}

function isoDate(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

const PROPERTY_WORDS: Record<string, string> = { confidentiality: "C", integrity: "I", availability: "A" };

/** "C,I,A", "CIA", "C/I" and "Confidentiality, Availability" all work; the result is in C, I, A order. */
function parseProperties(text: string, fail: Fail): string[] {
  const found = new Set<string>();
  for (const word of text.toLowerCase().split(/[\s,;/&+]+/)) {
    if (word === "" || word === "and") continue;
    const letters = PROPERTY_WORDS[word] ?? (/^[cia]+$/.test(word) ? word.toUpperCase() : undefined);
    if (letters === undefined) {
      fail(
        "properties",
        `properties must be C, I and/or A (confidentiality, integrity, availability), got '${text}'`,
      );
      return [];
    }
    for (const letter of letters) found.add(letter);
  }
  return ["C", "I", "A"].filter((letter) => found.has(letter));
}

const TREATMENT_WORDS = wordsFor<Treatment>({
  modify: ["modify", "modification", "mitigate", "mitigation", "reduce", "reduction", "treat"],
  retain: ["retain", "retention", "accept", "acceptance", "tolerate"],
  avoid: ["avoid", "avoidance", "terminate", "termination"],
  share: ["share", "sharing", "transfer", "insure", "insurance"],
});

/** "Mitigate", "Risk acceptance" and "transfer" all name one of ISO 27005's four options. */
function parseTreatment(text: string, fail: Fail): Treatment | null {
  if (text === "") return null;
  const treatment = TREATMENT_WORDS.get(squash(text.toLowerCase().replace(/\brisk\b/g, "")));
  if (treatment === undefined) {
    fail(
      "treatment",
      `treatment must be modify, retain, avoid or share (or mitigate, accept, transfer…), got '${text}'`,
    );
  }
  return treatment ?? null;
}

const STATUS_WORDS = wordsFor<RiskStatus>({
  open: ["open", "new", "identified"],
  treating: ["treating", "in treatment", "being treated", "in progress", "treatment in progress", "ongoing"],
  accepted: ["accepted"],
  closed: ["closed", "done", "resolved"],
});

/** Turns value → words into a lookup by squashed word. */
function wordsFor<T extends string>(words: Record<T, string[]>): Map<string, T> {
  const entries = Object.entries(words) as [T, string[]][];
  return new Map(entries.flatMap(([value, list]) => list.map((word) => [squash(word), value] as const)));
}

function parseStatus(text: string, fail: Fail): RiskStatus {
  if (text === "") return "open";
  const status = STATUS_WORDS.get(squash(text));
  if (status === undefined)
    fail("status", `status must be open, treating, accepted or closed, got '${text}'`);
  return status ?? "open";
}

/** "A.8.1", "8.1" and "a.8.1", separated by commas, semicolons or spaces, become "A.8.1". */
function parseControls(text: string, isControl: (id: string) => boolean, fail: Fail): string[] {
  const controls: string[] = [];
  for (const token of text.split(/[\s,;]+/)) {
    if (token === "") continue;
    const match = /^(?:a\.?)?(\d{1,2})\.(\d{1,2})$/i.exec(token);
    const id = match ? `A.${Number(match[1])}.${Number(match[2])}` : undefined;
    if (id === undefined) fail("controls", `'${token}' is not an Annex A control id like A.8.1`);
    else if (!isControl(id)) fail("controls", `${id} is not an Annex A control`);
    else if (!controls.includes(id)) controls.push(id);
  }
  return controls;
}

function contentHash(input: RiskInput): string {
  const normal = (text: string | null) =>
    (text ?? "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  const content = [input.title, input.assets, input.threat].map(normal).join("\n");
  return createHash("sha256").update(content).digest("hex").slice(0, 16);
}

async function readGrid(path: string): Promise<Grid> {
  const extension = extname(path).toLowerCase();
  let lines: { line: number; cells: Cell[] }[];
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
  const nonBlank = lines.filter(({ cells }) => cells.some((cell) => cellText(cell) !== ""));
  const [first, ...rows] = nonBlank;
  if (first === undefined) throw new Error(`Can't read ${basename(path)}: it is empty.`);
  return { headerLine: first.line, header: first.cells.map(cellText), rows };
}

async function xlsxLines(path: string): Promise<{ line: number; cells: Cell[] }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw error;
    throw new Error("it is not an Excel workbook (.xlsx), or it is damaged", { cause: error });
  });
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new Error("the workbook has no worksheet");
  const lines: { line: number; cells: Cell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: Cell[] = [];
    for (let column = 1; column <= sheet.columnCount; column++)
      cells.push(xlsxCell(row.getCell(column).value));
    lines.push({ line, cells });
  });
  return lines;
}

/** Rich text, hyperlinks and formulas come back as what the cell shows. */
function xlsxCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || value instanceof Date) return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("hyperlink" in value) return xlsxCell(value.text as ExcelJS.CellValue);
  if ("error" in value) return value.error;
  if ("result" in value) return xlsxCell(value.result ?? null);
  return null;
}

/** UTF-8 with or without a BOM; a file Excel saved in the Windows code page is read as that. */
function csvLines(bytes: Buffer): { line: number; cells: Cell[] }[] {
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
