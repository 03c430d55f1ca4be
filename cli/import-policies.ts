/**
 * `isms import policies FILE`: the organisation's house rules and policy links from a .csv or .xlsx file. Columns are
 * found by header; every row is checked with the chat form's rules first, and either all rows are saved, in one
 * transaction with their audit entries, or none.
 */
import { resolve } from "node:path";
import type { Catalogue } from "../src/catalogue/catalogue.js";
import {
  checkHouseRule,
  HOUSE_RULE_FIELDS,
  type HouseRuleField,
  houseRuleTarget,
} from "../src/conversations/house-rule-check.js";
import { houseRuleForm } from "../src/conversations/house-rule-form.js";
import type { HouseRuleInput } from "../src/records/house-rules-store.js";
import { excelErrorMessage, type Grid, readGrid } from "../src/records/import/grid.js";
import { cellText, squash } from "../src/records/import/risk-values.js";
import type { Records } from "../src/records/records.js";
import { NotFoundError, UsageError } from "./errors.js";

/** The header each field is read from, compared without case, spaces or punctuation. */
export const POLICY_COLUMNS: Record<HouseRuleField, string> = {
  target: "id",
  rule: "house rule",
  policyTitle: "policy title",
  policyUrl: "policy link",
  policyVersion: "policy version",
  policyOwner: "policy owner",
};
const REQUIRED: HouseRuleField[] = ["target", "rule"];

export interface PolicyRows {
  rows: HouseRuleInput[];
  /** One line per problem: "row 3: policy link: must be a web link starting with https:// or http://." */
  problems: string[];
  /** Headers that are none of the columns above, left unread. */
  ignored: string[];
}

/** "Policy link must be …" → "must be …": the line names the column already. */
function withoutLabel(field: HouseRuleField, message: string): string {
  const label = houseRuleForm(undefined).fields.find((each) => each.name === field)?.label;
  return label && message.startsWith(`${label} `) ? message.slice(label.length + 1) : message;
}

function idOf(catalogue: Catalogue, raw: string): string | undefined {
  if (raw.trim() === "") return undefined;
  const found = houseRuleTarget(catalogue, raw);
  return "id" in found ? found.id : undefined;
}

/** Checks every row of the file; nothing is written here. */
export function readPolicyRows(grid: Grid, catalogue: Catalogue): PolicyRows {
  const problems: string[] = [];
  const columns: Partial<Record<HouseRuleField, number>> = {};
  const known = new Set<number>();
  for (const field of HOUSE_RULE_FIELDS) {
    const name = POLICY_COLUMNS[field];
    const found = grid.header.flatMap((header, index) => (squash(header) === squash(name) ? [index] : []));
    if (found.length > 1)
      problems.push(`row ${grid.headerLine}: there are ${found.length} "${name}" columns`);
    if (found[0] !== undefined) {
      columns[field] = found[0];
      for (const index of found) known.add(index);
    } else if (REQUIRED.includes(field)) {
      const present = grid.header.filter((header) => header !== "").join(", ") || "none";
      problems.push(`row ${grid.headerLine}: there is no "${name}" column (the columns are: ${present})`);
    }
  }
  const ignored = grid.header.filter((header, index) => header !== "" && !known.has(index));
  if (problems.length > 0) return { rows: [], problems, ignored };

  const rows: HouseRuleInput[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { line, cells, errors: excelErrors, links } of grid.rows) {
    const values = Object.fromEntries(
      HOUSE_RULE_FIELDS.map((field) => {
        const column = columns[field];
        if (column === undefined) return [field, ""];
        // An Excel hyperlink in the link column is read as the address it opens, not the words it shows.
        const link = field === "policyUrl" ? links?.get(column) : undefined;
        return [field, link ?? cellText(cells[column] ?? null)];
      }),
    );
    const checked = checkHouseRule(catalogue, values);
    const errors: Partial<Record<HouseRuleField, string>> = "errors" in checked ? { ...checked.errors } : {};
    // A cell showing "#REF!" or "#N/A" is reported as that, not as the empty or wrong value it stands for.
    for (const field of HOUSE_RULE_FIELDS) {
      const column = columns[field];
      const excelError = column === undefined ? undefined : excelErrors?.get(column);
      if (excelError !== undefined) errors[field] = excelErrorMessage(excelError);
    }
    // A control or clause named twice is reported even when one of its rows has other problems.
    const target = errors.target ? undefined : idOf(catalogue, values.target ?? "");
    const first = target === undefined ? undefined : firstRowOf.get(target);
    if (target !== undefined && first !== undefined)
      errors.target = `${target} is on row ${first} already; give each control or clause one row`;
    else if (target !== undefined) firstRowOf.set(target, line);
    for (const field of HOUSE_RULE_FIELDS) {
      const message = errors[field];
      if (message) problems.push(`row ${line}: ${POLICY_COLUMNS[field]}: ${withoutLabel(field, message)}`);
    }
    if ("input" in checked && Object.keys(errors).length === 0) rows.push(checked.input);
  }
  return { rows, problems, ignored };
}

export interface ImportPoliciesDeps {
  /** The catalogue, loaded only once the file name is known to be right. */
  catalogue: () => Catalogue;
  records: Records;
  /** Who the audit log names, e.g. "cli:alice". */
  actor: string;
  print: (text: string) => void;
}

export async function importPolicies(file: string, deps: ImportPoliciesDeps): Promise<void> {
  if (!/\.(?:xlsx|csv)$/i.test(file))
    throw new UsageError(`${file}: house rules and policy links must be in an .xlsx or .csv file.`);
  let grid: Grid;
  try {
    grid = await readGrid(resolve(file));
  } catch (error) {
    throw new NotFoundError((error as Error).message);
  }
  const { rows, problems, ignored } = readPolicyRows(grid, deps.catalogue());
  for (const problem of problems) deps.print(problem);
  if (problems.length > 0) {
    const count = problems.length === 1 ? "the problem" : `the ${problems.length} problems`;
    throw new NotFoundError(`nothing was imported: fix ${count} above and run the import again.`);
  }
  const { records } = deps;
  const outcomes = records.transaction(() =>
    rows.map((input) => records.houseRules.set(input, deps.actor, "house_rule.import").outcome),
  );
  const count = (outcome: string) => outcomes.filter((each) => each === outcome).length;
  const unchanged = count("unchanged");
  if (ignored.length > 0) deps.print(`Columns not read: ${ignored.join(", ")}.`);
  deps.print(
    `Imported ${rows.length} house rule${rows.length === 1 ? "" : "s"} (${count("created")} new, ${count("updated")} updated${unchanged > 0 ? `, ${unchanged} unchanged` : ""}).`,
  );
}
