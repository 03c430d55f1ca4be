/**
 * The platforms' APIs answering 429 and 500 to the bot's answers in conversation: Slack's chat.postMessage through
 * Bolt's WebClient with the retry policy `isms start` uses, and Teams through botbuilder's connector client. Each
 * answer is retried with a wait and arrives once; a form behind it is saved once, even when the answer is finally
 * refused and the person submits again. Reminders under the same failures are covered in
 * test/adapters/slack/reminders.e2e.test.ts (429 and 500) and test/adapters/teams/reminders.e2e.test.ts (429); the
 * Teams reminder under 500s that outlast botbuilder's own retries is here.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pacedSend } from "../../src/scheduling/paced-send.js";
import { ReminderLedger } from "../../src/scheduling/reminder-ledger.js";
import { Reminders } from "../../src/scheduling/reminders.js";
import { type FaultPlatforms, startFaultPlatforms } from "../support/fault/platforms.js";
import { dmMessage, eventCallback, stateValue, viewSubmission } from "../support/slack/signed-request.js";
import { cardSubmit, installedPersonally, personalMessage, user } from "../support/teams/activities.js";
import { shownText } from "../support/teams/cards.js";

const json = (value: unknown) => JSON.stringify(value);

describe("Slack answers, with the Web API retry policy of `isms start`", () => {
  let p: FaultPlatforms;
  beforeAll(async () => {
    p = await startFaultPlatforms(); // no retryConfig: Bolt's default, as `isms start` runs it
    p.records.people.addAdmin("slack:U1", "test");
  });
  afterAll(() => p.close());
  beforeEach(() => p.slack.reset());

  it("retries a 500 after a pause and delivers the answer once", async () => {
    p.slack.failNext("chat.postMessage", { status: 500 });
    const started = Date.now();
    await p.postSlack(eventCallback(dmMessage("U1", "what does A.8.9 require?")));
    const calls = p.slack.callsTo("chat.postMessage");
    expect(calls.map((call) => Boolean(call.failed))).toEqual([true, false]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500); // backed off, not hammered
    expect(json(calls[1]?.args.blocks)).toMatch(/A\.8\.9 Configuration management/);
  }, 15_000);

  it("waits out a 429's Retry-After before confirming a saved form, once, with the record saved once", async () => {
    p.slack.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    const started = Date.now();
    const submitted = await p.postSlack(
      viewSubmission("U1", "form:submit-evidence", json({ formId: "submit-evidence", key: "k-429" }), {
        target: { value: stateValue.plainText("A.8.13") },
        title: { value: stateValue.plainText("Restore test under rate limit") },
      }),
    );
    expect(submitted.status).toBe(200);
    const calls = p.slack.callsTo("chat.postMessage");
    expect(calls.map((call) => Boolean(call.failed))).toEqual([true, false]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(json(calls[1]?.args)).toMatch(/Saved: E-\d+ Restore test under rate limit/);
    expect(
      p.records.evidence.all().filter((item) => item.title === "Restore test under rate limit"),
    ).toHaveLength(1);
  }, 15_000);
});

describe("Slack refusing an answer for good", () => {
  let p: FaultPlatforms;
  beforeAll(async () => {
    p = await startFaultPlatforms({
      slackRetryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
    });
    p.records.people.addAdmin("slack:U1", "test");
  });
  afterAll(() => p.close());

  it("keeps the record once: the form submitted again says it is already saved", async () => {
    const submit = () =>
      p.postSlack(
        viewSubmission("U1", "form:submit-evidence", json({ formId: "submit-evidence", key: "k-500" }), {
          target: { value: stateValue.plainText("A.8.13") },
          title: { value: stateValue.plainText("Restore test under an outage") },
        }),
      );
    for (let i = 0; i < 3; i++) p.slack.failNext("chat.postMessage", { status: 500 }); // the try and 2 retries
    await submit();
    const [apology, ...others] = p.slack.callsTo("chat.postMessage").filter((call) => !call.failed);
    expect(others).toEqual([]);
    expect(apology?.args.text).toMatch(/^Sorry, Slack did not take my answer just now/);
    expect(p.logs).toContainEqual(expect.stringMatching(/Slack listener failed: .*statusCode = 500/));
    p.slack.reset();
    await submit(); // the person tries again
    const delivered = p.slack.callsTo("chat.postMessage").filter((call) => !call.failed);
    expect(delivered.map((call) => json(call.args))).toEqual([expect.stringMatching(/Already saved: E-\d+/)]);
    expect(
      p.records.evidence.all().filter((item) => item.title === "Restore test under an outage"),
    ).toHaveLength(1);
  }, 10_000);
});

describe("Teams answers, with botbuilder's own retries", () => {
  let p: FaultPlatforms;
  const at = () => ({ serviceUrl: p.connector.url });
  beforeAll(async () => {
    p = await startFaultPlatforms();
    p.records.people.addAdmin("teams:aad-alice", "test");
  });
  afterAll(() => p.close());
  beforeEach(() => p.connector.reset());

  it("retries a 500 and a 429 on an answer, and delivers it once", async () => {
    p.connector.failNext("send", { status: 500 });
    await p.postTeams(personalMessage(at(), user("bob"), "what does A.8.9 require?"));
    expect(p.connector.callsTo("send").map((call) => Boolean(call.failed))).toEqual([true, false]);
    expect(shownText(p.connector.callsTo("send")[1])).toMatch(/A\.8\.9 Configuration management/);

    p.connector.reset();
    p.connector.failNext("send", { status: 429, retryAfter: 0, code: "Throttled" }, 2);
    await p.postTeams(personalMessage(at(), user("bob"), "clause 9.2"));
    expect(p.connector.callsTo("send").map((call) => Boolean(call.failed))).toEqual([true, true, false]);
  }, 15_000);

  it("retries the card update that confirms a form, and saves the record once", async () => {
    p.connector.failNext("update", { status: 500 });
    await p.postTeams(
      cardSubmit(
        at(),
        user("alice"),
        {
          isms: "form",
          formId: "submit-evidence",
          key: "t-500",
          "field:target": "A.8.13",
          "field:title": "DR test",
        },
        { replyToId: "card-500" },
      ),
    );
    expect(p.connector.callsTo("update").map((call) => Boolean(call.failed))).toEqual([true, false]);
    expect(p.connector.callsTo("send")).toEqual([]); // not sent anew as well
    expect(shownText(p.connector.callsTo("update")[1])).toMatch(/Saved: E-\d+ DR test/);
    expect(p.records.evidence.all().filter((item) => item.title === "DR test")).toHaveLength(1);
  }, 15_000);

  it("apologises when Teams keeps refusing, and the form submitted again is not saved twice", async () => {
    const submitted = (id: string) =>
      cardSubmit(
        at(),
        user("alice"),
        {
          isms: "form",
          formId: "submit-evidence",
          key: "t-down",
          "field:target": "A.8.13",
          "field:title": "BCP test",
        },
        { replyToId: "card-down", id },
      );
    // The card cannot be updated (gone), and sending the confirmation anew fails through all of botbuilder's tries.
    p.connector.failNext("update", { status: 404, code: "NotFound" });
    p.connector.failNext("send", { status: 503 }, 4);
    await p.postTeams(submitted("attempt-1"));
    const [apology, ...others] = p.connector.callsTo("send").filter((call) => !call.failed);
    expect(others).toEqual([]);
    expect(apology?.body.text).toMatch(/^Sorry, Teams did not take my answer just now/);
    expect(p.records.evidence.all().filter((item) => item.title === "BCP test")).toHaveLength(1);

    p.connector.reset();
    await p.postTeams(submitted("attempt-2"));
    expect(shownText(p.connector.callsTo("update")[0])).toMatch(/Already saved: E-\d+ BCP test/);
    expect(p.records.evidence.all().filter((item) => item.title === "BCP test")).toHaveLength(1);
  }, 30_000);
});

describe("a Teams reminder under 500s that outlast botbuilder's retries", () => {
  let p: FaultPlatforms;
  afterAll(() => p.close());

  it("is retried by the paced sender after a backoff, and delivered once", async () => {
    let now = Date.parse("2027-03-19T09:00:00Z"); // a Friday, 12 days before A.8.13's evidence is due
    p = await startFaultPlatforms({ clock: () => new Date(now) });
    const clock = () => new Date(now);
    p.records.controls.update(
      "A.8.13",
      { owner: "teams:aad-bob", applicable: true, cadence: "quarterly", nextEvidenceDue: "2027-03-31" },
      "test",
    );
    await p.postTeams(installedPersonally({ serviceUrl: p.connector.url }, user("bob")));
    p.connector.failNext("send", { status: 500 }, 4); // botbuilder's first try and its three retries
    const waits: number[] = [];
    const send = pacedSend((recipient, reply) => p.teams.send(recipient, reply), {
      clock,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    const ledger = new ReminderLedger(p.db, clock);
    expect(await new Reminders(p.records, ledger).run(clock(), send)).toMatchObject({ sent: 1, failed: 0 });
    expect(waits).toEqual([1000]); // the paced sender's first server-error backoff
    const delivered = p.connector.callsTo("send").filter((call) => !call.failed);
    expect(delivered).toHaveLength(1);
    expect(shownText(delivered[0])).toMatch(/A\.8\.13/);
    now += 15 * 60_000;
    expect(await new Reminders(p.records, ledger).run(clock(), send)).toMatchObject({ sent: 0, failed: 0 });
    expect(p.connector.callsTo("send").filter((call) => !call.failed)).toHaveLength(1);
  }, 30_000);
});
