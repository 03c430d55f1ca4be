/**
 * Slack requests through Bolt's real HTTP receiver. test/adapters/slack covers a wrong signature and a replayed
 * (stale) timestamp; here a body altered after signing, and the one-workspace rule: a person of another workspace
 * (another install, or a Slack Connect channel) is refused politely and nothing reaches the core.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OTHER_WORKSPACE, senderWorkspace } from "../../adapters/slack/workspace.js";
import { SECRET, type SlackHarness, startSlackHarness } from "../adapters/slack/harness.js";
import {
  appMention,
  blockAction,
  dmMessage,
  eventCallback,
  nowSeconds,
  parsePayloadForm,
  payloadForm,
  signSlack,
  slashCommand,
  TEAM_ID,
} from "../support/slack/signed-request.js";
import { fingerprint } from "./support/platforms.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h.close());
beforeEach(() => h.slack.reset());

/** Posts `body` with the given headers in place of the signature the harness would compute for it. */
const postRaw = (body: string, headers: Record<string, string>) => h.post(body, { headers });

describe("a Slack request altered after it was signed", () => {
  it("is refused with 401 and nothing is handled, whether the text, the user or the content type changed", async () => {
    const people = fingerprint(h.records, { people: true });
    const signed = JSON.stringify(eventCallback(dmMessage("U2", "help")));
    const headers = signSlack(signed, SECRET);
    const altered = [
      signed.replace('"help"', '"export soa"'),
      signed.replaceAll('"U2"', '"UADMIN"'),
      `${signed} `,
      signed.slice(0, -1),
    ];
    for (const body of altered) expect((await postRaw(body, headers)).status).toBe(401);
    // The signature covers the timestamp too: the same body with a fresh timestamp and the old signature is refused.
    const later = { ...headers, "x-slack-request-timestamp": String(nowSeconds() + 1) };
    expect((await postRaw(signed, later)).status).toBe(401);
    // A signature from a timestamp more than five minutes old is refused even when it is right.
    const replayed = signSlack(signed, SECRET, nowSeconds() - 6 * 60);
    expect((await postRaw(signed, replayed)).status).toBe(401);
    expect(h.slack.calls).toEqual([]);
    expect(fingerprint(h.records, { people: true })).toBe(people);
    // And the untouched request still goes through.
    expect((await postRaw(signed, headers)).status).toBe(200);
    expect(h.slack.callsTo("chat.postMessage")).toHaveLength(1);
  });
});

describe("a person of another Slack workspace", () => {
  const other = <T extends object>(payload: T): T =>
    JSON.parse(JSON.stringify(payload).replaceAll(`"${TEAM_ID}"`, '"T0THER"')) as T;

  it("mentioning the bot in a Slack Connect channel is told privately that it serves another workspace", async () => {
    const before = fingerprint(h.records, { people: true });
    // Delivered to our install (the envelope says T1), but the person's own workspace is another.
    const mention = { ...appMention("UEXT00001", "C1SHARED", "audit log"), user_team: "T0THER" };
    await h.post(eventCallback(mention));
    expect(h.slack.callsTo("chat.postMessage")).toEqual([]);
    const [note] = h.slack.callsTo("chat.postEphemeral");
    expect(note?.args).toMatchObject({ channel: "C1SHARED", user: "UEXT00001", text: OTHER_WORKSPACE });
    expect(fingerprint(h.records, { people: true })).toBe(before);
  });

  it("using /isms or a button is answered with the same refusal, and nothing else happens", async () => {
    const before = fingerprint(h.records, { people: true });
    const form = slashCommand("soa", "UADMIN", { command: "/isms" }).replace(
      `team_id=${TEAM_ID}`,
      "team_id=T0THER",
    );
    const command = await h.post(form);
    expect(command.json).toEqual({ response_type: "ephemeral", text: OTHER_WORKSPACE });
    const responseUrl = h.slack.responseUrl("button");
    const press = payloadForm(
      other(parsePayloadForm(blockAction("UADMIN", "ask:1", "export soa", { responseUrl }))),
    );
    expect((await h.post(press)).status).toBe(200);
    const [told] = await h.slack.waitFor("response_url");
    expect(told?.args).toMatchObject({ response_type: "ephemeral", text: OTHER_WORKSPACE });
    expect(h.slack.calls.map((call) => call.method)).toEqual(["response_url"]);
    expect(fingerprint(h.records, { people: true })).toBe(before);
  });

  it("is recognised from the person's own workspace first, then from where the request came", () => {
    expect(senderWorkspace({ team_id: "T1", event: { user_team: "T2", team: "T1" } })).toBe("T2");
    expect(senderWorkspace({ team_id: "T1", event: { team: "T3" } })).toBe("T3");
    expect(senderWorkspace({ team: { id: "T1" }, user: { team_id: "T4" } })).toBe("T4");
    expect(senderWorkspace({ team_id: "T5" })).toBe("T5");
    expect(senderWorkspace({})).toBeUndefined();
  });
});

describe("the workspace served", () => {
  it("is the bot token's own, asked of auth.test once", async () => {
    const fresh = await startSlackHarness();
    try {
      await fresh.post(eventCallback(dmMessage("U1", "help")));
      await fresh.post(eventCallback(dmMessage("U1", "clause 9.2")));
      expect(fresh.slack.callsTo("auth.test")).toHaveLength(1);
      expect(fresh.slack.callsTo("chat.postMessage")).toHaveLength(2);
    } finally {
      await fresh.close();
    }
  });
});
