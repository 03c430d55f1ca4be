/**
 * Hostile text in every field, entered through the real adapters' forms: it is stored exactly as typed, and every
 * place that shows it keeps it inert. Slack never gets a mention, a broadcast or a link out of a record; Teams shows
 * it in TextRuns, which no client reads as markdown or as a template; the console strips terminal control codes;
 * exports defuse spreadsheet formulas. Too long a value is refused with the field's name and its limit.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReply } from "../../adapters/console/render.js";
import { MAX_CARD_BYTES } from "../../adapters/teams/render/card.js";
import { exportRecords } from "../../src/records/exports.js";
import { testBot } from "../support/bot.js";
import { realCatalogue } from "../support/catalogue.js";
import { riskInput } from "../support/records.js";
import { tempDir } from "../support/temp.js";
import { type Platform, type Shown, slackPlatform, teamsPlatform } from "./support/platforms.js";

const MRKDWN = "*bold* <https://evil.example|click> <!channel> <@U123> <!here> <!subteam^S1|team> & co";
// biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder is the hostile text, never interpolated.
const CARD = "[click](https://evil.example) **urgent** {{user.secret}} ${$root.token} <at>Boss</at>";
const SQL = "'; DROP TABLE risks; --";
const FORMULA = '=HYPERLINK("https://evil.example/x","click")';
const CONTROL = "tab\there nul\u0000 esc\u001b[31mred bell\u0007 del\u007f csi\u009b2J end";
/** Everything a spreadsheet reads as the start of a formula (OWASP's CSV injection list). */
const FORMULAS = ["=1+1", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"];

const HOSTILE_RISK = {
  title: MRKDWN,
  description: [CARD, SQL, CONTROL, ...FORMULAS].join("\n"),
  assets: FORMULA,
  threat: FORMULAS[1] as string,
  vulnerability: FORMULAS[3] as string,
  treatmentPlan: `${SQL} ${CARD}`,
  likelihood: "4",
  impact: "4",
};
const HOSTILE_EVIDENCE = {
  target: "A.8.13",
  title: CARD.slice(0, 150),
  description: `${MRKDWN}\n${CONTROL}`,
  link: "https://evil.example/<!channel>?q=<@U123>",
  fileName: "=cmd|' /C calc'!A0.xlsx",
};

function walk(value: unknown, visit: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const item of value) walk(item, visit);
  else if (value !== null && typeof value === "object") {
    visit(value as Record<string, unknown>);
    for (const child of Object.values(value)) walk(child, visit);
  }
}

/** What a Slack payload carries as data for the app itself, never shown: button values, modal metadata, inputs. */
const SLACK_DATA = new Set(["value", "private_metadata", "initial_value"]);

/** Slack: no mention, broadcast, channel link or URL link can come out of what was shown. */
function expectInertInSlack(shown: Shown): void {
  const texts: string[] = [];
  walk(shown.raw, (object) => {
    if (object.type === "mrkdwn") expect(object.verbatim).toBe(true);
    for (const [key, value] of Object.entries(object))
      if (typeof value === "string" && !SLACK_DATA.has(key)) texts.push(value);
  });
  expect(texts.join("\n")).not.toMatch(/<[!@#]|<https?:/);
  expect(texts.join("\n")).not.toBe("");
}

/** Teams: every text is a TextRun; nothing reads markdown, nothing is a template, no link was made. */
function expectInertInTeams(shown: Shown): void {
  walk(shown.raw, (object) => {
    expect(["TextBlock", "FactSet", "Media", "Image"]).not.toContain(object.type);
    expect(Object.keys(object).filter((key) => key.startsWith("$") && key !== "$schema")).toEqual([]);
    if (object.type === "Action.OpenUrl") expect(String(object.url)).not.toMatch(/evil/);
  });
  for (const card of shown.raw)
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
}

const RISK_REF = /R-\d{3}/;

describe.each([
  ["Slack", slackPlatform, expectInertInSlack],
  ["Teams", teamsPlatform, expectInertInTeams],
] as const)("hostile text through %s", (name, start, expectInert) => {
  let p: Platform;
  let risk: string;
  let evidence: string;
  beforeAll(async () => {
    p = await start();
    const saved = await p.submit("admin", "new-risk", {}, { ...HOSTILE_RISK, owner: p.key("admin") });
    risk = RISK_REF.exec(saved.text)?.[0] ?? "";
    expectInert(saved);
    const handedIn = await p.submit("admin", "submit-evidence", {}, HOSTILE_EVIDENCE);
    evidence = /E-\d{3}/.exec(handedIn.text)?.[0] ?? "";
    expectInert(handedIn);
  });
  afterAll(() => p.close());

  it("stores every field exactly as typed", () => {
    const stored = p.records.risks.get(risk);
    expect(stored).toMatchObject({
      title: HOSTILE_RISK.title,
      description: HOSTILE_RISK.description,
      assets: FORMULA,
      threat: HOSTILE_RISK.threat,
      vulnerability: HOSTILE_RISK.vulnerability,
      treatmentPlan: HOSTILE_RISK.treatmentPlan,
    });
    expect(p.records.evidence.get(evidence)).toMatchObject(HOSTILE_EVIDENCE);
    // The SQL was data: the table is still there, and so is every risk.
    expect(p.records.risks.all().length).toBeGreaterThan(0);
  });

  it.each([
    ["the risk", () => `show ${risk}`],
    ["the evidence", () => `show ${evidence}`],
    ["the evidence for the control", () => "evidence for A.8.13"],
    ["the risk's update form", () => `update risk ${risk}`],
    ["the risks above appetite", () => "risks above appetite"],
    ["the person's open items", () => "my open items"],
    ["the audit log", () => "audit log"],
  ])("shows %s inert", async (_what, ask) => {
    const shown = await p.ask("admin", ask());
    expect(shown.text).not.toBe("");
    expectInert(shown);
  });

  it("shows the hostile words themselves, not what they would have made", async () => {
    const shown = await p.ask("admin", `show ${risk}`);
    if (name === "Slack") {
      expect(shown.text).toContain("&lt;!channel&gt;");
      expect(shown.text).toContain("&lt;https://evil.example|click&gt;");
    } else {
      expect(shown.text).toContain(MRKDWN);
      expect(shown.text).toContain(CARD);
    }
  });

  it("refuses a calendar title or settings that break the rules, naming the field, and saves nothing", async () => {
    const before = JSON.stringify(p.records.reminderSettings.effective());
    const settings = await p.submit(
      "admin",
      "reminder-settings",
      {},
      {
        "lead-days": MRKDWN,
        "digest-hour": SQL,
        "time-zone": CARD,
      },
    );
    expect(settings.text).toMatch(/lead days must be one to five whole numbers/);
    expect(settings.text).toMatch(/Digest hour must be a whole number from 0 to 23/);
    expect(settings.text).toMatch(/Time zone must be an IANA time zone/);
    expectInert(settings);
    expect(JSON.stringify(p.records.reminderSettings.effective())).toBe(before);

    const saved = await p.submit("admin", "calendar-item", {}, { title: MRKDWN, dueDate: "2027-06-30" });
    expect(saved.text).toMatch(/Saved: calendar item \d+/);
    expect(p.records.calendar.open().some((item) => item.title === MRKDWN)).toBe(true);
    expectInert(await p.ask("admin", "show the ISMS calendar"));
  });

  it("refuses 100 KB in a field with its name and limit, and keeps the answer small", async () => {
    const huge = "x".repeat(100 * 1024);
    const count = p.records.risks.all().length;
    const shown = await p.submit(
      "admin",
      "new-risk",
      {},
      {
        title: huge,
        description: huge,
        likelihood: huge,
        treatmentDue: huge,
        controls: [huge],
        owner: p.key("admin"),
        impact: "2",
      },
    );
    expect(shown.text).toMatch(/Title must be at most 150 characters \(it has 102400\)/);
    expect(shown.text).toMatch(/Description must be at most 2000 characters/);
    expect(shown.text).toMatch(/Treatment due date must be a date like 2026-12-31/);
    expect(p.records.risks.all()).toHaveLength(count);
    expect(JSON.stringify(shown.raw).length).toBeLessThan(60 * 1024);
    expectInert(shown);
  });

  it("answers a 100 KB message with a reason, not a search", async () => {
    const shown = await p.ask("employee", `what about ${"<!channel> ".repeat(10_000)}`);
    expect(shown.text).toMatch(/too long for me/);
    expectInert(shown);
  });
});

describe("hostile text in the console", () => {
  it("is shown as typed, with terminal control codes removed", async () => {
    const bot = testBot();
    try {
      bot.records.people.addAdmin("console:alice", "test");
      const saved = await bot.submit("alice", {
        formId: "new-risk",
        key: "k1",
        values: { ...HOSTILE_RISK, owner: "console:alice" },
      });
      const ref = RISK_REF.exec(saved.text)?.[0] ?? "";
      const { text } = renderReply(await bot.ask("alice", `show ${ref}`));
      // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that none is left.
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(text).toContain(MRKDWN);
      expect(text).toContain(SQL);
      expect(bot.records.risks.get(ref)?.description).toBe(HOSTILE_RISK.description);
    } finally {
      bot.close();
    }
  });
});

describe("hostile text in exports", () => {
  const folder = tempDir();
  const bot = testBot();
  afterAll(() => {
    bot.close();
    folder.remove();
  });
  // Through the records, as an import would write them: forms trim the leading tab or CR away.
  const titles = [FORMULA, ...FORMULAS, "a;=1+1", 'x";=1+1'];
  beforeAll(() => {
    for (const title of titles)
      bot.records.risks.create(riskInput({ title, assets: FORMULA, owner: "console:alice" }), "test");
  });
  const write = async (format: "csv" | "xlsx") => {
    const path = join(folder.path, `risks.${format}`);
    await exportRecords(realCatalogue().catalogue, bot.records, "risks", format, path);
    return path;
  };

  it("defuse formulas in CSV with a leading quote, while the records keep them verbatim", async () => {
    const rows = parse(readFileSync(await write("csv"), "utf8"), { bom: true }) as string[][];
    const shown = rows.slice(1).map((row) => row[1]);
    expect(shown).toEqual([
      ...[FORMULA, ...FORMULAS].map((formula) => `'${formula}`),
      "a;'=1+1",
      "x\";'=1+1",
    ]);
    expect(bot.records.risks.all().map((risk) => risk.title)).toEqual(titles);
  });

  it("leave no formula for a spreadsheet that splits CSV on semicolons (as in German Excel)", async () => {
    const rows = parse(readFileSync(await write("csv"), "utf8"), {
      bom: true,
      delimiter: ";",
      relax_quotes: true,
      relax_column_count: true,
    }) as string[][];
    const cells = rows.flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it("keep formulas as text in Excel: string cells, never formulas, in Text format", async () => {
    const path = await write("xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0];
    const cells = [2, 3, 4, 5, 6, 7, 8].map((row) => sheet?.getRow(row).getCell(2));
    // XML reads a carriage return back as a line feed.
    expect(cells.map((cell) => cell?.value)).toEqual(
      [FORMULA, ...FORMULAS].map((text) => text.replace("\r", "\n")),
    );
    for (const cell of cells) {
      expect(cell?.formula).toBeUndefined();
      expect(cell?.numFmt).toBe("@");
    }
    const zip = await JSZip.loadAsync(readFileSync(path));
    const xml = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    expect(xml).not.toMatch(/<f[ >]/);
  });
});
