import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { Records } from "../../src/records/records.js";
import { ReminderLedger } from "../../src/scheduling/reminder-ledger.js";
import { Reminders } from "../../src/scheduling/reminders.js";
import { openDatabase } from "../../src/storage/database.js";
import { tempDir } from "../support/temp.js";

let folder: ReturnType<typeof tempDir>;
let now = new Date("2027-03-01T09:00:00Z");
const clock = () => now;
let records: Records;
let reminders: Reminders;
const inbox: { to: string; text: string }[] = [];
const send = async (to: string, reply: Reply) => {
  inbox.push({ to, text: reply.blocks.map((block) => JSON.stringify(block)).join("\n") });
};
const digestsTo = (to: string) => inbox.filter((m) => m.to === to && /The ISMS this week/.test(m.text));

beforeEach(() => {
  folder = tempDir();
  records = new Records(openDatabase(join(folder.path, "isms.db"), { clock }), clock);
  reminders = new Reminders(records, new ReminderLedger(records.db, clock));
  inbox.length = 0;
  for (const key of ["console:alice", "console:bob"])
    records.db
      .prepare("INSERT INTO people (platform, user_id, first_seen_at, last_seen_at) VALUES (?, ?, 'x', 'x')")
      .run(...key.split(":"));
  records.people.addAdmin("console:alice", "test");
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

describe("the admin digest's trend", () => {
  it("compares this week's figures with last week's digest", async () => {
    await reminders.run(now, send);
    expect(digestsTo("console:alice")[0]?.text).toMatch(/Trend: no figures from an earlier week yet/);
    // During the week a second control falls overdue and the first gets an owner change: next Monday shows it.
    records.controls.update(
      "A.5.1",
      { owner: "console:bob", applicable: true, cadence: "yearly", nextEvidenceDue: "2027-03-02" },
      "test",
    );
    now = new Date("2027-03-08T09:00:00Z");
    await reminders.run(now, send);
    expect(digestsTo("console:alice")[1]?.text).toMatch(
      /Since the digest of 2027-03-01: evidence overdue 2 \(\+1\), controls with an owner 2 \(\+1\), open risks 0 \(no change\)/,
    );
  });
});

describe("digest day and hour", () => {
  it("follow the admins' settings, in the organisation's time zone", async () => {
    records.reminderSettings.change(
      { "digest-day": "wednesday", "digest-hour": "14", "time-zone": "Europe/Berlin" },
      "console:alice",
    );
    now = new Date("2027-03-01T09:00:00Z"); // Monday: no digest any more
    await reminders.run(now, send);
    expect(digestsTo("console:alice")).toHaveLength(0);
    now = new Date("2027-03-03T12:59:00Z"); // Wednesday 13:59 in Berlin: not yet
    await reminders.run(now, send);
    expect(digestsTo("console:alice")).toHaveLength(0);
    now = new Date("2027-03-03T13:00:00Z"); // 14:00 in Berlin
    await reminders.run(now, send);
    now = new Date("2027-03-03T15:00:00Z");
    await reminders.run(now, send);
    expect(digestsTo("console:alice")).toHaveLength(1);
  });

  it("catches up a digest missed while the bot was down, once", async () => {
    now = new Date("2027-02-26T12:00:00Z"); // Friday: the bot runs, then is down over Monday
    await reminders.run(now, send);
    now = new Date("2027-03-02T09:00:00Z"); // Tuesday: back
    await reminders.run(now, send);
    now = new Date("2027-03-02T09:15:00Z");
    await reminders.run(now, send);
    expect(digestsTo("console:alice")).toHaveLength(1);
    expect(digestsTo("console:alice")[0]?.text).toMatch(/The ISMS this week/);
  });

  it("sends the digests now on request, whatever the day, once per request, failures recorded", async () => {
    now = new Date("2027-03-03T10:00:00Z");
    expect(await reminders.digestsNow(now, send)).toEqual({ sent: 1, failed: 0 });
    now = new Date("2027-03-03T10:05:00Z");
    const failing = async () => Promise.reject(new Error("no route to console"));
    expect(await reminders.digestsNow(now, failing)).toEqual({ sent: 0, failed: 1 });
    expect(new ReminderLedger(records.db, clock).failures()).toMatchObject([
      { itemKey: "digest:admins", recipient: "console:alice", lastError: "no route to console" },
    ]);
  });
});

describe("failed deliveries in the admin digest", () => {
  it("are listed for a week after the last attempt, not for ever", async () => {
    now = new Date("2027-03-03T10:00:00Z");
    await reminders.digestsNow(now, async () => Promise.reject(new Error("workspace gone")));
    now = new Date("2027-03-08T09:00:00Z");
    await reminders.run(now, send);
    expect(digestsTo("console:alice")[0]?.text).toMatch(/Not delivered after 1 attempt: .*workspace gone/);
    now = new Date("2027-03-15T09:00:00Z");
    await reminders.run(now, send);
    expect(digestsTo("console:alice")[1]?.text).not.toMatch(/workspace gone/);
  });
});
