import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFormat } from "../../src/records/export/formats.js";
import { riskTable } from "../../src/records/export/risks.js";
import { soaTable } from "../../src/records/export/soa.js";
import { writeTable } from "../../src/records/export/table.js";
import type { RiskRecord, SoaRow } from "../../src/records/types.js";

const SOA_HEADERS = [
  "Control",
  "Title",
  "Theme",
  "Applicable",
  "Justification",
  "Implementation status",
  "Owner",
  "Linked risks",
  "Latest evidence",
];

const soaRows: SoaRow[] = [
  {
    controlId: "A.5.1",
    title: "Policies for information security",
    theme: "Organizational",
    applicable: true,
    justification: "Required by clause 5.2; see the policy | handbook.",
    status: "implemented",
    owner: "Alice Martin",
    linkedRisks: ["R-001", "R-004"],
    latestEvidence: "E-004 Policy approval minutes (accepted, valid until 2027-01-31)",
  },
  {
    controlId: "A.7.4",
    title: "Physical security monitoring",
    theme: "Physical",
    applicable: false,
    justification: "No own premises:\nwe work from a managed co-working space.",
    status: "not_started",
    owner: "",
    linkedRisks: [],
    latestEvidence: "",
  },
  {
    controlId: "A.8.13",
    title: "Information backup",
    theme: "Technological",
    applicable: true,
    justification: "-Backups protect against ransomware (R-002)",
    status: "partially_implemented",
    owner: "console:bob",
    linkedRisks: ["R-002"],
    latestEvidence: '=HYPERLINK("http://evil.example/x","Backup restore test")',
  },
];

const risk: RiskRecord = {
  ref: "R-002",
  title: "Ransomware on file server",
  description: null,
  assets: "File server",
  threat: "Malware",
  vulnerability: "Unpatched SMB service",
  properties: ["C", "I", "A"],
  likelihood: 4,
  impact: 5,
  owner: "console:bob",
  treatment: "modify",
  controls: ["A.8.7", "A.8.13"],
  treatmentPlan: "Patch monthly; offline backups",
  treatmentDue: "2026-04-15",
  residualLikelihood: 2,
  residualImpact: 5,
  nextReview: null,
  status: "treating",
  level: "critical",
  residualLevel: "medium",
  aboveAppetite: true,
  acceptedBy: null,
  acceptedAt: null,
  createdBy: "console:alice",
  createdAt: "2026-01-10T09:00:00.000Z",
  updatedAt: "2026-01-12T09:00:00.000Z",
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "isms-export-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function openWorkbook(path: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new Error("no worksheet");
  return sheet;
}

const rowValues = (sheet: ExcelJS.Worksheet, row: number) =>
  (sheet.getRow(row).values as unknown[]).slice(1).map((value) => value ?? "");

describe("export formats", () => {
  it("understands xlsx, csv and md whatever their case, and names the choices for anything else", () => {
    expect(parseFormat("XLSX")).toBe("xlsx");
    expect(parseFormat(" .csv ")).toBe("csv");
    expect(parseFormat("md")).toBe("md");
    expect(() => parseFormat("pdf")).toThrow(
      "Can't export to 'pdf': choose xlsx (Excel), csv or md (Markdown).",
    );
    expect(() => parseFormat("")).toThrow(/an empty format/);
  });
});

describe("the Statement of Applicability in Excel", () => {
  it("has a bold, frozen, filterable header with set widths, and every control's values in plain words", async () => {
    const path = join(dir, "soa.xlsx");
    await writeTable(soaTable(soaRows, "2026-02-01"), "xlsx", path);
    const sheet = await openWorkbook(path);

    expect(sheet.name).toBe("Statement of Applicability");
    expect(rowValues(sheet, 1)).toEqual(SOA_HEADERS);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:I1");
    expect(SOA_HEADERS.map((_, index) => sheet.getColumn(index + 1).width)).toEqual([
      10, 36, 14, 11, 50, 22, 22, 18, 50,
    ]);
    expect(sheet.getRow(3).getCell(5).alignment?.wrapText).toBe(true);
    expect(sheet.rowCount).toBe(4);
    expect(rowValues(sheet, 2)).toEqual([
      "A.5.1",
      "Policies for information security",
      "Organizational",
      "Yes",
      "Required by clause 5.2; see the policy | handbook.",
      "Implemented",
      "Alice Martin",
      "R-001, R-004",
      "E-004 Policy approval minutes (accepted, valid until 2027-01-31)",
    ]);
    expect(rowValues(sheet, 3)).toEqual([
      "A.7.4",
      "Physical security monitoring",
      "Physical",
      "No",
      "No own premises:\nwe work from a managed co-working space.",
      "Not started",
      "",
      "",
      "",
    ]);
    expect(rowValues(sheet, 4)).toEqual([
      "A.8.13",
      "Information backup",
      "Technological",
      "Yes",
      "-Backups protect against ransomware (R-002)",
      "Partially implemented",
      "console:bob",
      "R-002",
      '=HYPERLINK("http://evil.example/x","Backup restore test")',
    ]);
    // Shown as text in Excel, never run as a formula.
    expect(sheet.getRow(4).getCell(9).formula).toBeUndefined();
  });

  it("puts the generation date in the workbook title", async () => {
    const path = join(dir, "soa.xlsx");
    await writeTable(soaTable(soaRows, "2026-02-01"), "xlsx", path);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.title).toBe("Statement of Applicability (generated 2026-02-01)");
  });
});

describe("the risk register in Excel", () => {
  it("lists every field of a risk, numbers as numbers, blanks for what is not recorded and owners by name", async () => {
    const path = join(dir, "risks.xlsx");
    const names: Record<string, string> = { "console:bob": "Bob Smith" };
    await writeTable(
      riskTable([risk], (key) => names[key] ?? key),
      "xlsx",
      path,
    );
    const sheet = await openWorkbook(path);

    expect(sheet.name).toBe("Risk register");
    expect(rowValues(sheet, 1)).toEqual([
      "ID",
      "Title",
      "Description",
      "Assets",
      "Threat",
      "Vulnerability",
      "C/I/A",
      "Likelihood",
      "Impact",
      "Level",
      "Owner",
      "Treatment",
      "Linked controls",
      "Treatment plan",
      "Treatment due",
      "Residual likelihood",
      "Residual impact",
      "Residual level",
      "Accepted by",
      "Accepted at",
      "Next review",
      "Status",
    ]);
    expect(sheet.autoFilter).toBe("A1:V1");
    expect(rowValues(sheet, 2)).toEqual([
      "R-002",
      "Ransomware on file server",
      "",
      "File server",
      "Malware",
      "Unpatched SMB service",
      "C, I, A",
      4,
      5,
      "Critical",
      "Bob Smith",
      "Modify",
      "A.8.7, A.8.13",
      "Patch monthly; offline backups",
      "2026-04-15",
      2,
      5,
      "Medium",
      "",
      "",
      "",
      "Treating",
    ]);
  });
});

describe("CSV exports", () => {
  it("start with a BOM, use CRLF, and read back cell for cell with formulas defused", async () => {
    const path = join(dir, "soa.csv");
    await writeTable(soaTable(soaRows, "2026-02-01"), "csv", path);
    const bytes = readFileSync(path);

    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("Latest evidence\r\n");
    // Quoted, or spreadsheets would start a new row at the line break.
    expect(text).toContain('"No own premises:\nwe work from a managed co-working space."');
    const records: string[][] = parse(bytes, { bom: true });
    expect(records[0]).toEqual(SOA_HEADERS);
    expect(records).toHaveLength(4);
    expect(records[1]?.[4]).toBe("Required by clause 5.2; see the policy | handbook.");
    expect(records[2]?.[4]).toBe("No own premises:\nwe work from a managed co-working space.");
    expect(records[3]?.[8]).toBe('\'=HYPERLINK("http://evil.example/x","Backup restore test")');
    expect(records[3]?.[4]).toBe("'-Backups protect against ransomware (R-002)");
  });

  it("defuse every character a spreadsheet reads as the start of a formula, and leave numbers alone", async () => {
    const path = join(dir, "cells.csv");
    const cells = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", "a=b"];
    await writeTable(
      {
        sheetName: "Cells",
        columns: [...cells, "n"].map((header) => ({ header, width: 5 })),
        rows: [[...cells, -3]],
      },
      "csv",
      path,
    );
    const records: string[][] = parse(readFileSync(path), { bom: true });
    expect(records[1]).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "plain", "a=b", "-3"]);
  });
});

describe("Markdown exports", () => {
  it("have a title line and a table whose pipes and line breaks stay inside their cells", async () => {
    const path = join(dir, "soa.md");
    await writeTable(soaTable(soaRows, "2026-02-01"), "md", path);
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");

    expect(lines[0]).toBe("# Statement of Applicability (generated 2026-02-01)");
    expect(lines[1]).toBe("");
    expect(lines[2]).toBe(`| ${SOA_HEADERS.join(" | ")} |`);
    expect(lines[3]).toBe(`|${" --- |".repeat(9)}`);
    expect(lines).toHaveLength(7);
    expect(lines[4]).toContain("| Required by clause 5.2; see the policy \\| handbook. |");
    expect(lines[5]).toContain("| No own premises:<br>we work from a managed co-working space. |");
    for (const line of lines.slice(2)) {
      expect(line.split(/(?<!\\)\|/).length - 2).toBe(9);
    }
  });
});

describe("writing an export", () => {
  it("rejects when the folder does not exist, and leaves no file behind", async () => {
    const path = join(dir, "missing", "soa.xlsx");
    await expect(writeTable(soaTable(soaRows, "2026-02-01"), "xlsx", path)).rejects.toThrow(
      `Could not write ${path}: the folder ${join(dir, "missing")} does not exist.`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes its temporary file when the final rename fails", async () => {
    const path = join(dir, "soa.csv");
    mkdirSync(path);
    await expect(writeTable(soaTable(soaRows, "2026-02-01"), "csv", path)).rejects.toThrow(/Could not write/);
    expect(readdirSync(dir)).toEqual(["soa.csv"]);
    expect(readdirSync(path)).toEqual([]);
  });

  it("replaces an earlier export of the same name", async () => {
    const path = join(dir, "soa.md");
    writeFileSync(path, "old export");
    await writeTable(soaTable(soaRows.slice(0, 1), "2026-02-01"), "md", path);
    expect(readFileSync(path, "utf8")).toContain("| A.5.1 |");
    expect(readdirSync(dir)).toEqual(["soa.md"]);
  });
});
