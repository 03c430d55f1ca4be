/**
 * Deliveries that come twice, late or out of order, from both platforms: Slack's retries of one event_id (before and
 * after the first was answered, and ahead of it), Teams redelivering one activity, a form submission replayed after
 * a later change, and old buttons pressed after the record moved on. Each is answered once, or sensibly, and nothing
 * is recorded twice. Slack answers only after its listener finished here, so after each POST all work is done.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RiskRecord } from "../../src/records/types.js";
import { type FaultPlatforms, startFaultPlatforms } from "../support/fault/platforms.js";
import { riskInput } from "../support/records.js";
import {
  blockAction,
  dmMessage,
  eventCallback,
  fakeEventId,
  stateValue,
  viewSubmission,
} from "../support/slack/signed-request.js";
import { cardSubmit, personalMessage, user } from "../support/teams/activities.js";
import { formSubmitData, shownText } from "../support/teams/cards.js";

let p: FaultPlatforms;
beforeAll(async () => {
  p = await startFaultPlatforms();
});
afterAll(() => p.close());
beforeEach(() => {
  p.slack.reset();
  p.connector.reset();
});

const json = (value: unknown) => JSON.stringify(value);
const retry = (n: number) => ({
  headers: { "x-slack-retry-num": String(n), "x-slack-retry-reason": "http_timeout" },
});
const auditOf = (ref: string) => p.records.audit.list(100, ref).map((entry) => entry.action);

function newRisk(owner: string, extra: Partial<RiskRecord> = {}): RiskRecord {
  return p.records.risks.create(
    riskInput({
      title: "Lost laptops",
      owner,
      likelihood: 4,
      impact: 4,
      residualLikelihood: 2,
      residualImpact: 2,
      ...extra,
    }),
    owner,
  );
}

function close(risk: RiskRecord): void {
  const current = p.records.risks.get(risk.ref) as RiskRecord;
  p.records.risks.update(risk.ref, { ...current, status: "closed" }, "test");
}

describe("Slack events delivered more than once", { timeout: 10_000 }, () => {
  it("answers a retried event once, and does its work once", async () => {
    const risk = newRisk("slack:U2");
    const event = eventCallback(dmMessage("U2", `mark ${risk.ref} reviewed`), { eventId: fakeEventId() });
    await Promise.all([p.postSlack(event), p.postSlack(event, retry(1))]);
    expect(p.slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(json(p.slack.callsTo("chat.postMessage")[0]?.args)).toMatch(/marked reviewed/);
    expect(auditOf(risk.ref).filter((action) => action !== "risk.create")).toHaveLength(1);
  });

  it("ignores a retry that arrives after the event was answered", async () => {
    const event = eventCallback(dmMessage("U2", "what does A.8.9 require?"), { eventId: fakeEventId() });
    expect((await p.postSlack(event)).status).toBe(200);
    expect(p.slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect((await p.postSlack(event, retry(1))).status).toBe(200);
    expect((await p.postSlack(event, retry(2))).status).toBe(200);
    expect(p.slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("answers once when the retry overtakes the original", async () => {
    const event = eventCallback(dmMessage("U2", "clause 9.2"), { eventId: fakeEventId() });
    await p.postSlack(event, retry(1));
    await p.postSlack(event);
    expect(p.slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(json(p.slack.callsTo("chat.postMessage")[0]?.args.blocks)).toMatch(/9\.2 Internal audit/);
  });
});

describe("a Slack form replayed after a later change", { timeout: 10_000 }, () => {
  it("is recognised by its key: the later change stands, and nothing is saved twice", async () => {
    const risk = newRisk("slack:U3");
    const update = (key: string, likelihood: string) =>
      p.postSlack(
        viewSubmission(
          "U3",
          "form:update-risk",
          json({ formId: "update-risk", key, context: { risk: risk.ref } }),
          {
            title: { value: stateValue.plainText("Lost laptops") },
            likelihood: { value: stateValue.staticSelect(likelihood) },
            impact: { value: stateValue.staticSelect("4") },
            owner: { value: stateValue.usersSelect("U3") },
            status: { value: stateValue.staticSelect("treating") },
          },
        ),
      );
    expect((await update("first", "5")).json).toBeUndefined();
    expect((await update("second", "2")).json).toBeUndefined();
    expect((await update("first", "5")).json).toBeUndefined(); // the first modal's submission, delivered again
    expect(p.records.risks.get(risk.ref)).toMatchObject({ likelihood: 2, status: "treating" });
    expect(auditOf(risk.ref).filter((action) => action === "risk.update")).toHaveLength(2);
    const said = p.slack.callsTo("chat.postMessage").map((call) => json(call.args));
    expect(said.filter((text) => /Saved: R-\d+/.test(text))).toHaveLength(2);
    expect(said.filter((text) => /Already saved: R-\d+ Lost laptops/.test(text))).toHaveLength(1);
  });
});

describe("old buttons and forms about a risk that moved on", { timeout: 10_000 }, () => {
  const pressAccept = (who: string, ref: string, id: string) =>
    p.postSlack(
      blockAction(who, "ask:0", `accept risk ${ref}`, {
        channel: `D${who}`,
        responseUrl: p.slack.responseUrl(id),
      }),
    );

  it("answers 'accept risk' on a closed risk with what happened, and opens no form", async () => {
    const risk = newRisk("slack:U4");
    close(risk);
    const before = auditOf(risk.ref);
    await pressAccept("U4", risk.ref, "closed");
    expect(p.slack.callsTo("views.open")).toEqual([]);
    const [answer] = p.slack.callsTo("response_url");
    expect(json(answer?.args)).toContain(`${risk.ref} is closed, so there is no residual risk to accept`);
    expect(p.records.risks.get(risk.ref)).toMatchObject({ status: "closed", acceptedBy: null });
    expect(auditOf(risk.ref)).toEqual(before);
  });

  it("refuses an acceptance form that was left open while the risk was closed", async () => {
    const risk = newRisk("slack:U5");
    await pressAccept("U5", risk.ref, "open-form"); // the form opens while the risk is open
    const [opened] = await p.slack.waitFor("views.open", 1, 5000);
    const metadata = String(
      (opened?.args.view as { private_metadata?: string } | undefined)?.private_metadata,
    );
    close(risk);
    const before = auditOf(risk.ref);
    const response = await p.postSlack(
      viewSubmission("U5", "form:accept-risk", metadata, {
        residualLikelihood: { value: stateValue.staticSelect("1") },
        residualImpact: { value: stateValue.staticSelect("1") },
        confirm: { value: stateValue.staticSelect("yes") },
      }),
    );
    expect(response.json).toBeUndefined();
    expect(json(p.slack.callsTo("chat.postMessage").at(-1)?.args)).toContain(`${risk.ref} is closed`);
    expect(p.records.risks.get(risk.ref)).toMatchObject({
      status: "closed",
      acceptedBy: null,
      residualLikelihood: 2,
    });
    expect(auditOf(risk.ref)).toEqual(before);
  });

  it("says an acceptance already given stands, instead of recording it again", async () => {
    const risk = newRisk("slack:U6");
    p.records.risks.accept(risk.ref, { likelihood: 2, impact: 2 }, "slack:U6");
    const before = auditOf(risk.ref);
    await pressAccept("U6", risk.ref, "again");
    expect(p.slack.callsTo("views.open")).toEqual([]);
    expect(json(p.slack.callsTo("response_url")[0]?.args)).toMatch(
      new RegExp(`The residual risk of ${risk.ref} was already accepted by .* on \\d{4}-\\d\\d-\\d\\d`),
    );
    expect(auditOf(risk.ref)).toEqual(before);
  });
});

describe("Teams activities delivered more than once", { timeout: 10_000 }, () => {
  const at = () => ({ serviceUrl: p.connector.url });

  it("saves a form submission delivered twice once, and answers it once", async () => {
    p.records.people.addAdmin("teams:aad-alice", "test");
    const submitted = cardSubmit(
      at(),
      user("alice"),
      {
        isms: "form",
        formId: "submit-evidence",
        key: "t-dup",
        "field:target": "A.8.13",
        "field:title": "DR test",
      },
      { replyToId: "card-dup" },
    );
    await Promise.all([p.postTeams(submitted), p.postTeams(submitted)]);
    await p.postTeams(submitted); // and once more, late
    expect(p.connector.callsTo("update")).toHaveLength(1);
    expect(p.connector.callsTo("send")).toEqual([]);
    expect(shownText(p.connector.callsTo("update")[0])).toMatch(/Saved: E-\d+ DR test/);
    expect(p.records.evidence.all().filter((item) => item.title === "DR test")).toHaveLength(1);
  });

  it("answers a message redelivered after it was answered once", async () => {
    const message = personalMessage(at(), user("bob"), "what replaced A.12.1.2?");
    await p.postTeams(message);
    await p.postTeams(message);
    expect(p.connector.callsTo("send")).toHaveLength(1);
    expect(shownText(p.connector.callsTo("send")[0])).toMatch(/A\.8\.32 Change management/);
  });

  it("opens a fresh form with today's values from an old 'accept' button after the risk changed", async () => {
    const carol = user("carol");
    const risk = newRisk("teams:aad-carol");
    const current = p.records.risks.get(risk.ref) as RiskRecord;
    p.records.risks.update(risk.ref, { ...current, residualLikelihood: 3, residualImpact: 4 }, "test");
    await p.postTeams(cardSubmit(at(), carol, { isms: "ask", ask: `accept risk ${risk.ref}` }));
    const [form] = p.connector.callsTo("send");
    expect(formSubmitData(form)).toMatchObject({ formId: "accept-risk", context: { risk: risk.ref } });
    expect(json(form?.body)).toMatch(/"value":"3"/); // the residual likelihood as it is now

    close(risk);
    p.connector.reset();
    await p.postTeams(cardSubmit(at(), carol, { isms: "ask", ask: `accept risk ${risk.ref}` }));
    expect(shownText(p.connector.callsTo("send")[0])).toContain(`${risk.ref} is closed`);
  });
});
