/**
 * The Teams app end to end: activities POSTed to the real botbuilder CloudAdapter behind a Node http server on
 * loopback, a real core on a SQLite file, and the answers caught by a fake Bot Connector.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SENT_PRIVATELY } from "../../../adapters/teams/deliver.js";
import { SEARCH_HINT } from "../../../adapters/teams/handlers/search-extension.js";
import { createTeamsApp, TEAMS_SURFACES, TeamsConfigError } from "../../../adapters/teams/teams-app.js";
import { DeliveryError } from "../../../src/scheduling/delivery-error.js";
import { riskInput } from "../../support/records.js";
import {
  addedToTeam,
  BOT,
  cardSubmit,
  channelMention,
  extensionQuery,
  installedPersonally,
  OTHER_TENANT,
  personalChat,
  personalMessage,
  TEAM_CHANNEL,
  user,
} from "../../support/teams/activities.js";
import { buttonData, cardsOf, formSubmitData, shownText } from "../../support/teams/cards.js";
import { EXPORT_BASE, startTeamsHarness, type TeamsHarness } from "./harness.js";

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(() => h.close());
beforeEach(() => h.connector.reset());

const at = () => ({ serviceUrl: h.connector.url });
const reply = {
  text: "Reminder",
  visibility: "private" as const,
  blocks: [{ type: "heading" as const, text: "Your ISMS reminders" }],
};

describe("questions in Teams", () => {
  it("answers a 1:1 message with an Adaptive Card, replying to it", async () => {
    const message = personalMessage(at(), user("alice"), "what does A.8.9 require?");
    const response = await h.post(message);
    expect(response.status).toBe(200);
    const [sent] = await h.connector.waitFor("send");
    expect(sent).toMatchObject({ conversationId: personalChat(user("alice")).id, activityId: message.id });
    expect(cardsOf(sent)[0]).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(shownText(sent)).toMatch(/A\.8\.9 Configuration management/);
    expect(sent?.authorization).toBeUndefined(); // no app id: nothing is signed, nothing asks Microsoft for a token
  });

  it("answers an @mention in the channel's thread, without the mention", async () => {
    const mention = channelMention(at(), user("alice"), "can I work from a café on my laptop?");
    await h.post(mention);
    const [sent] = await h.connector.waitFor("send");
    expect(sent).toMatchObject({ conversationId: mention.conversation.id, activityId: mention.id });
    expect(shownText(sent)).toMatch(/A\.6\.7 Remote working/);
  });

  it("stays out of channel messages that do not mention it", async () => {
    const chatter = { ...channelMention(at(), user("alice"), "lunch?"), entities: [], text: "lunch?" };
    expect((await h.post(chatter)).status).toBe(200);
    expect(h.connector.calls).toEqual([]);
  });

  it("answers one activity once, however often Teams delivers it", async () => {
    const message = personalMessage(at(), user("alice"), "clause 9.2");
    await h.post(message);
    await h.post(message);
    await h.connector.waitFor("send");
    expect(h.connector.callsTo("send")).toHaveLength(1);
  });

  it("answers a button press as if the person had typed what it says", async () => {
    await h.post(personalMessage(at(), user("alice"), "help"));
    const [help] = await h.connector.waitFor("send");
    h.connector.reset();
    await h.post(cardSubmit(at(), user("alice"), buttonData(help, "List the clauses")));
    const [answer] = await h.connector.waitFor("send");
    expect(shownText(answer)).toMatch(/Clause 4 Context of the organization/);
  });

  it("shows text from the records exactly as typed, never as a markdown link", async () => {
    const risk = h.records.risks.create(
      riskInput({ title: "[Click me](https://evil.example) **now**", owner: "teams:aad-alice" }),
      "teams:aad-alice",
    );
    await h.post(personalMessage(at(), user("alice"), `show ${risk.ref}`));
    const [sent] = await h.connector.waitFor("send");
    expect(shownText(sent)).toContain("[Click me](https://evil.example) **now**");
    expect(JSON.stringify(cardsOf(sent))).not.toContain('"TextBlock"'); // every text is a TextRun: never markdown
  });
});

describe("forms in cards", () => {
  it("shows a wrong field on the same card, then saves the corrected form once", async () => {
    const alice = user("alice");
    await h.post(personalMessage(at(), alice, "log a risk about lost laptops"));
    const [formCard] = await h.connector.waitFor("send");
    const data = formSubmitData(formCard);
    const cardId = "act-form-1";
    const submit = (values: Record<string, string>) =>
      h.post(cardSubmit(at(), alice, { ...data, ...values }, { replyToId: cardId }));

    await submit({ "field:title": "Lost laptops", "field:likelihood": "3", "field:impact": "9" });
    const [refused] = await h.connector.waitFor("update");
    expect(refused?.activityId).toBe(cardId);
    expect(shownText(refused)).toMatch(/9 is not a valid choice/);
    expect(shownText(refused)).toMatch(/Risk owner is required/);
    expect(formSubmitData(refused).key).toBe(data.key); // the same card instance keeps its key
    expect(h.records.risks.all().filter((risk) => risk.title === "Lost laptops")).toEqual([]);

    h.connector.reset();
    const valid = {
      "field:title": "Lost laptops",
      "field:likelihood": "3",
      "field:impact": "4",
      "field:owner": "teams:aad-alice",
      "field:properties": "C,A",
      "field:controls": "A.8.1,A.8.24",
    };
    await submit(valid);
    await submit(valid); // a double click on Submit
    const [saved, again] = await h.connector.waitFor("update", 2);
    expect(shownText(saved)).toMatch(/Saved: R-\d+ Lost laptops/);
    expect(shownText(again)).toMatch(/Already saved/);
    const risks = h.records.risks.all().filter((risk) => risk.title === "Lost laptops");
    expect(risks.map((risk) => [risk.owner, risk.properties, risk.controls, risk.createdBy])).toEqual([
      ["teams:aad-alice", ["C", "A"], ["A.8.1", "A.8.24"], "teams:aad-alice"],
    ]);
  });

  it("sends the form anew when Teams will not update the card in place", async () => {
    const dave = user("dave");
    await h.post(personalMessage(at(), dave, "log a risk"));
    const data = formSubmitData((await h.connector.waitFor("send"))[0]);
    h.connector.reset();
    h.connector.failNext("update", { status: 404, code: "NotFound" });
    await h.post(cardSubmit(at(), dave, { ...data, "field:title": "" }, { replyToId: "act-gone" }));
    const [sent] = await h.connector.waitFor("send");
    expect(shownText(sent)).toMatch(/Title is required/);
  });

  it("opens a form from a button in a channel in the person's 1:1 chat", async () => {
    const erin = user("erin");
    const conversation = channelMention(at(), erin, "x").conversation;
    await h.post(cardSubmit(at(), erin, { isms: "ask", ask: "log a risk" }, { conversation }));
    const [created] = await h.connector.waitFor("create");
    const sends = await h.connector.waitFor("send", 2);
    const form = sends.find((call) => call.conversationId === created?.conversationId);
    expect(formSubmitData(form).formId).toBe("new-risk");
    expect(sends.find((call) => call.conversationId === conversation.id)?.body.text).toBe(SENT_PRIVATELY);
  });
});

describe("privacy", () => {
  it("answers a risk asked about in a channel in the person's 1:1 chat, with a note in the channel", async () => {
    const frank = user("frank");
    const risk = h.records.risks.create(
      riskInput({ title: "Payroll DB exposed", likelihood: 5, impact: 5, owner: "teams:aad-frank" }),
      "teams:aad-frank",
    );
    const mention = channelMention(at(), frank, `show ${risk.ref}`);
    await h.post(mention);
    const [created] = await h.connector.waitFor("create");
    expect(created?.body).toMatchObject({
      isGroup: false,
      bot: { id: BOT.id },
      members: [{ id: frank.id }],
      tenantId: "tenant-contoso",
    });
    const sends = await h.connector.waitFor("send", 2);
    const privately = sends.filter((call) => call.conversationId === created?.conversationId);
    const inChannel = sends.filter((call) => call.conversationId === mention.conversation.id);
    expect(shownText(privately[0])).toMatch(/Payroll DB exposed/);
    expect(inChannel.map((call) => call.body.text)).toEqual([SENT_PRIVATELY]);
    expect(inChannel.map(shownText).join("\n")).not.toMatch(/Payroll/);

    // The 1:1 chat is kept: the next private answer goes there without opening another.
    h.connector.reset();
    await h.post(channelMention(at(), frank, "my open items"));
    const [next] = await h.connector.waitFor("send", 2);
    expect(h.connector.callsTo("create")).toEqual([]);
    expect(next?.conversationId).toBe(created?.conversationId);
  });

  it("refuses an activity from another tenant politely, and does nothing with it", async () => {
    const mallory = user("mallory");
    await h.post(personalMessage({ ...at(), tenant: OTHER_TENANT }, mallory, "show R-001"));
    const [sent] = await h.connector.waitFor("send");
    expect(sent?.body.text).toMatch(/serves another organisation/);
    expect(cardsOf(sent)).toEqual([]);
    expect(h.records.people.get("teams:aad-mallory")).toBeUndefined();
    expect(h.app.reaches("teams:aad-mallory")).toBe(false);
    const search = await h.post(extensionQuery({ ...at(), tenant: OTHER_TENANT }, mallory, "backups"));
    expect(search.json).toEqual({
      composeExtension: { type: "message", text: expect.stringMatching(/another/) },
    });
  });
});

describe("the messaging extension", () => {
  it("answers a search with result cards and previews", async () => {
    const response = await h.post(extensionQuery(at(), user("alice"), "backups"));
    expect(response.status).toBe(200);
    const result = (
      response.json as { composeExtension: { type: string; attachments: Record<string, unknown>[] } }
    ).composeExtension;
    expect(result.type).toBe("result");
    const [first] = result.attachments;
    expect(first).toMatchObject({
      contentType: "application/vnd.microsoft.card.adaptive",
      content: { type: "AdaptiveCard", version: "1.5" },
      preview: {
        contentType: "application/vnd.microsoft.card.thumbnail",
        content: { title: "A.8.13 Information backup" },
      },
    });
    expect(JSON.stringify(first?.content)).toMatch(/What auditors usually ask to see/);
    expect(h.connector.calls).toEqual([]); // answered in the HTTP response, nothing posted
  });

  it("answers an empty search with a hint, and the first run too", async () => {
    const empty = await h.post(extensionQuery(at(), user("alice"), "  "));
    expect(empty.json).toEqual({ composeExtension: { type: "message", text: SEARCH_HINT } });
    const opened = extensionQuery(at(), user("alice"), "");
    opened.value = { commandId: "searchControls", parameters: [{ name: "initialRun", value: "true" }] };
    expect((await h.post(opened)).json).toEqual({ composeExtension: { type: "message", text: SEARCH_HINT } });
  });

  it("declares the same commands it answers", () => {
    expect(h.app.commands).toEqual({
      bot: TEAMS_SURFACES.botCommands.map((command) => command.title),
      messagingExtension: ["searchControls"],
    });
  });
});

describe("proactive messages", () => {
  it("keeps the 1:1 chat when the app is installed, and delivers a reminder there", async () => {
    const bob = user("bob");
    expect(h.app.reaches("teams:aad-bob")).toBe(false);
    await h.post(installedPersonally(at(), bob));
    expect(h.app.reaches("teams:aad-bob")).toBe(true);
    await h.app.send("teams:aad-bob", reply);
    const [sent] = await h.connector.waitFor("send");
    expect(sent?.conversationId).toBe(personalChat(bob).id);
    expect(shownText(sent)).toMatch(/Your ISMS reminders/);
  });

  it("reaches team members added with the app through a new 1:1 chat, never the channel", async () => {
    const grace = user("grace");
    await h.post(addedToTeam(at(), user("henry"), [grace]));
    expect(h.app.reaches("teams:aad-grace")).toBe(true);
    expect(h.app.reaches("teams:aad-henry")).toBe(true); // who installed it
    await h.app.send("teams:aad-grace", reply);
    const [created] = await h.connector.waitFor("create");
    expect(created?.body).toMatchObject({ members: [{ id: grace.id }] });
    const [sent] = await h.connector.waitFor("send");
    expect(sent?.conversationId).toBe(created?.conversationId);
    expect(h.connector.calls.some((call) => call.conversationId === TEAM_CHANNEL)).toBe(false);
    expect(JSON.parse(h.references.get("teams:aad-grace") ?? "{}")).toMatchObject({
      conversation: { id: created?.conversationId, conversationType: "personal" },
    });
  });

  it("says who cannot be reached, without trying", async () => {
    await expect(h.app.send("teams:aad-nobody", reply)).rejects.toMatchObject({
      kind: "unreachable",
      message: "teams:aad-nobody has not installed the app or spoken to it yet",
    });
    await expect(h.app.send("slack:U1", reply)).rejects.toMatchObject({ kind: "unreachable" });
    expect(h.connector.calls).toEqual([]);
  });

  it("turns Teams' refusals into delivery errors the paced sender understands", async () => {
    await h.post(installedPersonally(at(), user("ivan")));
    const failure = async () => {
      try {
        await h.app.send("teams:aad-ivan", reply);
      } catch (error) {
        return error as DeliveryError;
      }
      throw new Error("the send did not fail");
    };
    // botbuilder itself retries a 429 three times, waiting its Retry-After (0 s here): the fourth refusal counts.
    h.connector.failNext("send", { status: 429, retryAfter: 0, code: "Throttled" }, 4);
    expect(await failure()).toMatchObject({ kind: "rate-limited", retryAfterMs: 0 });
    expect(h.connector.callsTo("send")).toHaveLength(4);
    h.connector.failNext("send", { status: 412, code: "PreconditionFailed" });
    expect(await failure()).toMatchObject({
      kind: "server",
      message: "Teams answered HTTP 412 (PreconditionFailed)",
    });
    h.connector.failNext("send", { status: 403, code: "ConversationBlockedByUser" });
    const blocked = await failure();
    expect(blocked).toBeInstanceOf(DeliveryError);
    expect(blocked).toMatchObject({ kind: "unreachable" });
  });

  it("delivers once after a passing server error, which botbuilder retries by itself", async () => {
    await h.post(installedPersonally(at(), user("judy")));
    h.connector.reset();
    h.connector.failNext("send", { status: 500 });
    await h.app.send("teams:aad-judy", reply);
    expect(h.connector.callsTo("send").map((call) => Boolean(call.failed))).toEqual([true, false]);
  });
});

describe("exports", () => {
  it("offer a download link in the admin's 1:1 chat", async () => {
    h.records.people.addAdmin("teams:aad-kim", "test");
    await h.post(personalMessage(at(), user("kim"), "export soa"));
    const [sent] = await h.connector.waitFor("send");
    const download = JSON.stringify(cardsOf(sent));
    expect(download).toMatch(/"type":"Action.OpenUrl"/);
    expect(download).toContain(`"url":"${EXPORT_BASE}statement-of-applicability-`);
  });
});

describe("the HTTP endpoint", () => {
  it("refuses what is not a POSTed JSON activity", async () => {
    const badJson = await fetch(h.url, {
      method: "POST",
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(badJson.status).toBe(400);
    const get = await fetch(h.url);
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    expect(h.connector.calls).toEqual([]);
  });
});

describe("when Teams refuses an answer", () => {
  it("apologises to the person, and logs no more than the failure", async () => {
    h.connector.failNext("send", { status: 400, code: "BadArgument" });
    await h.post(personalMessage(at(), user("lena"), "A.5.1"));
    const [apology] = await h.connector.waitFor("send");
    expect(apology?.body.text).toMatch(/^Sorry, Teams did not take my answer/);
    expect(h.logs.at(-1)).toBe("isms-bot Teams turn failed: Teams answered HTTP 400 (BadArgument)");
  });

  it("does not claim to have answered privately when the 1:1 chat cannot be opened", async () => {
    h.records.risks.create(riskInput({ title: "Badge cloning", owner: "teams:aad-mona" }), "teams:aad-mona");
    h.connector.failNext("create", { status: 403, code: "Forbidden" });
    await h.post(channelMention(at(), user("mona"), "my open items"));
    const [apology] = await h.connector.waitFor("send");
    expect(apology?.body.text).toMatch(/^Sorry, Teams did not take my answer/);
    expect(h.connector.callsTo("send").map((call) => call.body.text)).not.toContain(SENT_PRIVATELY);
  });
});

describe("authentication", () => {
  it("refuses an unauthenticated request with 401 when an app id is set, and does nothing", async () => {
    const secured = await startTeamsHarness({
      appId: "00000000-0000-0000-0000-000000000001",
      appPassword: "not-a-real-secret",
      appType: "SingleTenant",
      tenantId: "tenant-contoso",
      allowUnauthenticated: false,
    });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined); // botbuilder logs the refusal
    try {
      const response = await secured.post(
        personalMessage({ serviceUrl: secured.connector.url }, user("alice"), "help"),
      );
      expect(response.status).toBe(401);
      const forged = await secured.post(
        personalMessage({ serviceUrl: secured.connector.url }, user("alice"), "help"),
        {
          authorization: "Bearer not.a.token",
        },
      );
      expect(forged.status).toBe(401);
      expect(secured.connector.calls).toEqual([]);
      expect(secured.records.people.get("teams:aad-alice")).toBeUndefined();
    } finally {
      quiet.mockRestore();
      await secured.close();
    }
  });

  it("will not start without an app id unless unauthenticated requests are allowed explicitly", () => {
    const core = {
      handle: vi.fn(),
      lookup: vi.fn(),
      claimDelivery: vi.fn(),
      references: { save: vi.fn(), get: vi.fn() },
    };
    expect(() => createTeamsApp(core, { appType: "SingleTenant", allowUnauthenticated: false })).toThrow(
      TeamsConfigError,
    );
    expect(() =>
      createTeamsApp(core, {
        appId: "id",
        appPassword: "secret",
        appType: "SingleTenant",
        allowUnauthenticated: false,
      }),
    ).toThrow(/needs its tenant id/);
    expect(() => createTeamsApp(core, { appType: "SingleTenant", allowUnauthenticated: true })).not.toThrow();
  });
});
