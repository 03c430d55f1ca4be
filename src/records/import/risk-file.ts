/**
 * Reading an existing risk register (.xlsx or .csv) into risk inputs: columns are matched by header, every row is
 * checked, and each problem names its line and field in words a person can act on.
 */
import { createHash } from "node:crypto";
import type { PersonKey, RiskInput } from "../types.js";
import { excelErrorMessage, type Grid, readGrid } from "./grid.js";
import {
  type Cell,
  cellText,
  parseControls,
  parseDate,
  parseProperties,
  parseScore,
  parseStatus,
  parseTreatment,
  squash,
} from "./risk-values.js";

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
  /** Stable across re-imports of the same file: "ext:<the file's ID>:<hash of title>" or "sha:<hash of title, assets, threat>". */
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
  grid.rows.forEach(({ line, cells, errors }, index) => {
    const cell = (field: RiskField): Cell => {
      const column = columns[field];
      return column === undefined ? null : (cells[column] ?? null);
    };
    const rowProblems: RowProblem[] = [];
    // A field whose cell shows an Excel error is reported as that, and not again as empty or wrong.
    const broken = new Set<RiskField>();
    for (const field of RISK_FIELDS) {
      const column = columns[field];
      const error = column === undefined ? undefined : errors?.get(column);
      if (error === undefined) continue;
      broken.add(field);
      rowProblems.push({ line, field, message: excelErrorMessage(error) });
    }
    const fail = (field: RiskField, message: string) => {
      if (!broken.has(field)) rowProblems.push({ line, field, message });
    };
    const input = checkRow(cell, scale, options, fail);
    const externalId = cellText(cell("externalId"));
    // The file's own ID goes with the title, so that another register reusing "1" is not taken for this one.
    const importKey =
      externalId !== "" ? `ext:${externalId}:${contentHash(input, true)}` : `sha:${contentHash(input)}`;
    // A row with neither ID nor title cannot be told apart; its missing title is reported already.
    const identifiable = externalId !== "" || input.title !== "";
    const sameAs = externalId !== "" ? `id:${externalId}` : importKey;
    const firstLine = identifiable ? firstLineOf.get(sameAs) : undefined;
    if (identifiable && firstLine === undefined) firstLineOf.set(sameAs, line);
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

/** Numbers bare, words quoted: "got 7", "got 'high'". */
function shown(cell: Cell): string {
  const text = cellText(cell);
  return /^-?\d+(\.\d+)?$/.test(text) ? text : `'${text}'`;
}

function contentHash(input: RiskInput, titleOnly = false): string {
  const normal = (text: string | null) =>
    (text ?? "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  const content = (titleOnly ? [input.title] : [input.title, input.assets, input.threat])
    .map(normal)
    .join("\n");
  return createHash("sha256").update(content).digest("hex").slice(0, 16);
}
