import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ReminderLedger } from "../../src/scheduling/reminder-ledger.js";
import { Reminders, reminderReply } from "../../src/scheduling/reminders.js";
import { notices, type TestBot, testBot } from "../support/bot.js";
import { calendarHeld, riskInput } from "../support/records.js";

let t: TestBot;
beforeEach(async () => {
  t = testBot("2027-03-17T09:00:00Z");
  for (const user of ["alice", "bob"]) await t.ask(user, "hello");
  t.records.people.addAdmin("console:alice", "test");
  calendarHeld(t.records, "2027-01-01"); // the ISMS calendar is quiet until December
  t.records.controls.update(
    "A.8.13",
    { owner: "console:bob", applicable: true, cadence: "quarterly", nextEvidenceDue: "2027-03-31" },
    "test",
  );
});
afterEach(() => t.close());

const at = (iso: string) => new Date(iso);

describe("the buttons on a reminder", () => {
  it("offer the next step, a one-week snooze and, for a risk review, Mark reviewed", () => {
    const reply = reminderReply([
      {
        recipient: "console:bob",
        kind: "evidence-due",
        itemKey: "control:A.8.13",
        period: "p",
        text: "Evidence for A.8.13 is due.",
        ask: "submit evidence for A.8.13",
      },
      {
        recipient: "console:bob",
        kind: "risk-review",
        itemKey: "risk:R-001",
        period: "q",
        text: "R-001 is due for review.",
        ask: "update risk R-001",
      },
    ]);
    const actions = reply.blocks.find((block) => block.type === "actions");
    expect(actions?.type === "actions" && actions.buttons.map((b) => [b.label, b.ask])).toEqual([
      ["Submit evidence for A.8.13", "submit evidence for A.8.13"],
      ["Update risk R-001", "update risk R-001"],
      ["Snooze 1 week", "snooze A.8.13"],
      ["Mark reviewed", "mark R-001 reviewed"],
    ]);
  });

  it("snooze silences that item for that person for a week, and the audit log says so", async () => {
    const reminders = new Reminders(
      t.records,
      new ReminderLedger(t.records.db, () => at("2027-03-28T09:00:00Z")),
    );
    expect(notices(await t.ask("bob", "snooze A.8.13"))).toBe(
      "Snoozed: no reminder about A.8.13 until 2027-03-24.",
    );
    expect(reminders.due(at("2027-03-23T09:00:00Z")).size).toBe(0);
    expect([...reminders.due(at("2027-03-28T09:00:00Z")).keys()]).toEqual(["console:bob"]);
    expect(t.records.audit.list(1)[0]).toMatchObject({
      actor: "console:bob",
      action: "reminder.snooze",
      entityId: "control:A.8.13",
    });
  });

  it("Mark reviewed moves the risk's next review by its level, for its owner only", async () => {
    t.records.risks.create(
      riskInput({
        title: "Lost laptops",
        likelihood: 4,
        impact: 4,
        owner: "console:bob",
        nextReview: "2027-03-01",
      }),
      "console:bob",
    );
    expect(notices(await t.ask("eve", "mark R-001 reviewed"))).toMatch(
      /There is no risk R-001 that you can see/,
    );
    expect(notices(await t.ask("bob", "mark R-001 reviewed"))).toBe(
      "R-001 marked reviewed; next review on 2027-06-17.",
    );
    expect(t.records.risks.get("R-001")?.nextReview).toBe("2027-06-17");
  });
});
