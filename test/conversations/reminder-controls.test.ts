import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { notices, type TestBot, testBot } from "../support/bot.js";

let bot: TestBot;
beforeEach(async () => {
  bot = testBot("2027-03-03T10:00:00Z"); // a Wednesday
  await bot.ask("alice", "hello");
  await bot.ask("bob", "hello");
  bot.records.people.addAdmin("console:alice", "test");
});
afterEach(() => bot.close());

const fields = (reply: Reply) =>
  Object.fromEntries(
    reply.blocks.flatMap((block) =>
      block.type === "fields" ? block.fields.map((f) => [f.label, f.value]) : [],
    ),
  );
const buttons = (reply: Reply) =>
  reply.blocks.flatMap((block) => (block.type === "actions" ? block.buttons.map((b) => b.label) : []));
const form = (reply: Reply) => reply.blocks.find((block) => block.type === "form");

describe("the reminder schedule in chat", () => {
  it("shows every setting and the next digest to anyone, and the controls only to admins", async () => {
    const asBob = await bot.ask("bob", "show the reminder schedule");
    expect(fields(asBob)).toMatchObject({
      "Digest day": "Monday",
      "Digest hour": "9",
      "Grace days before escalation": "7",
    });
    expect(asBob.blocks.map((b) => (b.type === "paragraph" ? b.text : "")).join()).toMatch(
      /Next digest: Monday 2027-03-08 at 09:00 \(UTC\)/,
    );
    expect(buttons(asBob)).toEqual([]);
    expect(buttons(await bot.ask("alice", "reminder settings"))).toEqual([
      "Change reminder settings",
      "Pause reminders",
      "Digest now",
      "ISMS calendar",
    ]);
  });

  it("lets an admin change settings through the form, field by field, and the schedule shows the change", async () => {
    const opened = form(await bot.ask("alice", "change reminder settings"));
    expect(opened?.type === "form" && opened.form.fields.find((f) => f.name === "lead-days")?.initial).toBe(
      "14, 3",
    );
    const submission = (values: Record<string, string>, key: string) => ({
      formId: "reminder-settings",
      key,
      values: { "lead-days": "14, 3", "digest-day": "monday", "digest-hour": "9", ...values },
    });
    const wrong = await bot.submit("alice", submission({ "digest-hour": "25", "lead-days": "soon" }, "k1"));
    const shown = form(wrong);
    expect(shown?.type === "form" && shown.errors).toEqual({
      "digest-hour": expect.stringMatching(/whole number from 0 to 23/),
      "lead-days": expect.stringMatching(/one to five whole numbers/),
    });
    expect(
      notices(await bot.submit("alice", submission({ "digest-day": "friday", "lead-days": "21,7" }, "k2"))),
    ).toMatch(/Saved: Evidence reminder lead days 21, 7, Digest day Friday/);
    expect(fields(await bot.ask("bob", "reminder schedule"))).toMatchObject({
      "Digest day": "Friday (changed by an admin)",
      "Evidence reminder lead days": "21, 7 (changed by an admin)",
    });
    expect(bot.records.audit.list(1)[0]).toMatchObject({
      actor: "console:alice",
      action: "settings.reminders",
    });
  });

  it("refuses changes, pausing and the digest to someone who is not an admin", async () => {
    for (const ask of ["change reminder settings", "pause reminders", "send the digest now"])
      expect(notices(await bot.ask("bob", ask))).toMatch(/Ask an ISMS admin: alice/);
    const forged = await bot.submit("bob", {
      formId: "reminder-settings",
      key: "x",
      values: { "grace-days": "1" },
    });
    expect(notices(forged)).toMatch(/Ask an ISMS admin/);
    expect(bot.records.reminderSettings.effective()["grace-days"]).toBe(7);
  });

  it("pauses and resumes reminders for everyone, and the schedule says so", async () => {
    expect(notices(await bot.ask("alice", "pause reminders"))).toMatch(/paused for everyone/);
    const schedule = await bot.ask("bob", "reminder schedule");
    expect(notices(schedule)).toMatch(/paused since 2027-03-03 10:00 UTC by alice \(console:alice\)/);
    expect(buttons(await bot.ask("alice", "reminder schedule"))).toContain("Resume reminders");
    expect(notices(await bot.ask("alice", "resume reminders"))).toMatch(/running again/);
    expect(notices(await bot.ask("alice", "resume reminders"))).toMatch(/not paused/);
  });

  it("gives an admin the ISMS-wide digest at once when asked", async () => {
    bot.records.controls.update(
      "A.8.13",
      { owner: "console:bob", applicable: true, cadence: "quarterly", nextEvidenceDue: "2027-02-01" },
      "test",
    );
    const digest = await bot.ask("alice", "send the digest now");
    const lines = digest.blocks.flatMap((block) => (block.type === "list" ? block.items : []));
    expect(lines).toContain("Applicable controls: 1, with an owner: 1, evidence overdue: 1");
    expect(lines).toContain("Most overdue: A.8.13: evidence due 2027-02-01 (owner console:bob)");
  });
});
