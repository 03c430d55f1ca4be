import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Bot } from "../../src/core/bot.js";
import type { Block, Reply } from "../../src/core/reply.js";
import { Records } from "../../src/records/records.js";
import { openDatabase } from "../../src/storage/database.js";
import { SqliteMemory } from "../../src/storage/memory-store.js";
import { factsTable, realCatalogue } from "../support/catalogue.js";
import { tempDir } from "../support/temp.js";

const folder = tempDir();
const clock = () => new Date("2026-11-25T09:00:00Z");
const db = openDatabase(join(folder.path, "isms.db"), { clock });
const memory = new SqliteMemory(db);
const bot = new Bot({
  ...realCatalogue(),
  memory,
  records: new Records(db, clock),
  exportDir: join(folder.path, "exports"),
  clock,
});
afterAll(() => {
  db.close();
  folder.remove();
});

const ask = (text: string, userId = "alice") =>
  bot.handle({ from: { platform: "console", userId }, conversation: { id: "c1", kind: "direct" }, text });

const headings = (reply: Reply) =>
  reply.blocks.filter((b) => b.type === "heading").map((b) => (b as { text: string }).text);
const listItems = (reply: Reply) => reply.blocks.flatMap((b: Block) => (b.type === "list" ? b.items : []));
const buttons = (reply: Reply) =>
  reply.blocks.flatMap((b: Block) => (b.type === "actions" ? b.buttons.map((x) => x.ask) : []));
const allText = (reply: Reply) => JSON.stringify(reply.blocks);

describe("the bot", () => {
  it("explains a control asked by id, with guidance, evidence, attributes and related controls", async () => {
    const reply = await ask("what does A.8.9 require?");
    expect(headings(reply)[0]).toBe("A.8.9 Configuration management");
    expect(allText(reply)).toMatch(/How to put it in place/);
    expect(allText(reply)).toMatch(/What auditors usually ask to see/);
    expect(allText(reply)).toMatch(/#Secure_configuration/);
    expect(allText(reply)).toMatch(/New in ISO\/IEC 27001:2022/);
    expect(buttons(reply)).toContain("A.8.8");
  });

  it("answers an everyday question with the right control", async () => {
    const reply = await ask("can I work from a café on my laptop?");
    expect(headings(reply)[0]).toBe("A.6.7 Remote working");
  });

  it("says what replaced a 2013 control and shows it", async () => {
    const reply = await ask("what replaced A.12.1.2?");
    expect(reply.text).toMatch(/A\.12\.1\.2 Change management is a control of the 2013 edition/);
    expect(reply.text).toMatch(/merged with .* into A\.8\.32 Change management/);
    expect(headings(reply)).toContain("A.8.32 Change management");
  });

  it("answers both meanings of 5.1 and says which is which", async () => {
    const reply = await ask("5.1");
    expect(headings(reply)).toEqual([
      "Clause 5.1 Leadership and commitment (management system requirement)",
      "A.5.1 Policies for information security (Annex A control)",
    ]);
    expect(buttons(reply)).toEqual(["clause 5.1", "A.5.1"]);
  });

  it("shows a clause with the documented information it requires", async () => {
    const reply = await ask("clause 6.1.3");
    expect(headings(reply)[0]).toBe("Clause 6.1.3 Information security risk treatment");
    expect(allText(reply)).toMatch(/Statement of Applicability/);
  });

  it("lists controls by theme and attribute, matching the reference table", async () => {
    const expected = factsTable("annex-a-2022.tsv")
      .filter(
        (row) =>
          row.theme === "Technological" && row.security_properties?.split(",").includes("Availability"),
      )
      .map((row) => `A.${row.id}`);
    const reply = await ask("technological controls for availability");
    expect(listItems(reply).map((item) => item.split(" ")[0])).toEqual(expected);
    expect(reply.text).toMatch(new RegExp(`: ${expected.length} of 93`));
  });

  it("lists preventive controls and the #Identify ones", async () => {
    expect(listItems(await ask("preventive controls"))).toHaveLength(83);
    expect(listItems(await ask("show #Identify controls"))).toHaveLength(23);
    expect(listItems(await ask("list people controls"))).toHaveLength(8);
  });

  it("names the 11 controls new in 2022", async () => {
    const reply = await ask("what's new in 2022?");
    expect(reply.text).toMatch(/^11 Annex A controls are new/);
    expect(reply.text).toMatch(/A\.5\.7.*A\.8\.28/);
  });

  it("explains what changed between 2013 and 2022 with counts from the mapping", async () => {
    const reply = await ask("what changed between 2013 and 2022?");
    expect(allText(reply)).toMatch(/"Annex A controls","value":"93 \(2013: 114\)"/);
    expect(allText(reply)).toMatch(/"Merged controls","value":"24, from 56 controls of 2013"/);
    expect(allText(reply)).toMatch(/31 October 2025/);
  });

  it("answers questions that only look like commands", async () => {
    expect(headings(await ask("how do I work from home securely?"))[0]).toBe("A.6.7 Remote working");
    expect((await ask("we hired 11 new people, do they need security training?")).text).not.toMatch(
      /new in ISO/,
    );
    expect((await ask("our servers were installed in 2013, are they still ok?")).text).not.toMatch(
      /2022 edition/,
    );
    expect(headings(await ask("we had a 9.5 hour outage, do we report it"))).not.toEqual([]);
  });

  it("answers several ids at once, keeping both meanings of 5.1", async () => {
    const reply = await ask("A.8.9 and 5.1");
    expect(headings(reply)).toEqual([
      "A.8.9 Configuration management",
      "Clause 5.1 Leadership and commitment (management system requirement)",
      "A.5.1 Policies for information security (Annex A control)",
    ]);
    expect(buttons(reply)).toEqual(["A.8.9", "clause 5.1", "A.5.1"]);
  });

  it("refuses a message too long to be a question, with the reason", async () => {
    const reply = await ask("backup ".repeat(400));
    expect(reply.text).toMatch(/^That message is too long for me \(2,800 characters\)/);
  });

  it("offers help", async () => {
    const reply = await ask("help");
    expect(reply.text).toMatch(/Ask me about ISO\/IEC 27001:2022/);
    expect(buttons(reply)).toContain("list clauses");
  });

  it("says honestly when it is not sure, and keeps the question for the catalogue's authors", async () => {
    const reply = await ask("blorp the snazzle");
    expect(reply.blocks[0]).toMatchObject({ type: "notice", tone: "warning" });
    expect(memory.unanswered(1)[0]).toMatchObject({
      question: "blorp the snazzle",
      askedAt: "2026-11-25T09:00:00.000Z",
    });
  });

  it("tells the person an id does not exist and suggests the nearest", async () => {
    const reply = await ask("A.8.35");
    expect(reply.text).toMatch(/I don't know "A\.8\.35".*Did you mean A\.8\.34/);
  });

  it("remembers who it has talked to", async () => {
    await ask("help", "bob");
    const row = db
      .prepare("SELECT first_seen_at FROM people WHERE platform = 'console' AND user_id = 'bob'")
      .get();
    expect(row).toEqual({ first_seen_at: "2026-11-25T09:00:00.000Z" });
  });
});
