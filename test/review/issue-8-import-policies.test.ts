/**
 * Review of issue 8, `isms import policies`: an Excel hyperlink in the policy link column is read as its address, an
 * Excel error cell is not imported as a rule, and control characters are refused in every column, as in the chat form.
 */
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

const HEADER = ["id", "house rule", "policy title", "policy link", "policy version", "policy owner"];
let files = 0;
async function xlsx(rows: ExcelJS.CellValue[][]): Promise<string> {
  const path = join(folder.path, `policies-${++files}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Policies").addRows(rows);
  await workbook.xlsx.writeFile(path);
  return path;
}

async function answerAbout(question: string): Promise<string> {
  await runIsms(["admin", "add", "console:alice"], { env });
  return (await runIsms(["chat", "--as", "bob"], { input: `${question}\n`, env })).stdout;
}

describe("isms import policies, as spreadsheets are really written", () => {
  it("reads a hyperlink cell in the policy link column as the address it opens, not its display text", async () => {
    const file = await xlsx([
      HEADER,
      [
        "A.6.7",
        "Work from public places only with the VPN up.",
        "Remote Working Policy",
        { text: "Remote Working Policy", hyperlink: "https://intranet.example.com/policies/remote" },
        "2.1",
        "Head of IT",
      ],
    ]);
    const run = await runIsms(["import", "policies", file], { env });
    expect(run).toMatchObject({ code: 0, stdout: "Imported 1 house rule (1 new, 0 updated).\n" });
    expect(await answerAbout("A.6.7")).toContain(
      "Read Remote Working Policy (intranet.example.com): https://intranet.example.com/policies/remote",
    );
  });

  it("refuses an Excel error (#REF!, #N/A) instead of saving it as the rule or the policy title", async () => {
    const file = await xlsx([
      HEADER,
      ["A.8.10", { error: "#REF!" }, null, null, null, null],
      ["A.8.11", "Mask customer data outside production.", { error: "#N/A" }, null, null, null],
    ]);
    const run = await runIsms(["import", "policies", file], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^row 2: house rule: /m);
    expect(run.stdout).toMatch(/^row 3: policy title: /m);
    expect(await answerAbout("A.8.10")).not.toContain("#REF!");
  });

  it("refuses control characters in the policy title, version and owner, as the chat form does in the rule", async () => {
    const path = join(folder.path, `policies-${++files}.csv`);
    writeFileSync(
      path,
      `${HEADER.join(",")}\nA.6.7,Use the VPN.,Remote\u0007 Policy,https://intranet.example.com/r,2\u001b[31m,\u0000IT\n`,
    );
    const run = await runIsms(["import", "policies", path], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^row 2: policy title: /m);
    expect(run.stdout).toMatch(/^row 2: policy version: /m);
    expect(run.stdout).toMatch(/^row 2: policy owner: /m);
  });
});
