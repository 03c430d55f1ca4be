import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { Records } from "../../src/records/records.js";
import { DeliveryError } from "../../src/scheduling/delivery-error.js";
import { ReminderLedger } from "../../src/scheduling/reminder-ledger.js";
import { Reminders } from "../../src/scheduling/reminders.js";
import { openDatabase } from "../../src/storage/database.js";
import { tempDir } from "../support/temp.js";

let folder: ReturnType<typeof tempDir>;
let now = new Date("2027-03-19T09:00:00Z");
const clock = () => now;
let records: Records;
let ledger: ReminderLedger;
let reminders: Reminders;

/** A platform on which one person's messages fail (for as long as `down` is set) and everyone else's arrive. */
const inbox: { to: string; text: string }[] = [];
let down: Error | undefined;
const send = async (to: string, reply: Reply) => {
  if (to === "console:bob" && down) throw down;
  inbox.push({ to, text: JSON.stringify(reply.blocks) });
};
const toBob = () => inbox.filter((message) => message.to === "console:bob");
const adminDigest = () =>
  inbox.find((message) => message.to === "console:alice" && message.text.includes("The ISMS this week"))
    ?.text ?? "";

beforeEach(() => {
  folder = tempDir();
  records = new Records(openDatabase(join(folder.path, "isms.db"), { clock }), clock);
  for (const key of ["console:alice", "console:bob"]) {
    records.db
      .prepare("INSERT INTO people (platform, user_id, first_seen_at, last_seen_at) VALUES (?, ?, 'x', 'x')")
      .run(...key.split(":"));
  }
  records.people.addAdmin("console:alice", "test");
  records.controls.update(
    "A.8.13",
    { owner: "console:bob", applicable: true, cadence: "quarterly", nextEvidenceDue: "2027-03-31" },
    "test",
  );
  ledger = new ReminderLedger(records.db, clock);
  reminders = new Reminders(records, ledger);
  inbox.length = 0;
  down = undefined;
});
afterEach(() => {
  records.db.close();
  folder.remove();
});

describe("a reminder whose delivery fails", () => {
  it("is recorded as failed with a one-line reason, and stays due", async () => {
    now = new Date("2027-03-19T09:00:00Z"); // a Friday, 12 days before A.8.13's evidence is due
    down = new DeliveryError("server", "Slack answered HTTP 500\n    at WebClient.apiCall (stack)");
    expect(await reminders.run(now, send)).toMatchObject({ failed: 1 });
    expect(toBob()).toEqual([]);
    expect(ledger.failures()).toEqual([
      {
        itemKey: "control:A.8.13",
        recipient: "console:bob",
        period: "2027-03-31:before-14",
        attempts: 1,
        lastError: "Slack answered HTTP 500",
      },
    ]);
    expect(reminders.due(now).get("console:bob")).toMatchObject([{ itemKey: "control:A.8.13" }]);
    expect(ledger.unfinished()).toEqual([]);
  });

  it("is sent by the next run that can, exactly once", async () => {
    now = new Date("2027-03-19T09:00:00Z");
    down = new DeliveryError("unreachable", "Slack refused: account_inactive");
    await reminders.run(now, send);
    now = new Date("2027-03-19T09:15:00Z");
    await reminders.run(now, send);
    expect(ledger.failures()).toMatchObject([{ attempts: 2, lastError: "Slack refused: account_inactive" }]);

    down = undefined;
    now = new Date("2027-03-19T09:30:00Z");
    expect(await reminders.run(now, send)).toMatchObject({ sent: 1, failed: 0 });
    now = new Date("2027-03-19T09:45:00Z");
    expect(await reminders.run(now, send)).toMatchObject({ sent: 0, failed: 0 });
    expect(toBob()).toHaveLength(1);
    expect(toBob()[0]?.text).toMatch(/Evidence for A\.8\.13 is due on 2027-03-31 \(in 12 days\)/);
    expect(ledger.failures()).toEqual([]);
  });

  it("is reported in the next admin digest with its attempts and reason, until it is delivered", async () => {
    down = new DeliveryError("server", "Slack answered HTTP 503");
    now = new Date("2027-03-19T09:00:00Z"); // Friday: fails
    await reminders.run(now, send);
    now = new Date("2027-03-19T09:15:00Z"); // fails again
    await reminders.run(now, send);
    expect(adminDigest()).toBe(""); // no admin digest on a Friday

    now = new Date("2027-03-22T09:00:00Z"); // Monday, the digest day
    await reminders.run(now, send);
    expect(adminDigest()).toMatch(
      /Not delivered after 2 attempts: a reminder about control:A\.8\.13 to console:bob \(last error: Slack answered HTTP 503\)/,
    );

    down = undefined;
    now = new Date("2027-03-23T09:00:00Z"); // Tuesday: Slack is back
    await reminders.run(now, send);
    expect(toBob()).toHaveLength(1);

    inbox.length = 0;
    now = new Date("2027-03-29T09:00:00Z"); // the next Monday: nothing left to report
    await reminders.run(now, send);
    expect(adminDigest()).toMatch(/The ISMS this week/);
    expect(adminDigest()).not.toMatch(/Not delivered/);
  });
});
