import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatImportReport } from "../../src/records/import/report.js";
import { parseMapOption, type RiskFileOptions, readRiskFile } from "../../src/records/import/risk-file.js";
import type { RiskInput } from "../../src/records/types.js";

/** Annex A of ISO/IEC 27001:2022: 37 organizational, 8 people, 14 physical and 34 technological controls. */
const ANNEX_A = new Set(
  [
    [5, 37],
    [6, 8],
    [7, 14],
    [8, 34],
  ].flatMap(([theme, count]) => Array.from({ length: count ?? 0 }, (_, i) => `A.${theme}.${i + 1}`)),
);
const PEOPLE: Record<string, string> = {
  alice: "console:alice",
  "bob smith": "console:bob",
  "carol@example.com": "console:carol",
};
const options: RiskFileOptions = {
  isControl: (id) => ANNEX_A.has(id),
  resolveOwner: (text) => PEOPLE[text.trim().toLowerCase()],
  map: { title: "Risk title", likelihood: "Probability", impact: "Severity" },
};
/** For files whose headers need no map. */
const guessing: RiskFileOptions = { ...options, map: {} };

const HEADER = [
  "Ref",
  "Risk title",
  "Description",
  "Asset(s)",
  "Threat",
  "Vulnerability",
  "CIA",
  "Probability",
  "Severity",
  "Risk owner",
  "Treatment option",
  "Annex A controls",
  "Treatment plan",
  "Due date",
  "Residual likelihood",
  "Residual impact",
  "Next review",
  "Status",
];
/** A register as a small company keeps it: line 8 left blank, three rows wrong (lines 4, 7 and 11). */
// biome-ignore format: a register reads best one risk to a line.
const REGISTER: string[][] = [
  ["R-01", "Laptop theft", "Laptops stolen from cars or trains", "Staff laptops", "Theft", "No full-disk encryption", "C", "3", "4", "Alice", "Mitigate", "A.8.1, A.8.24", "Roll out BitLocker and FileVault", "2026-03-31", "1", "4", "2026-09-30", "In progress"],
  ["R-02", "Ransomware on file server", "", "File server", "Malware", "Unpatched SMB service", "C,I,A", "4", "5", "Bob Smith", "Reduce", "8.7; 8.8; 8.13", "Patch monthly; keep offline backups", "15/04/2026", "2", "5", "2026-06-30", "Open"],
  ["R-03", "Phishing of finance staff", "Fake invoices and CEO fraud", "Finance mailboxes", "Phishing", "Low awareness", "CIA", "7", "4", "Alice", "Mitigate", "A.6.3", "Quarterly phishing drills", "", "", "", "", ""],
  ["R-04", "CRM provider outage", "", "CRM (SaaS)", "Provider outage", "Single region", "Availability", "2", "3", "carol@example.com", "Accept", "", "", "", "", "", "2027-01-31", "Treating"],
  ["R-05", "Lost backup tapes", "", "Backup tapes", "Loss in transit", "Unencrypted tapes", "Confidentiality, Availability", "2", "4", "Bob Smith", "Transfer", "a.5.19 A.5.20", "Insured courier contract", "2026-05-01", "1", "4", "", ""],
  ["R-06", "Former staff keep access", "", "SaaS accounts", "Misuse of access", "Manual leaver process", "C,I", "3", "3", "zed", "Mitigate", "A.5.18", "Automate leavers", "", "", "", "", ""],
  [],
  ["R-07", "Website defacement", "", "Public website", "Hacking", "Outdated CMS", "I", "2", "2", "alice", "Avoid", "", "Move to a static site", "2026-02-28", "", "", "", "Closed"],
  ["R-08", "Payroll provider data leak", "Salary data held by a supplier", "Payroll data", "Supplier breach", "Weak due diligence", "C", "2", "5", "carol@example.com", "Share", "A.5.19, A.5.20, A.5.21", "", "", "", "", "2026-11-30", "Open"],
  ["R-09", "Server room flood", "", "Server room", "Flooding", "Basement location", "A", "1", "5", "Bob Smith", "Mitigate", "A.7.5, A.9.9", "Raise racks", "", "", "", "", ""],
  ["R-10", "Weak admin passwords", "", "Domain admin accounts", "Password guessing", "No MFA", "C,I,A", "4", "4", "Alice", "Modify", "A.5.17 A.8.5", "Enforce MFA", "30/06/2026", "2", "4", "2026-12-31", "In treatment"],
  ["R-11", "Shadow IT file sharing", "", "Project documents", "Unauthorised sharing", "No approved tool", "C", "3", "2", "Bob Smith", "Tolerate", "", "", "", "", "", "2026-10-01", "Treating"],
  ["R-12", "Insider copies source code", "", "Source code", "Insider theft", "Broad repository access", "C", "2", "4", "carol@example.com", "Mitigate", "A.8.3,A.8.4", "Least privilege on repositories", "2026-08-31", "1", "4", "", ""],
];

const none: RiskInput = {
  title: "",
  description: null,
  assets: null,
  threat: null,
  vulnerability: null,
  properties: [],
  likelihood: 0,
  impact: 0,
  owner: "",
  treatment: null,
  controls: [],
  treatmentPlan: null,
  treatmentDue: null,
  residualLikelihood: null,
  residualImpact: null,
  nextReview: null,
  status: "open",
};
// biome-ignore format: one risk to a line, as in the register above.
const VALID: { line: number; importKey: string; input: RiskInput }[] = [
  { line: 2, importKey: expect.stringMatching(/^ext:R-01:[0-9a-f]{16}$/), input: { ...none, title: "Laptop theft", description: "Laptops stolen from cars or trains", assets: "Staff laptops", threat: "Theft", vulnerability: "No full-disk encryption", properties: ["C"], likelihood: 3, impact: 4, owner: "console:alice", treatment: "modify", controls: ["A.8.1", "A.8.24"], treatmentPlan: "Roll out BitLocker and FileVault", treatmentDue: "2026-03-31", residualLikelihood: 1, residualImpact: 4, nextReview: "2026-09-30", status: "treating" } },
  { line: 3, importKey: expect.stringMatching(/^ext:R-02:[0-9a-f]{16}$/), input: { ...none, title: "Ransomware on file server", assets: "File server", threat: "Malware", vulnerability: "Unpatched SMB service", properties: ["C", "I", "A"], likelihood: 4, impact: 5, owner: "console:bob", treatment: "modify", controls: ["A.8.7", "A.8.8", "A.8.13"], treatmentPlan: "Patch monthly; keep offline backups", treatmentDue: "2026-04-15", residualLikelihood: 2, residualImpact: 5, nextReview: "2026-06-30", status: "open" } },
  { line: 5, importKey: expect.stringMatching(/^ext:R-04:[0-9a-f]{16}$/), input: { ...none, title: "CRM provider outage", assets: "CRM (SaaS)", threat: "Provider outage", vulnerability: "Single region", properties: ["A"], likelihood: 2, impact: 3, owner: "console:carol", treatment: "retain", nextReview: "2027-01-31", status: "treating" } },
  { line: 6, importKey: expect.stringMatching(/^ext:R-05:[0-9a-f]{16}$/), input: { ...none, title: "Lost backup tapes", assets: "Backup tapes", threat: "Loss in transit", vulnerability: "Unencrypted tapes", properties: ["C", "A"], likelihood: 2, impact: 4, owner: "console:bob", treatment: "share", controls: ["A.5.19", "A.5.20"], treatmentPlan: "Insured courier contract", treatmentDue: "2026-05-01", residualLikelihood: 1, residualImpact: 4 } },
  { line: 9, importKey: expect.stringMatching(/^ext:R-07:[0-9a-f]{16}$/), input: { ...none, title: "Website defacement", assets: "Public website", threat: "Hacking", vulnerability: "Outdated CMS", properties: ["I"], likelihood: 2, impact: 2, owner: "console:alice", treatment: "avoid", treatmentPlan: "Move to a static site", treatmentDue: "2026-02-28", status: "closed" } },
  { line: 10, importKey: expect.stringMatching(/^ext:R-08:[0-9a-f]{16}$/), input: { ...none, title: "Payroll provider data leak", description: "Salary data held by a supplier", assets: "Payroll data", threat: "Supplier breach", vulnerability: "Weak due diligence", properties: ["C"], likelihood: 2, impact: 5, owner: "console:carol", treatment: "share", controls: ["A.5.19", "A.5.20", "A.5.21"], nextReview: "2026-11-30" } },
  { line: 12, importKey: expect.stringMatching(/^ext:R-10:[0-9a-f]{16}$/), input: { ...none, title: "Weak admin passwords", assets: "Domain admin accounts", threat: "Password guessing", vulnerability: "No MFA", properties: ["C", "I", "A"], likelihood: 4, impact: 4, owner: "console:alice", treatment: "modify", controls: ["A.5.17", "A.8.5"], treatmentPlan: "Enforce MFA", treatmentDue: "2026-06-30", residualLikelihood: 2, residualImpact: 4, nextReview: "2026-12-31", status: "treating" } },
  { line: 13, importKey: expect.stringMatching(/^ext:R-11:[0-9a-f]{16}$/), input: { ...none, title: "Shadow IT file sharing", assets: "Project documents", threat: "Unauthorised sharing", vulnerability: "No approved tool", properties: ["C"], likelihood: 3, impact: 2, owner: "console:bob", treatment: "retain", nextReview: "2026-10-01", status: "treating" } },
  { line: 14, importKey: expect.stringMatching(/^ext:R-12:[0-9a-f]{16}$/), input: { ...none, title: "Insider copies source code", assets: "Source code", threat: "Insider theft", vulnerability: "Broad repository access", properties: ["C"], likelihood: 2, impact: 4, owner: "console:carol", treatment: "modify", controls: ["A.8.3", "A.8.4"], treatmentPlan: "Least privilege on repositories", treatmentDue: "2026-08-31", residualLikelihood: 1, residualImpact: 4 } },
];
const PROBLEMS = [
  { line: 4, field: "likelihood", message: "likelihood must be a whole number from 1 to 5, got 7" },
  { line: 7, field: "owner", message: "owner 'zed' is not a known person" },
  { line: 11, field: "controls", message: "A.9.9 is not an Annex A control" },
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "isms-import-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** As Excel keeps them: numbers as numbers, ISO dates as date cells, the rest (DD/MM/YYYY too) as text. */
async function writeXlsx(name: string, rows: string[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Risks");
  for (const row of rows) {
    sheet.addRow(
      row.map((text) => {
        if (/^\d+$/.test(text)) return Number(text);
        if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${text}T00:00:00Z`);
        return text === "" ? null : text;
      }),
    );
  }
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** As European Excel saves "CSV UTF-8": semicolons, a BOM, CRLF. */
function writeCsv(name: string, rows: string[][], delimiter = ";", bom = true): string {
  const path = join(dir, name);
  writeFileSync(path, stringify(rows, { delimiter, bom, record_delimiter: "windows" }));
  return path;
}

describe("importing a risk register", () => {
  it("reads an Excel register, keeping the valid rows exactly and naming each bad row's problem", async () => {
    const path = await writeXlsx("register.xlsx", [HEADER, ...REGISTER]);
    const result = await readRiskFile(path, options);
    expect(result.rows).toEqual(VALID);
    expect(result.problems).toEqual(PROBLEMS);
    expect(result.rowsRead).toBe(12);
  });

  it("reads the same register from a semicolon CSV with a BOM to the same result", async () => {
    const path = writeCsv("register.csv", [HEADER, ...REGISTER]);
    const result = await readRiskFile(path, options);
    expect(result.rows).toEqual(VALID);
    expect(result.problems).toEqual(PROBLEMS);
  });

  it("says which column each field was read from, guessed or mapped", async () => {
    const result = await readRiskFile(writeCsv("register.csv", [HEADER, ...REGISTER]), options);
    expect(result.headers).toEqual({
      externalId: "Ref",
      title: "Risk title",
      description: "Description",
      assets: "Asset(s)",
      threat: "Threat",
      vulnerability: "Vulnerability",
      properties: "CIA",
      likelihood: "Probability",
      impact: "Severity",
      owner: "Risk owner",
      treatment: "Treatment option",
      controls: "Annex A controls",
      treatmentPlan: "Treatment plan",
      treatmentDue: "Due date",
      residualLikelihood: "Residual likelihood",
      residualImpact: "Residual impact",
      nextReview: "Next review",
      status: "Status",
    });
  });

  it("reports progress row by row up to the total", async () => {
    const calls: [number, number][] = [];
    const path = writeCsv("register.csv", [HEADER, ...REGISTER]);
    await readRiskFile(path, { ...options, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, 12]));
  });

  it("summarises the import for a person: one line per problem, then the counts", async () => {
    const result = await readRiskFile(writeCsv("register.csv", [HEADER, ...REGISTER]), options);
    expect(formatImportReport(result)).toBe(
      [
        "line 4, likelihood: likelihood must be a whole number from 1 to 5, got 7",
        "line 7, owner: owner 'zed' is not a known person",
        "line 11, controls: A.9.9 is not an Annex A control",
        "12 rows read, 9 valid, 3 with problems",
      ].join("\n"),
    );
  });
});

describe("import keys", () => {
  const withoutIds = [HEADER.slice(1), ...REGISTER.map((row) => row.slice(1))];

  it("use the file's own ID, together with the title, when it has one", async () => {
    const result = await readRiskFile(writeCsv("register.csv", [HEADER, ...REGISTER]), options);
    expect(result.rows.map((row) => row.importKey)).toEqual(VALID.map((row) => row.importKey));
    // Another register that also numbers its risks R-01 is not taken for this one.
    const other = REGISTER.slice(0, 1).map((row) =>
      row.map((cell, i) => (i === 1 ? "Something else entirely" : cell)),
    );
    const elsewhere = await readRiskFile(writeCsv("other.csv", [HEADER, ...other]), options);
    expect(elsewhere.rows[0]?.importKey).toMatch(/^ext:R-01:/);
    expect(elsewhere.rows[0]?.importKey).not.toBe(result.rows[0]?.importKey);
  });

  it("refuse the status 'accepted': only the risk owner accepts, in chat", async () => {
    const accepted = REGISTER.slice(0, 1).map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? "Accepted" : cell)),
    );
    const result = await readRiskFile(writeCsv("accepted.csv", [HEADER, ...accepted]), options);
    expect(result.problems).toEqual([
      {
        line: 2,
        field: "status",
        message:
          "status 'accepted' cannot be imported: import it as open or treating, then its owner accepts it in chat",
      },
    ]);
  });

  it("otherwise hash the title, assets and threat: the same on every read and in either format, different per row", async () => {
    const csv = writeCsv("no-ids.csv", withoutIds);
    const first = (await readRiskFile(csv, options)).rows.map((row) => row.importKey);
    const second = (await readRiskFile(csv, options)).rows.map((row) => row.importKey);
    const xlsx = (await readRiskFile(await writeXlsx("no-ids.xlsx", withoutIds), options)).rows.map(
      (row) => row.importKey,
    );

    expect(first).toHaveLength(9);
    for (const key of first) expect(key).toMatch(/^sha:[0-9a-f]{16}$/);
    expect(second).toEqual(first);
    expect(xlsx).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it("ignore case and spacing, so a retyped title keeps its key", async () => {
    const rows = (title: string) => [
      ["Title", "Assets", "Threat", "Likelihood", "Impact", "Owner"],
      [title, "Staff laptops", "Theft", "3", "4", "Alice"],
    ];
    const a = await readRiskFile(writeCsv("a.csv", rows("Laptop theft")), guessing);
    const b = await readRiskFile(writeCsv("b.csv", rows("  LAPTOP   theft ")), guessing);
    expect(a.rows[0]?.importKey).toBeDefined();
    expect(b.rows[0]?.importKey).toBe(a.rows[0]?.importKey);
  });

  it("refuse a second row with the same ID or the same title, assets and threat", async () => {
    const path = writeCsv("dupes.csv", [
      ["ID", "Title", "Assets", "Threat", "Likelihood", "Impact", "Owner"],
      ["R-1", "Laptop theft", "Laptops", "Theft", "3", "4", "Alice"],
      ["R-1", "Phishing", "Mailboxes", "Phishing", "3", "4", "Alice"],
      ["", "USB loss", "USB sticks", "Loss", "2", "3", "Alice"],
      ["", "usb LOSS", "USB sticks", "Loss", "2", "3", "Alice"],
    ]);
    const result = await readRiskFile(path, guessing);
    expect(result.rows.map((row) => row.line)).toEqual([2, 4]);
    expect(result.problems).toEqual([
      { line: 3, field: "externalId", message: "ID 'R-1' is also used on line 2" },
      { line: 5, field: "title", message: "the same title, assets and threat are already on line 4" },
    ]);
  });
});

describe("checking each value", () => {
  const header = [
    "Title",
    "L",
    "I",
    "Owner",
    "C/I/A",
    "Controls",
    "Treatment",
    "Due date",
    "Next review",
    "Status",
  ];
  const good = ["Laptop theft", "3", "4", "Alice", "", "", "", "", "", ""];
  const read = async (changes: Record<number, string>, extra: Partial<RiskFileOptions> = {}) => {
    const row = good.map((value, index) => changes[index] ?? value);
    return readRiskFile(writeCsv("one.csv", [header, row], ",", false), { ...guessing, ...extra });
  };

  it("explains each wrong value in words a person can act on", async () => {
    const cases: [Record<number, string>, string, string][] = [
      [{ 0: "" }, "title", "title is empty: every risk needs a short title"],
      [{ 1: "" }, "likelihood", "likelihood is empty: give a whole number from 1 to 5"],
      [{ 1: "high" }, "likelihood", "likelihood must be a whole number from 1 to 5, got 'high'"],
      [{ 2: "4.5" }, "impact", "impact must be a whole number from 1 to 5, got 4.5"],
      [{ 3: "" }, "owner", "owner is empty: name the person accountable for this risk"],
      [
        { 4: "C, X" },
        "properties",
        "properties must be C, I and/or A (confidentiality, integrity, availability), got 'C, X'",
      ],
      [{ 5: "A.8.1, backups" }, "controls", "'backups' is not an Annex A control id like A.8.1"],
      [
        { 6: "fix it" },
        "treatment",
        "treatment must be modify, retain, avoid or share (or mitigate, accept, transfer…), got 'fix it'",
      ],
      [
        { 7: "31/02/2026" },
        "treatmentDue",
        "treatment due must be a date like 2026-03-31 or 31/03/2026, got '31/02/2026'",
      ],
      [{ 8: "soon" }, "nextReview", "next review must be a date like 2026-03-31 or 31/03/2026, got 'soon'"],
      [{ 9: "wip" }, "status", "status must be open, treating or closed, got 'wip'"],
    ];
    for (const [changes, field, message] of cases) {
      const result = await read(changes);
      expect(result.problems, message).toEqual([{ line: 2, field, message }]);
      expect(result.rows).toEqual([]);
    }
  });

  it("understands the ways registers commonly write scores, dates, properties and treatments", async () => {
    const result = await read({
      1: "4 - Likely",
      4: "C/I",
      5: "a.8.1;8.2 A.8.1",
      6: "Risk acceptance",
      7: "1.2.2027",
    });
    expect(result.problems).toEqual([]);
    expect(result.rows[0]?.input).toMatchObject({
      likelihood: 4,
      properties: ["C", "I"],
      controls: ["A.8.1", "A.8.2"],
      treatment: "retain",
      treatmentDue: "2027-02-01",
      status: "open",
    });
  });

  it("checks scores against the scale given", async () => {
    const result = await read({ 1: "4" }, { scale: { min: 1, max: 3 } });
    expect(result.problems).toEqual([
      { line: 2, field: "likelihood", message: "likelihood must be a whole number from 1 to 3, got 4" },
      { line: 2, field: "impact", message: "impact must be a whole number from 1 to 3, got 4" },
    ]);
  });

  it("reads a CSV saved in the Windows code page", async () => {
    const path = join(dir, "latin.csv");
    writeFileSync(path, Buffer.from("Title,L,I,Owner\r\nZürich data centre fire,2,5,Alice\r\n", "latin1"));
    const result = await readRiskFile(path, guessing);
    expect(result.rows[0]?.input.title).toBe("Zürich data centre fire");
  });
});

describe("columns", () => {
  it("are not guessed from 'Severity', so without a map the import stops at the header", async () => {
    const result = await readRiskFile(writeCsv("register.csv", [HEADER, ...REGISTER]), guessing);
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([
      {
        line: 1,
        field: "impact",
        message: `no column for impact (the columns are: ${HEADER.join(", ")}); name it with a map such as impact=<header>`,
      },
    ]);
    expect(formatImportReport(result).split("\n").at(-1)).toBe("12 rows read, 0 valid, 12 with problems");
  });

  it("named in the map must exist in the file", async () => {
    const path = writeCsv("register.csv", [HEADER, ...REGISTER]);
    const result = await readRiskFile(path, { ...options, map: { ...options.map, owner: "Accountable" } });
    expect(result.problems).toEqual([
      {
        line: 1,
        field: "owner",
        message: `there is no column 'Accountable' (given for owner); the columns are: ${HEADER.join(", ")}`,
      },
    ]);
  });

  it("match headers whatever their case, spacing, punctuation or a note in brackets", async () => {
    const path = writeCsv("odd.csv", [
      ["RISK-TITLE", "likelihood (1-5)", "  impact ", "Risk Owner"],
      ["Laptop theft", "3", "4", "Alice"],
    ]);
    const result = await readRiskFile(path, guessing);
    expect(result.problems).toEqual([]);
    expect(result.rows[0]?.input).toMatchObject({ title: "Laptop theft", likelihood: 3, impact: 4 });
  });
});

describe("files that cannot be read", () => {
  it("are refused with the reason", async () => {
    await expect(readRiskFile(join(dir, "nothing.csv"), options)).rejects.toThrow(
      "Can't read nothing.csv: there is no such file.",
    );
    writeFileSync(join(dir, "risks.pdf"), "%PDF");
    await expect(readRiskFile(join(dir, "risks.pdf"), options)).rejects.toThrow(
      "Can't read risks.pdf: only .xlsx and .csv risk registers can be read.",
    );
    writeFileSync(join(dir, "fake.xlsx"), "not a zip");
    await expect(readRiskFile(join(dir, "fake.xlsx"), options)).rejects.toThrow(
      "Can't read fake.xlsx: it is not an Excel workbook (.xlsx), or it is damaged.",
    );
    writeFileSync(join(dir, "empty.csv"), "\uFEFF\r\n");
    await expect(readRiskFile(join(dir, "empty.csv"), options)).rejects.toThrow(
      "Can't read empty.csv: it is empty.",
    );
  });
});

describe("the --map option", () => {
  it("reads field=Header pairs, with id and snake_case field names", () => {
    expect(parseMapOption("likelihood=Prob, impact = Severity")).toEqual({
      likelihood: "Prob",
      impact: "Severity",
    });
    expect(parseMapOption("id=No,treatment_due=Target date")).toEqual({
      externalId: "No",
      treatmentDue: "Target date",
    });
  });

  it("names what is wrong", () => {
    expect(() => parseMapOption(" ")).toThrow(
      "The column map is empty: give field=Header pairs, like likelihood=Prob,impact=Severity.",
    );
    expect(() => parseMapOption("likelihood")).toThrow(
      "'likelihood' in the column map has no '=': write field=Header, like likelihood=Prob,impact=Severity.",
    );
    expect(() => parseMapOption("prob=Probability")).toThrow(
      /^'prob' in the column map is not a risk field; use one of: externalId, title, .*, status\.$/,
    );
    expect(() => parseMapOption("likelihood=")).toThrow(
      "'likelihood=' in the column map needs a column header after '='.",
    );
    expect(() => parseMapOption("likelihood=A,Likelihood=B")).toThrow(
      "likelihood is given twice in the column map.",
    );
  });
});
