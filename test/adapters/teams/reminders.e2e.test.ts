/**
 * Reminders to Teams people as `isms start` sends them: the core's planner, ledger and paced sender, delivering
 * through the Teams app's `send` to the fake Bot Connector. The sender's sleep moves a fake clock.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pacedSend } from "../../../src/scheduling/paced-send.js";
import { ReminderLedger } from "../../../src/scheduling/reminder-ledger.js";
import { Reminders } from "../../../src/scheduling/reminders.js";
import { cardSubmit, installedPersonally, personalChat, user } from "../../support/teams/activities.js";
import { buttonData, formSubmitData, shownText } from "../../support/teams/cards.js";
import { startTeamsHarness, type TeamsHarness } from "./harness.js";

let h: TeamsHarness;
let now: number;
let waits: number[];
const clock = () => new Date(now);

beforeEach(async () => {
  now = Date.parse("2027-03-19T09:00:00Z"); // a Friday, 12 days before A.8.13's evidence is due
  waits = [];
  h = await startTeamsHarness({}, clock);
  h.records.controls.update(
    "A.8.13",
    { owner: "teams:aad-bob", applicable: true, cadence: "quarterly", nextEvidenceDue: "2027-03-31" },
    "test",
  );
});
afterEach(() => h.close());

function run() {
  const send = pacedSend((recipient, reply) => h.app.send(recipient, reply), {
    clock,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  });
  return new Reminders(h.records, new ReminderLedger(h.records.db, clock)).run(clock(), send);
}

describe("Teams reminders", () => {
  it("reach the owner in the 1:1 chat kept when the app was installed, once", async () => {
    await h.post(installedPersonally({ serviceUrl: h.connector.url }, user("bob")));
    expect(await run()).toMatchObject({ sent: 1, failed: 0 });
    const [sent] = await h.connector.waitFor("send");
    expect(sent?.conversationId).toBe(personalChat(user("bob")).id);
    expect(shownText(sent)).toMatch(/A\.8\.13/);
    expect(buttonData(sent, "Snooze 1 week")).toEqual({ isms: "ask", ask: "snooze A.8.13" });

    now += 15 * 60_000;
    expect(await run()).toMatchObject({ sent: 0, failed: 0 });
    expect(h.connector.callsTo("send")).toHaveLength(1);
  });

  it("offer buttons that act for the person: Snooze 1 week, then Submit evidence opens the form", async () => {
    const bob = user("bob");
    await h.post(installedPersonally({ serviceUrl: h.connector.url }, bob));
    await run();
    const [reminder] = await h.connector.waitFor("send");
    h.connector.reset();
    await h.post(cardSubmit({ serviceUrl: h.connector.url }, bob, buttonData(reminder, "Snooze 1 week")));
    const [snoozed] = await h.connector.waitFor("send");
    expect(shownText(snoozed)).toMatch(/Snoozed: no reminder about A\.8\.13 until 2027-03-26/);
    expect(h.records.snoozes.isSnoozed("control:A.8.13", "teams:aad-bob", "2027-03-20")).toBe(true);

    h.connector.reset();
    await h.post(cardSubmit({ serviceUrl: h.connector.url }, bob, buttonData(reminder, /^Submit evidence/)));
    const [form] = await h.connector.waitFor("send");
    expect(formSubmitData(form)).toMatchObject({ isms: "form", formId: "submit-evidence" });
  });

  it("stay due, and are reported, for an owner who never installed the app", async () => {
    expect(await run()).toMatchObject({ sent: 0, failed: 1 });
    expect(waits).toEqual([]); // unreachable: not worth retrying
    expect(new ReminderLedger(h.records.db, clock).failures()).toMatchObject([
      {
        recipient: "teams:aad-bob",
        lastError: "teams:aad-bob has not installed the app or spoken to it yet",
      },
    ]);
  });

  it("wait out a rate limit that outlasts botbuilder's own retries, then deliver once", async () => {
    await h.post(installedPersonally({ serviceUrl: h.connector.url }, user("bob")));
    h.connector.failNext("send", { status: 429, retryAfter: 0 }, 4);
    expect(await run()).toMatchObject({ sent: 1, failed: 0 });
    expect(waits).toEqual([1000]); // Retry-After 0, then the pace of one message a second per chat
    expect(h.connector.callsTo("send").filter((call) => !call.failed)).toHaveLength(1);
  });
});
