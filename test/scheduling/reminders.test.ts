import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addMonths } from "../../src/records/dates.js";
import { Records } from "../../src/records/records.js";
import { ReminderLedger } from "../../src/scheduling/reminder-ledger.js";
import { planReminders } from "../../src/scheduling/reminder-plan.js";
import { Reminders } from "../../src/scheduling/reminders.js";
import { startReminderSchedule } from "../../src/scheduling/schedule.js";
import { openDatabase } from "../../src/storage/database.js";
import { calendarHeld, riskInput } from "../support/records.js";
import { tempDir } from "../support/temp.js";

let folder: ReturnType<typeof tempDir>;
let now = new Date("2027-03-01T09:00:00Z");
const clock = () => now;
let records: Records;
const open = () => new Records(openDatabase(join(folder.path, "isms.db"), { clock }), clock);

beforeEach(() => {
  folder = tempDir();
  records = open();
  for (const key of ["console:alice", "console:bob", "console:mallory"]) {
    records.db
      .prepare("INSERT INTO people (platform, user_id, first_seen_at, last_seen_at) VALUES (?, ?, 'x', 'x')")
      .run(...key.split(":"));
  }
  records.people.addAdmin("console:alice", "test");
  records.people.setManager("console:bob", "console:mallory", "test");
  calendarHeld(records, "2027-01-01"); // the ISMS calendar is quiet until December
  records.controls.update(
    "A.8.13",
    { owner: "console:bob", applicable: true, cadence: "quarterly", nextEvidenceDue: "2027-03-31" },
    "test",
  );
});
afterEach(() => {
  records.db.close();
  folder.remove();
});

const planAt = (today: string) =>
  planReminders({
    today,
    controls: records.controls.all(),
    risks: records.risks.all(),
    managerOf: (person) => records.people.get(person)?.manager ?? null,
    admins: ["console:alice"],
  }).map((r) => `${r.recipient} ${r.kind} ${r.period}`);

describe("planning evidence reminders", () => {
  it("reminds the owner two weeks before, three days before and on the day, once per stage", () => {
    expect(planAt("2027-03-16")).toEqual([]);
    expect(planAt("2027-03-17")).toEqual(["console:bob evidence-due 2027-03-31:before-14"]);
    expect(planAt("2027-03-27")).toEqual(["console:bob evidence-due 2027-03-31:before-14"]);
    expect(planAt("2027-03-28")).toEqual(["console:bob evidence-due 2027-03-31:before-3"]);
    expect(planAt("2027-03-31")).toEqual(["console:bob evidence-due 2027-03-31:due"]);
  });

  it("repeats weekly when overdue, and escalates to the manager, then to the admins", () => {
    expect(planAt("2027-04-01")).toEqual(["console:bob evidence-overdue 2027-03-31:overdue-0"]);
    expect(planAt("2027-04-07")).toEqual([
      "console:bob evidence-overdue 2027-03-31:overdue-0",
      "console:mallory evidence-escalation 2027-03-31:manager",
    ]);
    expect(planAt("2027-04-08")).toContain("console:bob evidence-overdue 2027-03-31:overdue-1");
    expect(planAt("2027-04-14")).toEqual([
      "console:bob evidence-overdue 2027-03-31:overdue-1",
      "console:mallory evidence-escalation 2027-03-31:manager",
      "console:alice evidence-escalation 2027-03-31:admins",
    ]);
  });

  it("counts cadences across month ends", () => {
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
  });
});

describe("planning risk reminders", () => {
  const risk = riskInput({
    title: "Lost laptops",
    likelihood: 5,
    impact: 5,
    owner: "console:bob",
    treatment: "modify",
    treatmentDue: "2027-03-15",
    residualLikelihood: 2,
    residualImpact: 2,
    status: "treating",
  });

  it("asks the owner to review by level, to finish treatment, and to accept the residual risk", () => {
    now = new Date("2027-01-10T09:00:00Z");
    records.risks.create(risk, "console:bob");
    records.controls.update("A.8.13", { owner: null }, "test");
    const week = (day: string) => planAt(day).find((line) => line.includes("acceptance-pending"));
    expect(planAt("2027-03-01")).toEqual([
      expect.stringMatching(/^console:bob acceptance-pending acceptance:week-\d+$/),
    ]);
    // One nudge a week while the acceptance is pending: the same period all week (Monday to Sunday), a new one next week.
    expect(week("2027-03-01")).toBe(week("2027-03-07"));
    expect(week("2027-03-08")).not.toBe(week("2027-03-07"));
    // Its residual level is low: reviewed yearly from its last change; its treatment is late.
    expect(planAt("2028-01-10").slice(0, 2)).toEqual([
      "console:bob risk-review 2028-01-10:review",
      "console:bob treatment-due 2027-03-15:treatment",
    ]);
  });
});

describe("sending reminders", () => {
  const sent: string[] = [];
  const send = async (recipient: string, reply: { blocks: unknown[] }) => {
    sent.push(`${recipient}: ${JSON.stringify(reply.blocks)}`);
  };
  beforeEach(() => {
    sent.length = 0;
  });

  it("sends each reminder once, across runs and restarts", async () => {
    now = new Date("2027-03-17T09:00:00Z");
    expect(await new Reminders(records, new ReminderLedger(records.db, clock)).run(now, send)).toEqual({
      sent: 1,
      failed: 0,
      paused: false,
    });
    const restarted = open();
    expect(await new Reminders(restarted, new ReminderLedger(restarted.db, clock)).run(now, send)).toEqual({
      sent: 0,
      failed: 0,
      paused: false,
    });
    restarted.db.close();
    expect(sent).toHaveLength(1);
  });

  it("catches up after a week of downtime with one message per person, not one per missed day", async () => {
    records.controls.update(
      "A.5.1",
      { owner: "console:bob", applicable: true, cadence: "yearly", nextEvidenceDue: "2027-04-02" },
      "test",
    );
    now = new Date("2027-04-09T09:00:00Z");
    await new Reminders(records, new ReminderLedger(records.db, clock)).run(now, send);
    expect(sent.filter((line) => line.startsWith("console:bob"))).toHaveLength(1);
    expect(sent.find((line) => line.startsWith("console:bob"))).toMatch(
      /A\.5\.1 is 7 days overdue.*A\.8\.13 is 9 days overdue/,
    );
    expect(sent.filter((line) => line.startsWith("console:mallory"))).toHaveLength(1);
  });

  it("never repeats a reminder after a crash between claiming and sending, and reports it", async () => {
    now = new Date("2027-03-17T09:00:00Z");
    const ledger = new ReminderLedger(records.db, clock);
    const [planned] = [...new Reminders(records, ledger).due(now).values()].flat();
    expect(planned && ledger.claim(planned)).toBe(true); // …and the process dies here
    expect(await new Reminders(records, ledger).run(now, send)).toEqual({
      sent: 0,
      failed: 0,
      paused: false,
    });
    expect(ledger.unfinished()).toMatchObject([
      { itemKey: "control:A.8.13", recipient: "console:bob", period: "2027-03-31:before-14" },
    ]);
  });

  it("keeps a reminder due when its send fails, and sends it on the next run", async () => {
    now = new Date("2027-03-17T09:00:00Z");
    const reminders = new Reminders(records, new ReminderLedger(records.db, clock));
    expect(await reminders.run(now, async () => Promise.reject(new Error("429")))).toEqual({
      sent: 0,
      failed: 1,
      paused: false,
    });
    expect(await reminders.run(now, send)).toEqual({ sent: 1, failed: 0, paused: false });
  });

  it("lets only one of two processes on one database send a reminder", async () => {
    now = new Date("2027-04-14T09:00:00Z");
    const other = open();
    const [a, b] = await Promise.all([
      new Reminders(records, new ReminderLedger(records.db, clock)).run(now, send),
      new Reminders(other, new ReminderLedger(other.db, clock)).run(now, send),
    ]);
    other.db.close();
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(3);
    expect(sent).toHaveLength(3);
  });
});

describe("sending reminders at quiet times", () => {
  it("holds a Saturday reminder and sends it on Monday morning", async () => {
    const sent: string[] = [];
    const reminders = new Reminders(records, new ReminderLedger(records.db, clock));
    now = new Date("2027-03-20T10:00:00Z"); // a Saturday, 11 days before A.8.13's evidence is due
    expect(await reminders.run(now, async (to) => void sent.push(to))).toEqual({
      sent: 0,
      failed: 0,
      paused: false,
    });
    now = new Date("2027-03-22T09:00:00Z"); // Monday: bob's reminder, his manager's and the admin's weekly digests
    expect(await reminders.run(now, async (to) => void sent.push(to))).toEqual({
      sent: 3,
      failed: 0,
      paused: false,
    });
    expect(sent).toEqual(["console:bob", "console:mallory", "console:alice"]);
  });
});

describe("the reminder schedule", () => {
  it("catches up at once on start, then leaves the rest to its cron pattern until stopped", async () => {
    now = new Date("2027-03-17T09:00:00Z");
    const sent: string[] = [];
    const schedule = startReminderSchedule({
      reminders: new Reminders(records, new ReminderLedger(records.db, clock)),
      send: async (to) => void sent.push(to),
      clock,
      pattern: "0 9 * * 1-5",
    });
    await schedule.ready;
    await schedule.stop();
    expect(sent).toEqual(["console:bob"]);
  });

  it("refuses a pattern that is not cron", () => {
    const start = () =>
      startReminderSchedule({
        reminders: new Reminders(records, new ReminderLedger(records.db, clock)),
        send: async () => {},
        clock,
        pattern: "every tuesday",
      });
    expect(start).toThrow(/"every tuesday" is not a cron pattern/);
  });
});

describe("the weekly manager digest", () => {
  it("goes to each manager on Monday, once a week, with their people's due and overdue items", async () => {
    records.controls.update(
      "A.5.1",
      { owner: "console:bob", applicable: true, cadence: "yearly", nextEvidenceDue: "2027-03-01" },
      "test",
    );
    const replies: { to: string; text: string }[] = [];
    const send = async (to: string, reply: { blocks: unknown[] }) =>
      void replies.push({ to, text: JSON.stringify(reply.blocks) });
    const reminders = new Reminders(records, new ReminderLedger(records.db, clock));
    now = new Date("2027-03-17T09:00:00Z"); // a Wednesday: no digest
    await reminders.run(now, send);
    expect(replies.some((r) => r.text.includes("Your team's ISMS items"))).toBe(false);
    now = new Date("2027-03-22T09:00:00Z"); // Monday
    await reminders.run(now, send);
    now = new Date("2027-03-22T15:00:00Z"); // later the same Monday: nothing new
    await reminders.run(now, send);
    const digests = replies.filter((r) => r.text.includes("Your team's ISMS items"));
    expect(digests.map((r) => r.to)).toEqual(["console:mallory"]);
    expect(digests[0]?.text).toMatch(/Your team's ISMS items this week \(2\)/);
    expect(digests[0]?.text).toMatch(/Due soon: evidence for A\.8\.13 \(console:bob\), due 2027-03-31/);
    expect(digests[0]?.text).toMatch(/Overdue: evidence for A\.5\.1 \(console:bob\), due 2027-03-01/);
  });
});

describe("the weekly admin digest", () => {
  it("tells the admins where the ISMS stands, the most overdue items and deliveries in doubt", async () => {
    records.controls.update(
      "A.5.1",
      { owner: "console:bob", applicable: true, cadence: "yearly", nextEvidenceDue: "2027-03-01" },
      "test",
    );
    const ledger = new ReminderLedger(records.db, clock);
    ledger.claim({ itemKey: "control:A.7.4", recipient: "console:bob", period: "x" }); // a send that never finished
    const replies: { to: string; text: string }[] = [];
    now = new Date("2027-03-22T09:00:00Z");
    await new Reminders(records, ledger).run(
      now,
      async (to, reply) => void replies.push({ to, text: JSON.stringify(reply.blocks) }),
    );
    const digest = replies.find((r) => r.to === "console:alice")?.text ?? "";
    expect(digest).toMatch(/The ISMS this week/);
    expect(digest).toMatch(/Applicable controls: 2, with an owner: 2, evidence overdue: 1/);
    expect(digest).toMatch(/Most overdue: A\.5\.1: evidence due 2027-03-01 \(owner console:bob\)/);
    expect(digest).toMatch(/Delivery not confirmed: a reminder about control:A\.7\.4 to console:bob/);
  });
});
