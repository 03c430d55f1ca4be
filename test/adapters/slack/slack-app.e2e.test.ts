import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { riskInput } from "../../support/records.js";
import {
  appHomeOpened,
  appMention,
  blockAction,
  blockSuggestion,
  dmMessage,
  eventCallback,
  fakeEventId,
  globalShortcut,
  messageShortcut,
  nowSeconds,
  slashCommand,
  stateValue,
  viewSubmission,
} from "../../support/slack/signed-request.js";
import { type SlackHarness, startSlackHarness } from "./harness.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h.close());
beforeEach(() => h.slack.reset());

const json = (value: unknown) => JSON.stringify(value);
/** The modal the app last opened: its callback id and private metadata. */
async function openedModal() {
  const [call] = (await h.slack.waitFor("views.open")).slice(-1);
  const view = call?.args.view as {
    callback_id: string;
    private_metadata: string;
    blocks: { block_id?: string; element?: { initial_value?: string } }[];
  };
  return view;
}

describe("questions in Slack", () => {
  it("answers a DM in its thread", async () => {
    const message = dmMessage("U1", "what does A.8.9 require?");
    const response = await h.post(eventCallback(message));
    expect(response.status).toBe(200);
    const [post] = await h.slack.waitFor("chat.postMessage");
    expect(post?.args.channel).toBe("DU1");
    expect(post?.args.thread_ts).toBe(message.ts);
    expect(json(post?.args.blocks)).toMatch(/A\.8\.9 Configuration management/);
  });

  it("answers an @mention in the channel thread, without the mention", async () => {
    const mention = appMention("U1", "C1", "<@UBOT> can I work from a café on my laptop?");
    await h.post(eventCallback(mention));
    const [post] = await h.slack.waitFor("chat.postMessage");
    expect(post?.args).toMatchObject({ channel: "C1", thread_ts: mention.ts });
    expect(json(post?.args.blocks)).toMatch(/A\.6\.7 Remote working/);
  });

  it("answers one event once, however often Slack delivers it", async () => {
    const event = eventCallback(dmMessage("U1", "clause 9.2"), { eventId: fakeEventId() });
    await h.post(event);
    await h.post(event, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    await h.post(event, { headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" } });
    await h.slack.waitFor("chat.postMessage");
    expect(h.slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("refuses badly signed and stale requests with 401, and does nothing", async () => {
    const bad = await h.post(eventCallback(dmMessage("U1", "help")), { badSignature: true });
    const stale = await h.post(eventCallback(dmMessage("U1", "help")), { timestamp: nowSeconds() - 400 });
    expect([bad.status, stale.status]).toEqual([401, 401]);
    expect(h.slack.calls).toEqual([]);
  });
});

describe("the /isms command", () => {
  it("answers in the channel when the answer is public", async () => {
    const response = await h.post(slashCommand("control A.8.9", "U1", { command: "/isms" }));
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ response_type: "in_channel" });
    expect(json(response.json)).toMatch(/A\.8\.9 Configuration management/);
  });

  it("answers privately what the core marks private", async () => {
    const response = await h.post(slashCommand("my", "U1", { command: "/isms" }));
    expect(response.json).toMatchObject({ response_type: "ephemeral" });
    expect(json(response.json)).toMatch(/no open items/);
  });

  it("opens the risk form as a modal at once", async () => {
    await h.post(slashCommand("risk lost laptops", "U1", { command: "/isms" }));
    const view = await openedModal();
    expect(view.callback_id).toBe("form:new-risk");
    expect(json(view.blocks)).toMatch(/Lost laptops/);
  });
});

describe("forms in modals", () => {
  it("shows a wrong field in the modal, then saves the corrected form once", async () => {
    h.records.people.addAdmin("slack:U1", "test");
    await h.post(slashCommand("evidence A.8.13", "U1", { command: "/isms" }));
    const view = await openedModal();
    expect(view.callback_id).toBe("form:submit-evidence");
    const submit = (target: string) =>
      h.post(
        viewSubmission("U1", view.callback_id, view.private_metadata, {
          target: { value: stateValue.plainText(target) },
          title: { value: stateValue.plainText("Restore test Q4") },
          link: { value: { type: "url_text_input", value: "https://wiki.example.com/restore" } },
        }),
      );
    const wrong = await submit("A.9.9");
    expect(wrong.json).toMatchObject({
      response_action: "errors",
      errors: { target: expect.stringMatching(/A\.9\.9 is not an Annex A control/) },
    });
    expect(h.records.evidence.all()).toEqual([]);
    expect((await submit("A.8.13")).status).toBe(200);
    expect((await submit("A.8.13")).status).toBe(200); // a double click on Submit
    expect(h.records.evidence.all().map((item) => [item.ref, item.target, item.submittedBy])).toEqual([
      ["E-001", "A.8.13", "slack:U1"],
    ]);
    const [confirmation] = await h.slack.waitFor("chat.postMessage");
    expect(json(confirmation?.args)).toMatch(/Saved: E-001 Restore test Q4/);
    await h.slack.waitFor("views.publish"); // the Home tab is republished with the new items
  });

  it("turns any message into prefilled evidence with its permalink, and saves it", async () => {
    h.records.people.addAdmin("slack:U1", "test");
    const message = {
      text: "Backup restore test passed for the CRM database",
      ts: "1700000500.000200",
      user: "U2",
    };
    await h.post(messageShortcut("U1", "save_as_evidence", message, { channel: "C7" }));
    const view = await openedModal();
    const permalink = "https://example.slack.com/archives/C7/p1700000500000200";
    expect(json(view.blocks)).toContain(permalink);
    await h.post(
      viewSubmission("U1", view.callback_id, view.private_metadata, {
        target: { value: stateValue.plainText("A.8.13") },
        title: { value: stateValue.plainText(message.text) },
        link: { value: { type: "url_text_input", value: permalink } },
      }),
    );
    const saved = h.records.evidence.all().at(-1);
    expect(saved).toMatchObject({ target: "A.8.13", link: permalink, title: message.text });
  });

  it("loads control options as the person types", async () => {
    const response = await h.post(blockSuggestion("U1", "value", "controls", "backup", "V9"));
    expect(json(response.json)).toMatch(/"value":"A\.8\.13"/);
  });

  it("opens the risk form from the global shortcut", async () => {
    await h.post(globalShortcut("U1", "log_risk"));
    expect((await openedModal()).callback_id).toBe("form:new-risk");
  });

  it("answers a button press as if the person had typed it", async () => {
    await h.post(
      blockAction("U1", "ask:0", "A.8.13", { channel: "DU1", responseUrl: h.slack.responseUrl("b1") }),
    );
    const [answer] = await h.slack.waitFor("response_url");
    expect(json(answer?.args.blocks)).toMatch(/A\.8\.13 Information backup/);
  });
});

describe("privacy and the Home tab", () => {
  it("answers a risk privately when it is asked for in a channel", async () => {
    const risk = h.records.risks.create(
      riskInput({ title: "Payroll DB exposed", likelihood: 5, impact: 5, owner: "slack:U3" }),
      "slack:U3",
    );
    await h.post(eventCallback(appMention("U3", "C1", `<@UBOT> show ${risk.ref}`)));
    const [ephemeral] = await h.slack.waitFor("chat.postEphemeral");
    expect(ephemeral?.args).toMatchObject({ channel: "C1", user: "U3" });
    expect(json(ephemeral?.args.blocks)).toMatch(/Payroll DB exposed/);
    expect(h.slack.callsTo("chat.postMessage")).toEqual([]);
  });

  it("publishes the person's Home tab when they open it", async () => {
    await h.post(eventCallback(appHomeOpened("U1")));
    const [publish] = await h.slack.waitFor("views.publish");
    expect(publish?.args.user_id).toBe("U1");
    expect(json(publish?.args.view)).toMatch(/Quick actions/);
  });
});

describe("when Slack's Web API fails", () => {
  it("waits out a rate limit and delivers the answer once", async () => {
    h.slack.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    await h.post(eventCallback(dmMessage("U1", "A.5.1")));
    const calls = h.slack.callsTo("chat.postMessage");
    expect(calls.map((call) => Boolean(call.failed))).toEqual([true, false]);
    expect(json(calls[1]?.args.blocks)).toMatch(/A\.5\.1 Policies for information security/);
  });

  it("apologises to the person when Slack refuses the answer", async () => {
    h.slack.failNext("chat.postMessage", { error: "channel_not_found" });
    await h.post(eventCallback(appMention("U1", "C9", "<@UBOT> A.5.1")));
    const [apology] = await h.slack.waitFor("chat.postEphemeral");
    expect(apology?.args).toMatchObject({
      channel: "C9",
      user: "U1",
      text: expect.stringMatching(/^Sorry, Slack did not take my answer/),
    });
  });
});

describe("exports", () => {
  it("are uploaded as a file to the admin's DM", async () => {
    h.records.people.addAdmin("slack:U1", "test");
    await h.post(slashCommand("soa", "U1", { command: "/isms" }));
    const [complete] = await h.slack.waitFor("files.completeUploadExternal");
    const [asked] = h.slack.callsTo("files.getUploadURLExternal");
    expect(asked?.args.filename).toMatch(/^statement-of-applicability-\d{12}\.xlsx$/);
    expect(complete?.args.channel_id).toBe("DU1");
    expect([...h.slack.uploads.values()][0]?.subarray(0, 2).toString()).toBe("PK"); // an XLSX is a zip file
  });
});

describe("answers that must find their way", () => {
  it("answers a button through its response_url, which works where the bot is not a member", async () => {
    await h.post(
      blockAction("U1", "ask:0", "A.8.13", { channel: "C55", responseUrl: h.slack.responseUrl("r1") }),
    );
    const [answer] = await h.slack.waitFor("response_url");
    expect(answer?.id).toBe("r1");
    expect(JSON.stringify(answer?.args)).toMatch(/A\.8\.13 Information backup/);
    expect(h.slack.callsTo("chat.postMessage")).toEqual([]);
  });

  it("answers a Home-tab button in the person's DM", async () => {
    await h.post(blockAction("UNEW", "ask:1", "risks above appetite", { viewId: "VHOME" }));
    const [post] = await h.slack.waitFor("chat.postMessage");
    expect(post?.args.channel).toBe("DUNEW");
  });

  it("keeps a private answer to a mention in its thread", async () => {
    const mention = { ...appMention("U1", "C1", "<@UBOT> my open items"), thread_ts: "1700000001.000100" };
    await h.post(eventCallback(mention));
    const [ephemeral] = await h.slack.waitFor("chat.postEphemeral");
    expect(ephemeral?.args.thread_ts).toBe("1700000001.000100");
  });

  it("still opens the evidence form when Slack refuses the message's permalink", async () => {
    h.records.people.addAdmin("slack:U1", "test");
    h.slack.failNext("chat.getPermalink", { error: "channel_not_found" });
    await h.post(
      messageShortcut(
        "U1",
        "save_as_evidence",
        { text: "Pen test report attached", ts: "1700000600.000100", user: "U2" },
        { channel: "G123" },
      ),
    );
    const view = await openedModal();
    expect(JSON.stringify(view.blocks)).toMatch(/Pen test report attached/);
  });

  it("tells the person when a form behind a button is refused", async () => {
    await h.post(
      blockAction("U7", "open_form", JSON.stringify({ formId: "update-risk", context: { risk: "R-404" } }), {
        channel: "C1",
      }),
    );
    const [told] = await h.slack.waitFor("chat.postMessage");
    expect(told?.args.channel).toBe("DU7");
    expect(JSON.stringify(told?.args.blocks)).toMatch(/There is no risk R-404 that you can see/);
  });

  it("takes '/isms risk about …' as the risk's title", async () => {
    await h.post(slashCommand("risk about phishing mails", "U1", { command: "/isms" }));
    const view = await openedModal();
    expect(JSON.stringify(view.blocks)).toMatch(/"initial_value":"Phishing mails"/);
  });
});

describe("the Home tab after a change", () => {
  it("is republished for the person whose items changed, not only for who made the change", async () => {
    h.records.people.addAdmin("slack:U1", "test");
    await h.post(slashCommand("risk about stolen badges", "U1", { command: "/isms" }));
    const view = await openedModal();
    await h.post(
      viewSubmission("U1", view.callback_id, view.private_metadata, {
        title: { value: stateValue.plainText("Stolen badges") },
        likelihood: { value: stateValue.staticSelect("3") },
        impact: { value: stateValue.staticSelect("3") },
        owner: { value: stateValue.usersSelect("UOWNER1") },
      }),
    );
    const published = (await h.slack.waitFor("views.publish", 2)).map((call) => call.args.user_id);
    expect(new Set(published)).toEqual(new Set(["U1", "UOWNER1"]));
    expect(h.records.risks.all().at(-1)).toMatchObject({ title: "Stolen badges", owner: "slack:UOWNER1" });
  });
});
