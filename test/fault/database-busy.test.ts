/**
 * Another process holds the database's write lock (BEGIN EXCLUSIVE, as a backup script or a long `isms import` would)
 * while people use Slack and Teams. A lock held longer than the busy timeout gets a kind "try again", with the form
 * kept as it was filled in; submitting the same form again once the lock is gone saves it once. A lock held for less
 * than the busy timeout is simply waited for. Questions are answered all the while.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storageTrouble } from "../../src/storage/errors.js";
import { holdWriteLock } from "../support/fault/lock-holder.js";
import { type FaultPlatforms, startFaultPlatforms } from "../support/fault/platforms.js";
import { riskInput } from "../support/records.js";
import { dmMessage, eventCallback, stateValue, viewSubmission } from "../support/slack/signed-request.js";
import { cardSubmit, user } from "../support/teams/activities.js";
import { formSubmitData, shownText } from "../support/teams/cards.js";

const BUSY = /The records are busy just now, so nothing was saved; please try again in a moment\./;
const json = (value: unknown) => JSON.stringify(value);

let p: FaultPlatforms;
afterEach(() => p.close());

const evidenceModal = (key: string, title: string) =>
  viewSubmission("U1", "form:submit-evidence", json({ formId: "submit-evidence", key }), {
    target: { value: stateValue.plainText("A.8.13") },
    title: { value: stateValue.plainText(title) },
    link: { value: { type: "url_text_input", value: "https://wiki.example.com/restore" } },
  });

const count = (table: string) =>
  (p.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe("a write lock held past the busy timeout", () => {
  beforeEach(async () => {
    p = await startFaultPlatforms({ busyTimeoutMs: 250 });
    p.records.people.addAdmin("slack:U1", "test");
    p.records.people.addAdmin("teams:aad-alice", "test");
  });

  it("keeps a Slack modal open with 'try again', answers questions meanwhile, and saves the same form once after", async () => {
    const risk = p.records.risks.create(riskInput({ title: "Lost laptops", owner: "slack:U1" }), "slack:U1");
    const lock = await holdWriteLock(p.dbPath);
    let released = false;
    try {
      const refused = await p.postSlack(evidenceModal("k-slack", "Restore test Q4"));
      expect(refused.status).toBe(200);
      expect(refused.json).toMatchObject({
        response_action: "errors",
        errors: { target: expect.stringMatching(BUSY) },
      });
      expect(refused.text).not.toMatch(/SQLITE|at .*\.js|Error:/);

      // Reading needs no lock: a question is still answered, and the person is not told anything is wrong.
      await p.postSlack(eventCallback(dmMessage("U1", "what does A.8.9 require?")));
      const [answer] = await p.slack.waitFor("chat.postMessage", 1, 5000);
      expect(json(answer?.args.blocks)).toMatch(/A\.8\.9 Configuration management/);
      expect(json(answer?.args)).not.toMatch(/busy/);

      // Asking for something that writes gets the same kind "try again", and changes nothing.
      p.slack.reset();
      await p.postSlack(eventCallback(dmMessage("U1", `mark ${risk.ref} reviewed`)));
      const [busy] = await p.slack.waitFor("chat.postMessage", 1, 5000);
      expect(json(busy?.args)).toMatch(BUSY);
      expect(p.records.audit.list(10, risk.ref).map((entry) => entry.action)).toEqual(["risk.create"]);

      await lock.release();
      released = true;
    } finally {
      if (!released) await lock.release();
    }
    expect(count("evidence")).toBe(0);
    // The failure is still reported (for the log), though the person got a kind answer.
    expect(p.coreErrors.map(storageTrouble)).toContain("busy");

    p.slack.reset();
    const saved = await p.postSlack(evidenceModal("k-slack", "Restore test Q4"));
    expect([saved.status, saved.text]).toEqual([200, ""]); // the modal closes
    const again = await p.postSlack(evidenceModal("k-slack", "Restore test Q4")); // pressed twice
    expect(again.status).toBe(200);
    const posts = await p.slack.waitFor("chat.postMessage", 2, 5000);
    expect(json(posts[0]?.args)).toMatch(/Saved: E-001 Restore test Q4/);
    expect(json(posts[1]?.args)).toMatch(/Already saved: E-001/);
    expect(p.records.evidence.all().map((item) => [item.ref, item.title])).toEqual([
      ["E-001", "Restore test Q4"],
    ]);
    expect(p.records.audit.list(10, "E-001").map((entry) => entry.action)).toEqual(["evidence.submit"]);
    expect(count("submissions")).toBe(1);
    // The other process's own write committed too.
    expect(
      p.db.prepare("SELECT COUNT(*) AS n FROM open_questions WHERE question LIKE 'written by%'").get(),
    ).toEqual({ n: 1 });
    expect(p.db.pragma("integrity_check", { simple: true })).toBe("ok");
  }, 20_000);

  it("keeps a Teams card with its values and key, and saves it once when it is submitted again", async () => {
    const alice = user("alice");
    const at = { serviceUrl: p.connector.url };
    const data = {
      isms: "form",
      formId: "submit-evidence",
      key: "k-teams",
      "field:target": "A.8.13",
      "field:title": "Access review Q4",
    };
    const lock = await holdWriteLock(p.dbPath);
    let released = false;
    try {
      expect((await p.postTeams(cardSubmit(at, alice, data, { replyToId: "card-1" }))).status).toBe(200);
      const [refused] = await p.connector.waitFor("update", 1, 5000);
      expect(refused?.activityId).toBe("card-1");
      expect(shownText(refused)).toMatch(BUSY);
      expect(shownText(refused)).not.toMatch(/SQLITE|Error:/);
      expect(formSubmitData(refused)).toMatchObject({ formId: "submit-evidence", key: "k-teams" });
      expect(JSON.stringify(refused?.body)).toContain("Access review Q4"); // what was typed is kept
      await lock.release();
      released = true;
    } finally {
      if (!released) await lock.release();
    }
    expect(count("evidence")).toBe(0);

    p.connector.reset();
    await p.postTeams(cardSubmit(at, alice, data, { replyToId: "card-1" }));
    const [saved] = await p.connector.waitFor("update", 1, 5000);
    expect(shownText(saved)).toMatch(/Saved: E-001 Access review Q4/);
    expect(p.records.evidence.all().map((item) => item.submittedBy)).toEqual(["teams:aad-alice"]);
    expect(p.records.audit.list(10, "E-001")).toHaveLength(1);
    expect(p.logs.filter((line) => /Teams turn failed/.test(line))).toEqual([]);
  }, 20_000);
});

describe("a write lock held for less than the busy timeout", () => {
  beforeEach(async () => {
    p = await startFaultPlatforms(); // the bot's own busy timeout
    p.records.people.addAdmin("slack:U1", "test");
  });

  it("is waited for: the submission is saved at once when the lock goes, with no 'try again'", async () => {
    expect(p.db.pragma("busy_timeout", { simple: true })).toBe(2000);
    // The other process lets go by itself after 400 ms: this process is blocked in SQLite's wait meanwhile.
    const lock = await holdWriteLock(p.dbPath, 400);
    const started = Date.now();
    const response = await p.postSlack(evidenceModal("k-wait", "Firewall rules review"));
    expect(response.json).toBeUndefined();
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(p.records.evidence.all().map((item) => item.title)).toEqual(["Firewall rules review"]);
    await lock.release();
  }, 15_000);
});
