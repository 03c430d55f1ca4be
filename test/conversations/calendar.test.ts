import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../adapters/console/console-chat.js";
import type { Reply } from "../../src/core/reply.js";
import { notices, type TestBot, testBot } from "../support/bot.js";
import { evidenceInput } from "../support/records.js";

let t: TestBot;
beforeEach(async () => {
  t = testBot("2026-11-25T09:00:00Z");
  for (const user of ["alice", "bob"]) await t.ask(user, "hello");
  t.records.people.addAdmin("console:alice", "cli");
});
afterEach(() => t.close());

const everything = (reply: Reply) => reply.text + JSON.stringify(reply.blocks);
const listed = (reply: Reply) => reply.blocks.flatMap((block) => (block.type === "list" ? block.items : []));
const buttons = (reply: Reply) =>
  reply.blocks.flatMap((block) => (block.type === "actions" ? block.buttons.map((b) => b.ask) : []));

async function chat(user: string, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += chunk;
  });
  const done = runConsoleChat({ bot: t.bot, input, output, user, interactive: false });
  input.end(lines.map((line) => `${line}\n`).join(""));
  await done;
  return printed;
}

describe("reading the ISMS calendar", () => {
  it("shows anyone the standard dates and the added ones, soonest first, overdue marked", async () => {
    t.records.evidence.submit(
      evidenceInput({ target: "9.3", title: "Minutes", periodEnd: "2025-10-31" }),
      null,
      "console:alice",
    );
    t.records.evidence.submit(
      evidenceInput({ target: "A.5.1", title: "Policy review", periodEnd: "2026-03-31" }),
      null,
      "console:alice",
    );
    t.records.calendar.add({ title: "Penetration test", dueDate: "2027-05-01", about: "A.8.8" }, "cli:root");
    const reply = await t.ask("bob", "show the ISMS calendar");
    expect(listed(reply)).toEqual([
      "Not on record: Internal audit (9.2). Plan the audit programme and hold an internal audit, then submit its report as evidence for 9.2.",
      "2026-10-31 (overdue): Management review (9.3), every 12 months; last held 2025-10-31",
      "2027-03-31: Policy review (A.5.1), every 12 months; last held 2026-03-31",
      "2027-05-01: Penetration test (calendar item 1, about A.8.8), once",
    ]);
    // Reading is for everyone; the button to add a date is for admins.
    expect(buttons(reply)).toEqual([]);
    expect(buttons(await t.ask("alice", "ISMS calendar"))).toContain("add a date to the ISMS calendar");
  });

  it("answers when the next management review or internal audit is", async () => {
    t.records.evidence.submit(
      evidenceInput({ target: "9.3.3", title: "Minutes", periodEnd: "2026-01-31" }),
      null,
      "console:alice",
    );
    expect((await t.ask("bob", "when is the next management review?")).text).toBe(
      "The next management review (9.3) is due on 2027-01-31; the last one on record is from 2026-01-31.",
    );
    expect((await t.ask("bob", "When is the internal audit?")).text).toBe(
      "No internal audit (9.2) is on record. Plan the audit programme and hold an internal audit, then submit its report as evidence for 9.2.",
    );
  });

  it("leaves questions about what a management review is to the catalogue", async () => {
    expect(everything(await t.ask("bob", "what is a management review"))).not.toMatch(/ISMS calendar/);
  });
});

describe("adding a date", () => {
  it("opens a form for admins that names each wrong field, then saves one item however often it is sent", async () => {
    const open = await t.ask("alice", "add a date to the ISMS calendar");
    const form = open.blocks.find((block) => block.type === "form");
    expect(form?.type === "form" && form.form.fields.map((field) => field.name)).toEqual([
      "title",
      "dueDate",
      "repeatMonths",
      "about",
    ]);
    const wrong = await t.submit("alice", {
      formId: "calendar-item",
      key: "cal-1",
      values: { title: "Penetration test", dueDate: "2027-02-30", repeatMonths: "12", about: "A.8.35" },
    });
    const again = wrong.blocks.find((block) => block.type === "form");
    expect(again?.type === "form" && again.errors).toEqual({
      dueDate: "Date must be a date like 2026-12-31.",
      about: "There is no control or clause A.8.35; did you mean A.8.34 or A.8.33 or A.8.32?",
    });
    expect(t.records.calendar.open()).toEqual([]);
    const values = { title: "Penetration test", dueDate: "2027-03-01", repeatMonths: "12", about: "8.8" };
    const saved = await t.submit("alice", { formId: "calendar-item", key: "cal-1", values });
    expect(saved.text).toBe("Saved: calendar item 1 Penetration test on 2027-03-01, every 12 months.");
    const twice = await t.submit("alice", { formId: "calendar-item", key: "cal-1", values });
    expect(twice.text).toMatch(/^Already saved: calendar item 1/);
    expect(t.records.calendar.open()).toMatchObject([
      { id: 1, title: "Penetration test", dueDate: "2027-03-01", repeatMonths: 12, about: "A.8.8" },
    ]);
  });

  it("works field by field in the console, asking again for a date that does not exist", async () => {
    const printed = await chat("alice", [
      "add calendar item",
      "Supplier review of ACME",
      "2027-13-01", // no 13th month
      "",
      "clause 9.2",
      "2027-04-15", // the date asked again
    ]);
    expect(printed).toMatch(/! Please correct this field: Date must be a date like 2026-12-31\./);
    expect(printed).toMatch(/Saved: calendar item 1 Supplier review of ACME on 2027-04-15\./);
    expect(t.records.calendar.open()).toMatchObject([{ title: "Supplier review of ACME", about: "9.2" }]);
  });

  it("is refused to everyone else, with the reason and whom to ask", async () => {
    expect(notices(await t.ask("bob", "add a date to the ISMS calendar"))).toBe(
      "Only ISMS admins can add, complete or cancel dates on the ISMS calendar. Ask an ISMS admin: alice (console:alice).",
    );
    const submitted = await t.submit("bob", {
      formId: "calendar-item",
      key: "k",
      values: { title: "Mine", dueDate: "2027-03-01" },
    });
    expect(notices(submitted)).toMatch(/^Only ISMS admins can add, complete or cancel dates/);
    expect(t.records.calendar.open()).toEqual([]);
  });
});

describe("completing and cancelling dates", () => {
  beforeEach(() => {
    t.records.calendar.add({ title: "Access review", dueDate: "2026-11-30", repeatMonths: 3 }, "cli:root");
    t.records.calendar.add({ title: "Board briefing", dueDate: "2026-12-10" }, "cli:root");
  });

  it("moves a repeating date on, closes a one-off, and cancels, for admins only", async () => {
    expect(notices(await t.ask("bob", "calendar item 1 done"))).toMatch(/^Only ISMS admins/);
    expect(notices(await t.ask("alice", "calendar item 1 done"))).toBe(
      'Calendar item 1 "Access review" done; next on 2027-02-28.',
    );
    expect(notices(await t.ask("alice", "mark calendar item 2 done"))).toBe(
      'Calendar item 2 "Board briefing" done and closed.',
    );
    expect(notices(await t.ask("alice", "cancel calendar item 1"))).toBe(
      'Calendar item 1 "Access review" cancelled.',
    );
    expect(notices(await t.ask("alice", "cancel calendar item 1"))).toBe("There is no open calendar item 1.");
    expect(t.records.calendar.open()).toEqual([]);
    expect(t.records.audit.list(3).map((entry) => [entry.actor, entry.action])).toEqual([
      ["console:alice", "calendar.cancel"],
      ["console:alice", "calendar.complete"],
      ["console:alice", "calendar.complete"],
    ]);
  });
});

describe("the buttons on a calendar reminder", () => {
  it("open the evidence form for the clause, and snooze the calendar item", async () => {
    const form = (await t.ask("alice", "submit evidence for 9.2")).blocks.find(
      (block) => block.type === "form",
    );
    expect(form?.type === "form" && form.form.fields.find((field) => field.name === "target")?.initial).toBe(
      "9.2",
    );
    expect(notices(await t.ask("alice", "snooze internal-audit"))).toBe(
      "Snoozed: no reminder about internal-audit until 2026-12-02.",
    );
    expect(t.records.snoozes.isSnoozed("calendar:internal-audit", "console:alice", "2026-11-30")).toBe(true);
  });
});
