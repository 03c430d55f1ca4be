/** `isms import policies FILE` as a person runs it: every row checked first, then all rows saved or none. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { runIsms } from "../support/run-cli.js";
import { tempDir } from "../support/temp.js";

const folder = tempDir();
afterAll(() => folder.remove());
let env: Record<string, string>;
let databases = 0;
beforeEach(() => {
  env = { ISMS_DB_PATH: join(folder.path, `isms-${++databases}.db`) };
});

let files = 0;
function csv(lines: string[]): string {
  const path = join(folder.path, `policies-${++files}.csv`);
  writeFileSync(path, lines.join("\n"));
  return path;
}
async function xlsx(rows: ExcelJS.CellValue[][]): Promise<string> {
  const path = join(folder.path, `policies-${++files}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Policies").addRows(rows);
  await workbook.xlsx.writeFile(path);
  return path;
}

const HEADER = "id,house rule,policy title,policy link,policy version,policy owner";
const GOOD = [
  HEADER,
  "A.6.7,Work from public places only with the privacy screen on and the VPN up.,Remote Working Policy,https://intranet.example.com/policies/remote,2.1,Head of IT",
  'clause 5.2,"The CEO signs our policy, every year.",,,,',
];

async function houseRuleEntries(): Promise<{ action: string; actor: string; entityId: string }[]> {
  const log = await runIsms(["audit-log", "--json"], { env });
  return log.stdout
    .trim()
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.entity === "house_rule");
}

describe("isms import policies", () => {
  it("imports a CSV in one go, attributed to the command line, and answers show the rules first", async () => {
    const run = await runIsms(["import", "policies", csv(GOOD)], { env });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe("Imported 2 house rules (2 new, 0 updated).\n");
    const entries = await houseRuleEntries();
    expect(entries.map((entry) => [entry.action, entry.entityId])).toEqual([
      ["house_rule.import", "5.2"],
      ["house_rule.import", "A.6.7"],
    ]);
    for (const entry of entries) expect(entry.actor).toMatch(/^cli:/);

    await runIsms(["admin", "add", "console:alice"], { env }); // else a first-time notice opens the answer
    const chat = await runIsms(["chat", "--as", "bob"], {
      input: "can I work from a café?\nclause 5.2\n",
      env,
    });
    expect(chat.stdout).toMatch(
      /> can I work from a café\?\nOur house rule for A\.6\.7:\n {2}Work from public places only with the privacy screen on and the VPN up\.\nOur policy: Remote Working Policy, version 2\.1\nPolicy owner: Head of IT\nRead Remote Working Policy \(intranet\.example\.com\): https:\/\/intranet\.example\.com\/policies\/remote\n/,
    );
    expect(chat.stdout).toMatch(
      /Our house rule for clause 5\.2:\n {2}The CEO signs our policy, every year\./,
    );
  });

  it("says what changed when run again: updated rules, and rules left as they were", async () => {
    await runIsms(["import", "policies", csv(GOOD)], { env });
    const changed = [...GOOD.slice(0, 2), 'clause 5.2,"The CEO signs our policy, every two years.",,,,'];
    const again = await runIsms(["import", "policies", csv(changed)], { env });
    expect(again.stdout).toBe("Imported 2 house rules (0 new, 1 updated, 1 unchanged).\n");
    expect((await houseRuleEntries()).map((entry) => entry.entityId)).toEqual(["5.2", "5.2", "A.6.7"]);
  });

  it("reports every bad row on its own line, exits non-zero and writes nothing", async () => {
    const run = await runIsms(
      [
        "import",
        "policies",
        csv([
          HEADER,
          ...GOOD.slice(1),
          "A.8.9,Harden every server.,Config Policy,javascript:alert(1),,",
          "A.99.1,A rule for nothing.,,,,",
          "A.8.13,,,,,",
          `A.8.1,${"x".repeat(501)},,,,`,
          "6.7,Twice.,,,,",
        ]),
      ],
      { env },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        "row 4: policy link: must be a web link starting with https:// or http://.",
        "row 5: id: There is no control or clause A.99.1.",
        "row 6: house rule: is required.",
        "row 7: house rule: must be at most 500 characters (it has 501).",
        "row 8: id: A.6.7 is on row 2 already; give each control or clause one row",
        "",
      ].join("\n"),
    );
    expect(run.stderr).toBe(
      "isms: nothing was imported: fix the 5 problems above and run the import again.\n",
    );
    expect(await houseRuleEntries()).toEqual([]);
  });

  it("imports an Excel workbook, its headers in any case, other columns left unread", async () => {
    const file = await xlsx([
      ["ID", "House Rule", "POLICY LINK", "Policy Version", "Notes"],
      ["A.8.9", "Start every server from the hardened image.", "https://intranet.example.com/config", 3, "x"],
    ]);
    const run = await runIsms(["import", "policies", file], { env });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe("Columns not read: Notes.\nImported 1 house rule (1 new, 0 updated).\n");
    const chat = await runIsms(["chat", "--as", "bob"], { input: "A.8.9\n", env });
    expect(chat.stdout).toContain(
      "Read the policy (intranet.example.com): https://intranet.example.com/config",
    );
    expect(chat.stdout).toContain("Our policy: version 3");
  });

  it("names an Excel error a formula shows, and reads hyperlinks outside the link column as their words", async () => {
    const header = ["id", "house rule", "policy title", "policy link"];
    const lookup = { formula: 'VLOOKUP("x",Z1:Z2,1,FALSE)', result: { error: "#N/A" } } as ExcelJS.CellValue;
    const broken = await xlsx([header, ["A.8.9", "Harden it.", "Configuration Policy", lookup]]);
    const refused = await runIsms(["import", "policies", broken], { env });
    expect(refused).toMatchObject({
      code: 1,
      stdout: "row 2: policy link: the cell holds an Excel error (#N/A)\n",
      stderr: "isms: nothing was imported: fix the problem above and run the import again.\n",
    });
    const title = { text: "Configuration Policy", hyperlink: "https://intranet.example.com/config" };
    const linked = await xlsx([header, ["A.8.9", "Harden it.", title, "https://intranet.example.com/c"]]);
    expect((await runIsms(["import", "policies", linked], { env })).code).toBe(0);
    const chat = await runIsms(["chat", "--as", "bob"], { input: "A.8.9\n", env });
    expect(chat.stdout).toContain(
      "Read Configuration Policy (intranet.example.com): https://intranet.example.com/c",
    );
  });

  it("refuses an Excel workbook without the house rule column, naming the columns it has", async () => {
    const file = await xlsx([
      ["ID", "Rule text"],
      ["A.8.9", "Harden it."],
    ]);
    const run = await runIsms(["import", "policies", file], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('row 1: there is no "house rule" column (the columns are: ID, Rule text)\n');
    expect(run.stderr).toBe("isms: nothing was imported: fix the problem above and run the import again.\n");
    expect(await houseRuleEntries()).toEqual([]);
  });

  it("says in one line what is wrong with the file itself", async () => {
    const text = await runIsms(["import", "policies", join(folder.path, "policies.txt")], { env });
    expect(text).toMatchObject({ code: 2, stdout: "" });
    expect(text.stderr).toMatch(
      /^isms: .*policies\.txt: house rules and policy links must be in an \.xlsx or \.csv file\.\n$/,
    );
    const missing = await runIsms(["import", "policies", join(folder.path, "none.csv")], { env });
    expect(missing).toMatchObject({ code: 1, stderr: "isms: Can't read none.csv: there is no such file.\n" });
    const mapped = await runIsms(["import", "policies", csv(GOOD), "--map", "rule=Text"], { env });
    expect(mapped.code).toBe(2);
    expect(mapped.stderr).toMatch(
      /^isms: --map is for risk registers; a policies file is read by its headers: id, house rule/,
    );
  });
});
