/**
 * Review of the reminders (issue 5): each test shows a problem a person would notice, found by trying to break the
 * reminders, digests, settings and calendar.
 */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { Records } from "../../src/records/records.js";
import { ReminderLedger } from "../../src/scheduling/reminder-ledger.js";
import { Reminders } from "../../src/scheduling/reminders.js";
import { openDatabase } from "../../src/storage/database.js";
import { notices, type TestBot, testBot } from "../support/bot.js";
import { calendarHeld, riskInput } from "../support/records.js";
import { tempDir } from "../support/temp.js";

let folder: ReturnType<typeof tempDir>;
let now = new Date("2027-03-01T09:00:00Z");
const clock = () => now;
let records: Records;
let reminders: Reminders;
const inbox: { to: string; at: string; text: string }[] = [];
const send = async (to: string, reply: Reply) => {
  inbox.push({
    to,
    at: now.toISOString(),
    text: reply.blocks.map((block) => JSON.stringify(block)).join("\n"),
  });
};
const adminDigests = () => inbox.filter((m) => m.to === "console:alice" && /The ISMS this week/.test(m.text));
const managerDigests = () =>
  inbox.filter((m) => m.to === "console:mallory" && /Your team's ISMS/.test(m.text));

/** Runs the schedule every 15 minutes from `from` until `to` (exclusive), as the cron pattern does. */
async function runEvery15Minutes(from: string, to: string) {
  for (let t = Date.parse(from); t < Date.parse(to); t += 15 * 60_000) {
    now = new Date(t);
    await reminders.run(now, send);
  }
}

beforeEach(() => {
  folder = tempDir();
  now = new Date("2027-03-01T09:00:00Z");
  records = new Records(openDatabase(join(folder.path, "isms.db"), { clock }), clock);
  reminders = new Reminders(records, new ReminderLedger(records.db, clock));
  inbox.length = 0;
  for (const key of ["console:alice", "console:bob", "console:mallory"])
    records.db
      .prepare("INSERT INTO people (platform, user_id, first_seen_at, last_seen_at) VALUES (?, ?, 'x', 'x')")
      .run(...key.split(":"));
  records.people.addAdmin("console:alice", "test");
  records.people.setManager("console:bob", "console:mallory", "test");
  calendarHeld(records, "2027-01-01");
  records.controls.update(
    "A.8.13",
    { owner: "console:bob", applicable: true, cadence: "quarterly", nextEvidenceDue: "2027-02-01" },
    "test",
  );
});
afterEach(() => {
  records.db.close();
  folder.remove();
});

describe("a weekly digest missed while the bot was down", () => {
  it("is caught up when the bot comes back at night and keeps running every 15 minutes", async () => {
    now = new Date("2027-02-26T12:00:00Z"); // Friday: the bot runs, then is down over Monday
    await reminders.run(now, send);
    // Back on Tuesday at 02:00 UTC, outside working hours; the schedule runs every 15 minutes from then on.
    await runEvery15Minutes("2027-03-02T02:00:00Z", "2027-03-02T12:00:00Z");
    expect(adminDigests().map((m) => m.at)).toEqual(["2027-03-02T09:00:00.000Z"]);
    expect(managerDigests()).toHaveLength(1);
  });

  it("is caught up the next morning when the bot came back after working hours on the digest day", async () => {
    now = new Date("2027-02-26T12:00:00Z");
    await reminders.run(now, send);
    await runEvery15Minutes("2027-03-01T19:00:00Z", "2027-03-02T12:00:00Z"); // back Monday 19:00
    expect(adminDigests().map((m) => m.at)).toEqual(["2027-03-02T09:00:00.000Z"]);
  });

  it("reaches a person in another time zone when the bot came back before their working hours", async () => {
    records.db.prepare("UPDATE people SET timezone = 'America/New_York' WHERE user_id = 'alice'").run();
    now = new Date("2027-02-26T12:00:00Z");
    await reminders.run(now, send);
    // Back on Tuesday 12:00 UTC, which is 07:00 in New York: alice's Monday digest waits for her working hours.
    await runEvery15Minutes("2027-03-02T12:00:00Z", "2027-03-02T16:00:00Z");
    expect(adminDigests().map((m) => m.at)).toEqual(["2027-03-02T14:00:00.000Z"]);
  });

  it("is still sent once only, and not caught up when the bot was running at the digest hour", async () => {
    await runEvery15Minutes("2027-03-01T08:00:00Z", "2027-03-04T12:00:00Z");
    expect(adminDigests().map((m) => m.at)).toEqual(["2027-03-01T09:00:00.000Z"]);
    expect(managerDigests()).toHaveLength(1);
  });
});

describe("reminders paused over the digest day", () => {
  it("send the missed digest once resumed within three days", async () => {
    await runEvery15Minutes("2027-02-26T08:00:00Z", "2027-02-26T09:00:00Z"); // Friday
    records.reminderSettings.setPaused(true, "console:alice");
    await runEvery15Minutes("2027-02-26T09:00:00Z", "2027-03-02T08:00:00Z");
    records.reminderSettings.setPaused(false, "console:alice");
    await runEvery15Minutes("2027-03-02T08:00:00Z", "2027-03-02T12:00:00Z"); // resumed on Tuesday morning
    expect(adminDigests().map((m) => m.at)).toEqual(["2027-03-02T09:00:00.000Z"]);
  });
});

describe("chat buttons and commands around reminders", () => {
  let t: TestBot;
  beforeEach(async () => {
    t = testBot("2027-03-17T09:00:00Z");
    for (const user of ["alice", "bob"]) await t.ask(user, "hello");
    t.records.people.addAdmin("console:alice", "test");
  });
  afterEach(() => t.close());

  it("Mark reviewed moves the next review by the review cadence the admins set, as the reminders plan it", async () => {
    t.records.reminderSettings.change({ "review-high": "1" }, "console:alice");
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
    expect(t.records.risks.get("R-001")?.level).toBe("high");
    expect(notices(await t.ask("bob", "mark R-001 reviewed"))).toBe(
      "R-001 marked reviewed; next review on 2027-04-17.",
    );
  });

  it("an admin asking to stop the reminders about one item does not pause everyone's", async () => {
    for (const text of [
      "stop reminders for A.8.13",
      "stop reminders about R-001",
      "pause reminders until I submit",
    ]) {
      await t.ask("alice", text);
      expect(t.records.reminderSettings.paused(), text).toBeUndefined();
    }
    expect(notices(await t.ask("alice", "pause reminders"))).toMatch(/paused for everyone/);
    expect(notices(await t.ask("alice", "please resume all reminders now"))).toMatch(/running again/);
  });
});

describe("people whose date is not the UTC date", () => {
  const setZone = (user: string, zone: string) =>
    records.db.prepare("UPDATE people SET timezone = ? WHERE user_id = ?").run(zone, user);
  const texts = (to: string) => inbox.filter((m) => m.to === to).map((m) => m.text);

  it("west of UTC: 'due today' arrives on the due day, not the afternoon before", async () => {
    setZone("bob", "America/Los_Angeles");
    records.controls.update("A.8.13", { nextEvidenceDue: "2027-03-31" }, "test");
    now = new Date("2027-03-31T00:30:00Z"); // Tuesday 30 March, 17:30 in Los Angeles
    await reminders.run(now, send);
    expect(texts("console:bob").join()).not.toMatch(/due today/);
    expect(texts("console:bob")[0]).toMatch(/due on 2027-03-31 \(in 1 day\)/);
    now = new Date("2027-03-31T16:00:00Z"); // Wednesday 31 March, 09:00 in Los Angeles
    await reminders.run(now, send);
    expect(texts("console:bob")[1]).toMatch(/Evidence for A\.8\.13 is due today/);
    now = new Date("2027-04-01T00:30:00Z"); // still the due day in Los Angeles: not "overdue" yet
    await reminders.run(now, send);
    expect(texts("console:bob").join()).not.toMatch(/overdue/);
  });

  it("east of UTC: Monday's digest counts what is overdue on the manager's Monday", async () => {
    setZone("mallory", "Pacific/Auckland");
    records.controls.update(
      "A.5.2",
      { owner: "console:bob", applicable: true, cadence: "yearly", nextEvidenceDue: "2027-02-28" },
      "test",
    );
    now = new Date("2027-02-28T20:00:00Z"); // Monday 1 March, 09:00 in Auckland; still Sunday in UTC
    await reminders.run(now, send);
    const digest = managerDigests()[0]?.text ?? "";
    expect(digest).toMatch(/Overdue: evidence for A\.5\.2 \(console:bob\), due 2027-02-28/);
    expect(digest).not.toMatch(/Due soon/);
  });
});

describe("a reminder lost in a crash between claiming and sending", () => {
  it("is reported in the next admin digest, not in every digest for ever", async () => {
    now = new Date("2027-02-26T12:00:00Z");
    new ReminderLedger(records.db, clock).claim({
      itemKey: "control:A.7.4",
      recipient: "console:bob",
      period: "x",
    });
    await runEvery15Minutes("2027-03-01T08:45:00Z", "2027-03-01T09:15:00Z");
    await runEvery15Minutes("2027-03-08T08:45:00Z", "2027-03-08T09:15:00Z");
    await runEvery15Minutes("2027-03-15T08:45:00Z", "2027-03-15T09:15:00Z");
    expect(
      adminDigests().map((m) => /Delivery not confirmed: a reminder about control:A\.7\.4/.test(m.text)),
    ).toEqual([true, false, false]);
  });
});

describe("the reminder settings form", () => {
  let t: TestBot;
  beforeEach(async () => {
    t = testBot("2027-03-03T10:00:00Z");
    await t.ask("alice", "hello");
    t.records.people.addAdmin("console:alice", "test");
  });
  afterEach(() => t.close());

  it("saves a submission once: the same submission delivered again does not undo a later change", async () => {
    const settings = (key: string, grace: string) => ({
      formId: "reminder-settings",
      key,
      values: { "grace-days": grace },
    });
    expect(notices(await t.submit("alice", settings("k1", "10")))).toMatch(
      /Saved: Grace days before escalation 10/,
    );
    expect(notices(await t.submit("alice", settings("k2", "5")))).toMatch(
      /Saved: Grace days before escalation 5/,
    );
    expect(notices(await t.submit("alice", settings("k1", "10")))).toMatch(/Already saved/);
    expect(t.records.reminderSettings.effective()["grace-days"]).toBe(5);
  });
});

describe("questions about a calendar item", () => {
  let t: TestBot;
  beforeEach(async () => {
    t = testBot("2027-03-03T10:00:00Z");
    await t.ask("alice", "hello");
    t.records.people.addAdmin("console:alice", "test");
    t.records.calendar.add({ title: "Penetration test", dueDate: "2027-05-01" }, "console:alice");
  });
  afterEach(() => t.close());

  it("are answered with the calendar; they do not mark the item done or cancel it", async () => {
    for (const question of [
      "is calendar item 1 done?",
      "when will calendar item 1 be held?",
      "should we cancel calendar item 1?",
    ]) {
      await t.ask("alice", question);
      expect(t.records.calendar.get(1)?.status, question).toBe("open");
    }
    expect(notices(await t.ask("alice", "calendar item 1 done"))).toMatch(/done and closed/);
  });
});
