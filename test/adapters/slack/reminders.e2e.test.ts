/**
 * Reminders through the real WebClient (no retries of its own, rate limits rejected) and the core's paced sender,
 * against the fake Slack Web API on loopback. The sender's sleep moves a fake clock: nothing here really waits.
 */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverReminder, reminderClient } from "../../../adapters/slack/deliver.js";
import { Records } from "../../../src/records/records.js";
import { pacedSend } from "../../../src/scheduling/paced-send.js";
import { ReminderLedger } from "../../../src/scheduling/reminder-ledger.js";
import { Reminders } from "../../../src/scheduling/reminders.js";
import { openDatabase } from "../../../src/storage/database.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/slack/fake-slack-api.js";
import { tempDir } from "../../support/temp.js";

let folder: ReturnType<typeof tempDir>;
let slack: FakeSlackApi;
let records: Records;
let ledger: ReminderLedger;
let now: number;
let waits: number[];
const clock = () => new Date(now);

beforeEach(async () => {
  folder = tempDir();
  slack = await startFakeSlackApi();
  now = Date.parse("2027-03-19T09:00:00Z"); // a Friday, 12 days before A.8.13's evidence is due
  waits = [];
  records = new Records(openDatabase(join(folder.path, "isms.db"), { clock }), clock);
  for (const user of ["UADMIN", "UBOB"]) {
    records.db
      .prepare(
        "INSERT INTO people (platform, user_id, first_seen_at, last_seen_at) VALUES ('slack', ?, 'x', 'x')",
      )
      .run(user);
  }
  records.controls.update(
    "A.8.13",
    { owner: "slack:UBOB", applicable: true, cadence: "quarterly", nextEvidenceDue: "2027-03-31" },
    "test",
  );
  ledger = new ReminderLedger(records.db, clock);
});
afterEach(async () => {
  records.db.close();
  await slack.close();
  folder.remove();
});

/** One scheduled run, wired as `isms start` wires it for Slack. */
function run() {
  const client = reminderClient("xoxb-test-token", slack.url);
  const send = pacedSend((recipient, reply) => deliverReminder(client, recipient, reply), {
    clock,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  });
  return new Reminders(records, ledger).run(clock(), send);
}

const delivered = (channel: string) =>
  slack.callsTo("chat.postMessage").filter((call) => !call.failed && call.args.channel === channel);

describe("Slack reminders under rate limits and outages", () => {
  it("waits out a 429's Retry-After and delivers the reminder exactly once", async () => {
    slack.failNext("chat.postMessage", { status: 429, retryAfter: 3 });
    expect(await run()).toMatchObject({ sent: 1, failed: 0 });
    expect(waits).toEqual([3000]);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2);
    expect(delivered("DUBOB")).toHaveLength(1);
    expect(JSON.stringify(delivered("DUBOB")[0]?.args)).toMatch(/A\.8\.13/);

    now += 15 * 60_000;
    expect(await run()).toMatchObject({ sent: 0, failed: 0 });
    expect(delivered("DUBOB")).toHaveLength(1);
    expect(ledger.failures()).toEqual([]);
  });

  it("retries 500s with growing waits, then keeps the reminder due and reports it to the admins", async () => {
    for (let i = 0; i < 5; i++) slack.failNext("chat.postMessage", { status: 500 });
    expect(await run()).toMatchObject({ sent: 0, failed: 1 });
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    expect(slack.callsTo("chat.postMessage").every((call) => call.failed)).toBe(true);
    expect(ledger.failures()).toMatchObject([
      {
        itemKey: "control:A.8.13",
        recipient: "slack:UBOB",
        attempts: 1,
        lastError: "Slack answered HTTP 500",
      },
    ]);

    records.people.addAdmin("slack:UADMIN", "test");
    now = Date.parse("2027-03-22T09:00:00Z"); // Monday: Slack is back, and it is the digest day
    await run();
    expect(delivered("DUBOB")).toHaveLength(1);
    expect(JSON.stringify(delivered("DUADMIN").map((call) => call.args))).toMatch(
      /Not delivered after 1 attempt: a reminder about control:A\.8\.13 to slack:UBOB \(last error: Slack answered HTTP 500\)/,
    );
    expect(ledger.failures()).toEqual([]);
  });

  it("does not retry a deactivated person, nor someone not on Slack, and keeps both reminders for the digest", async () => {
    records.controls.update(
      "A.5.1",
      { owner: "teams:carol", applicable: true, cadence: "yearly", nextEvidenceDue: "2027-03-31" },
      "test",
    );
    slack.failNext("chat.postMessage", { error: "account_inactive" });
    expect(await run()).toMatchObject({ sent: 0, failed: 2 });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(ledger.failures()).toEqual([
      expect.objectContaining({ recipient: "teams:carol", lastError: "teams:carol is not a Slack user" }),
      expect.objectContaining({ recipient: "slack:UBOB", lastError: "Slack refused: account_inactive" }),
    ]);
  });
});
