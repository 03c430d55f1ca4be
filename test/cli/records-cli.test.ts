import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notices, type TestBot, testBot } from "../support/bot.js";
import { runIsms } from "../support/run-cli.js";
import { tempDir } from "../support/temp.js";

const folder = tempDir();
const env = { ISMS_DB_PATH: join(folder.path, "isms.db") };
afterAll(() => folder.remove());

beforeAll(async () => {
  // Two people the risk register can name as owners.
  await runIsms(["chat", "--as", "alice"], { input: "hello\n", env });
  await runIsms(["chat", "--as", "bob"], { input: "hello\n", env });
});

describe("isms admin add", () => {
  it("makes a person an ISMS admin, and refuses what is not a person", async () => {
    expect((await runIsms(["admin", "add", "console:alice"], { env })).stdout).toBe(
      "console:alice is now an ISMS admin.\n",
    );
    expect((await runIsms(["admin", "list"], { env })).stdout).toBe("console:alice\n");
    const bad = await runIsms(["admin", "add", "alice"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^isms: "alice" is not a person; write it as <platform>:<user id>/);
  });
});

describe("isms import risks", () => {
  const csv = (rows: string[]) => {
    const path = join(folder.path, `risks-${rows.length}-${Math.random()}.csv`);
    writeFileSync(
      path,
      ["Risk ID;Risk title;Asset;Threat;Prob;Impact;Risk owner;Controls", ...rows].join("\n"),
    );
    return path;
  };
  const good = [
    "EXT-1;Phishing of finance staff;mailboxes;phishing;4;4;alice;A.6.3, A.8.7",
    "EXT-2;Backup failure;CRM;hardware fault;2;5;bob;8.13",
  ];

  it("reports every bad row and imports nothing", async () => {
    const run = await runIsms(
      ["import", "risks", csv([...good, "EXT-3;Bad row;x;y;7;2;zed;A.9.9"]), "--map", "likelihood=Prob"],
      { env },
    );
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/line 4, likelihood: .*1 to 5.*7/);
    expect(run.stdout).toMatch(/line 4, owner: .*zed/);
    expect(run.stdout).toMatch(/line 4, controls: .*A\.9\.9/);
    expect(run.stderr).toMatch(/^isms: nothing was imported/);
    expect(
      (await runIsms(["export", "risks", "--format", "csv", "--out", join(folder.path, "none.csv")], { env }))
        .stdout,
    ).toMatch(/Wrote 0 risks/);
  });

  it("imports all valid rows once, however often it runs", async () => {
    const file = csv(good);
    const first = await runIsms(["import", "risks", file, "--map", "likelihood=Prob"], { env });
    expect(first.stdout).toMatch(/Imported 2 risk\(s\) \(R-001 to R-002\); 0 already imported before\./);
    const again = await runIsms(["import", "risks", file, "--map", "likelihood=Prob"], { env });
    expect(again.stdout).toMatch(/Imported 0 risk\(s\); 2 already imported before\./);
    const log = await runIsms(["audit-log", "--json"], { env });
    const actions = log.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).action);
    expect(actions.filter((action) => action === "risk.import")).toHaveLength(2);
  });
});

describe("isms export", () => {
  it("writes a Statement of Applicability that a spreadsheet opens, with all 93 controls", async () => {
    const out = join(folder.path, "soa.xlsx");
    const run = await runIsms(["export", "soa", "--out", out], { env });
    expect(run.stdout).toBe(`Wrote 93 controls to ${out}.\n`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet("Statement of Applicability");
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      "Control",
      "Title",
      "Theme",
      "Applicable",
      "Justification",
      "Implementation status",
      "Owner",
      "Linked risks",
      "Latest evidence",
    ]);
    expect(sheet?.rowCount).toBe(94);
    const backup = sheet?.getRow(1 + 37 + 8 + 14 + 13); // after the header, A.5.x, A.6.x and A.7.x come first
    expect(backup?.getCell(1).value).toBe("A.8.13");
    expect(backup?.getCell(8).value).toBe("R-002");
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet?.autoFilter).toBeTruthy();
    // A long title wraps, and its row is tall enough to show it (spreadsheets do not grow rows on opening).
    expect(sheet?.getRow(3).getCell(2).value).toBe("Information security roles and responsibilities");
    expect(sheet?.getRow(3).height).toBeGreaterThanOrEqual(30);
  });

  it("refuses an unknown subject or format in one line", async () => {
    const run = await runIsms(["export", "soa", "--format", "pdf", "--out", join(folder.path, "x.pdf")], {
      env,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('isms: --format must be xlsx, csv or md, not "pdf".\n');
    expect(existsSync(join(folder.path, "x.pdf"))).toBe(false);
  });
});

describe("exports asked for in chat", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = testBot();
    await t.ask("alice", "hello");
    t.records.people.addAdmin("console:alice", "cli");
  });
  afterAll(() => t.close());

  it("are written for admins and offered as a file, privately", async () => {
    const reply = await t.ask("alice", "export the soa as csv");
    const file = reply.blocks.find((block) => block.type === "file");
    expect(reply.visibility).toBe("private");
    expect(file).toMatchObject({ type: "file", name: "statement-of-applicability-202611250900.csv" });
    expect(file?.type === "file" && existsSync(file.path)).toBe(true);
  });

  it("are refused to everyone else, with the reason", async () => {
    expect(notices(await t.ask("eve", "export risks"))).toMatch(/Only ISMS admins can export/);
  });
});

describe("isms person and isms risk-matrix", () => {
  it("record a person's manager, so the manager may see their risks", async () => {
    await runIsms(["chat", "--as", "mallory"], { input: "hello\n", env });
    const run = await runIsms(
      ["person", "console:bob", "--manager", "console:mallory", "--timezone", "Europe/Berlin"],
      { env },
    );
    expect(run.stdout).toBe("console:bob: manager console:mallory, email unknown, timezone Europe/Berlin.\n");
    const chat = await runIsms(["chat", "--as", "mallory"], { input: "show R-002\n", env });
    expect(chat.stdout).toMatch(/R-002 Backup failure/);
    const bad = await runIsms(["person", "console:bob", "--timezone", "Mars/Base"], { env });
    expect(bad.stderr).toBe('isms: "Mars/Base" is not a time zone such as Europe/Berlin.\n');
  });

  it("change the matrix, and risk levels follow it; a bad matrix changes nothing", async () => {
    const bad = await runIsms(["risk-matrix", "--thresholds", "9,4,16"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "isms: the risk matrix was not changed: thresholds must rise: low < medium < high.\n",
    );
    const set = await runIsms(["risk-matrix", "--thresholds", "2,4,8", "--appetite", "low"], { env });
    expect(set.stdout).toBe(
      "Scale 1 to 5; low up to 2, medium up to 4, high up to 8, critical above; appetite: low.\n",
    );
    const chat = await runIsms(["chat", "--as", "bob"], { input: "show R-002\n", env });
    expect(chat.stdout).toMatch(/Level: critical \(likelihood 2 × impact 5\)/);
  });
});
