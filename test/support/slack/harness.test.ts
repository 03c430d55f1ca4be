/**
 * Tests of the offline Slack harness itself: the fake Web API against the real WebClient, the request
 * signing against Bolt's own verifier, and the payload builders through a real Bolt App (HTTPReceiver).
 */
import type { AddressInfo } from "node:net";
import { App, LogLevel, verifySlackRequest } from "@slack/bolt";
import { type WebAPIPlatformError, WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeSlackApi, startFakeSlackApi } from "./fake-slack-api.js";
import {
  appHomeOpened,
  appMention,
  BOT_ID,
  BOT_USER_ID,
  blockAction,
  blockSuggestion,
  dmMessage,
  eventCallback,
  globalShortcut,
  messageShortcut,
  nowSeconds,
  parsePayloadForm,
  postToSlackApp,
  signSlack,
  slashCommand,
  stateValue,
  viewSubmission,
} from "./signed-request.js";

const SECRET = "test-signing-secret";

describe("fake Slack Web API with the real WebClient", () => {
  let fake: FakeSlackApi;
  let client: WebClient;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    client = new WebClient("xoxb-test", {
      slackApiUrl: fake.url,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it("records chat.postMessage with the bearer token and parsed blocks", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*A.5.1* Policies" } }];
    const first = await client.chat.postMessage({ channel: "C1", text: "A.5.1", blocks });
    const second = await client.chat.postMessage({ channel: "C1", text: "again" });

    expect(first.ts).toBe("1700000000.000100");
    expect(first.channel).toBe("C1");
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    const [call] = fake.callsTo("chat.postMessage");
    expect(call?.token).toBe("xoxb-test");
    expect(call?.args.channel).toBe("C1");
    expect(call?.args.blocks).toEqual(blocks);
  });

  it("answers the other methods adapters use", async () => {
    fake.setUser({ id: "U1", real_name: "Ada Lovelace", email: "ada@example.com" });

    const eph = await client.chat.postEphemeral({ channel: "C1", user: "U1", text: "only you" });
    expect(eph.message_ts).toMatch(/^1700000000\.\d{6}$/);
    const dm = await client.conversations.open({ users: "U1" });
    expect(dm.channel?.id).toBe("DU1");
    const info = await client.users.info({ user: "U1" });
    expect(info.user?.tz).toBe("Europe/Berlin");
    expect(info.user?.profile?.email).toBe("ada@example.com");
    expect(info.user?.real_name).toBe("Ada Lovelace");
    await expect(client.users.info({ user: "U404" })).rejects.toMatchObject({
      data: { error: "user_not_found" },
    });
    const link = await client.chat.getPermalink({ channel: "C1", message_ts: "1700000000.000200" });
    expect(link.permalink).toBe("https://example.slack.com/archives/C1/p1700000000000200");
    const view = {
      type: "modal" as const,
      callback_id: "risk_submit",
      title: { type: "plain_text" as const, text: "Risk" },
      blocks: [],
    };
    const opened = await client.views.open({ trigger_id: "1.2.3", view });
    expect(opened.view).toMatchObject({ id: "V1", callback_id: "risk_submit" });
    expect(fake.callsTo("views.open")[0]?.args.view).toEqual(view);
    const updated = await client.views.update({ view_id: "V1", view });
    expect(updated.view?.id).toBe("V1");
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ user_id: BOT_USER_ID, bot_id: BOT_ID, team_id: "T1" });
  });

  it("records files.uploadV2 as getUploadURLExternal, the upload, then completeUploadExternal", async () => {
    const bytes = Buffer.from("evidence: access review 2024-Q4\n");
    const result = await client.files.uploadV2({
      channel_id: "C1",
      file: bytes,
      filename: "review.txt",
      title: "Access review",
      initial_comment: "Evidence for A.5.18",
    });

    const [urlCall] = fake.callsTo("files.getUploadURLExternal");
    expect(urlCall?.args).toMatchObject({ filename: "review.txt", length: String(bytes.length) });
    const [upload] = fake.callsTo("upload");
    const fileId = upload?.id ?? "";
    expect(fileId).toMatch(/^F/);
    expect(fake.uploads.get(fileId)).toEqual(bytes);
    const [complete] = fake.callsTo("files.completeUploadExternal");
    expect(complete?.args).toMatchObject({
      channel_id: "C1",
      initial_comment: "Evidence for A.5.18",
      files: [{ id: fileId, title: "Access review" }],
    });
    expect(result.ok).toBe(true);
    expect(JSON.stringify((result as { files?: unknown }).files)).toContain(fileId);

    const info = await client.files.info({ file: fileId });
    expect(info.file?.url_private).toBe(fake.fileUrl(fileId));
    const download = await fetch(fake.fileUrl(fileId), { headers: { Authorization: "Bearer xoxb-test" } });
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    expect(fake.callsTo("file_download")[0]?.token).toBe("xoxb-test");
  });

  it("answers 429 with Retry-After, and the client waits and retries", async () => {
    const retrying = new WebClient("xoxb-test", {
      slackApiUrl: fake.url,
      retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 20 },
      logLevel: LogLevel.ERROR,
    });
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    const started = Date.now();

    const result = await retrying.chat.postMessage({ channel: "C1", text: "digest" });

    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const calls = fake.callsTo("chat.postMessage");
    expect(calls).toHaveLength(2);
    expect(calls[0]?.failed).toEqual({ status: 429, retryAfter: 1 });
    expect(calls[1]?.failed).toBeUndefined();
  });

  it("fails with a platform error or an HTTP error when told to", async () => {
    fake.failNext("chat.postMessage", { error: "channel_not_found" });
    const platform = await client.chat.postMessage({ channel: "C404", text: "x" }).catch((e: unknown) => e);
    expect(platform).toBeInstanceOf(Error);
    expect((platform as WebAPIPlatformError).data.error).toBe("channel_not_found");

    fake.failNext("views.publish", { status: 500 });
    await expect(
      client.views.publish({ user_id: "U1", view: { type: "home", blocks: [] } }),
    ).rejects.toMatchObject({
      statusCode: 500,
    });
    await expect(client.chat.postMessage({ channel: "C1", text: "ok now" })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("refuses messages Slack would refuse", async () => {
    const tooMany = Array.from({ length: 51 }, () => ({ type: "divider" as const }));
    await expect(
      client.chat.postMessage({ channel: "C1", text: "x", blocks: tooMany }),
    ).rejects.toMatchObject({
      data: { error: "invalid_blocks" },
    });
  });

  it("records response_url posts and waitFor reports what it saw", async () => {
    const response = await fetch(fake.responseUrl("cmd-1"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response_type: "ephemeral", text: "done", blocks: [{ type: "divider" }] }),
    });
    expect(response.status).toBe(200);
    const [call] = await fake.waitFor("response_url");
    expect(call).toMatchObject({ id: "cmd-1", args: { text: "done", blocks: [{ type: "divider" }] } });

    const error = await fake.waitFor("chat.update", 1, 50).catch((e: unknown) => e);
    expect(String(error)).toContain("response_url");
    expect((error as { calls: unknown[] }).calls).toHaveLength(1);
  });
});

describe("signSlack", () => {
  it("produces headers Bolt's verifySlackRequest accepts, and a changed body fails", () => {
    const body = JSON.stringify(eventCallback(dmMessage("U1", "hello", "1700000000.000100")));
    const headers = signSlack(body, SECRET);
    const verifyHeaders = {
      "x-slack-signature": headers["x-slack-signature"],
      "x-slack-request-timestamp": Number(headers["x-slack-request-timestamp"]),
    };

    expect(headers["content-type"]).toBe("application/json");
    expect(headers["x-slack-signature"]).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(() => verifySlackRequest({ signingSecret: SECRET, body, headers: verifyHeaders })).not.toThrow();
    expect(() =>
      verifySlackRequest({
        signingSecret: SECRET,
        body: body.replace("hello", "hellO"),
        headers: verifyHeaders,
      }),
    ).toThrow();
    expect(() => verifySlackRequest({ signingSecret: "other", body, headers: verifyHeaders })).toThrow();
    expect(signSlack("command=%2Fiso", SECRET)["content-type"]).toBe("application/x-www-form-urlencoded");
  });
});

describe("payload builders through a real Bolt App", () => {
  let fake: FakeSlackApi;
  let app: App;
  let eventsUrl: string;
  const seen: Record<string, unknown> = {};

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    app = new App({
      token: "xoxb-test",
      signingSecret: SECRET,
      botId: BOT_ID,
      botUserId: BOT_USER_ID,
      processBeforeResponse: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    });
    app.command("/iso", async ({ ack, command, respond }) => {
      seen.command = command;
      await ack({ response_type: "ephemeral", text: `looking up ${command.text}` });
      await respond({ response_type: "ephemeral", text: "found it" });
    });
    app.message(async ({ message, say }) => {
      seen.message = message;
      await say("dm reply");
    });
    app.event("app_mention", async ({ event, say }) => {
      seen.mention = event;
      await say({ text: "mention reply", thread_ts: event.ts });
    });
    app.event("app_home_opened", async ({ event, client }) => {
      await client.views.publish({ user_id: event.user, view: { type: "home", blocks: [] } });
    });
    app.action("approve", async ({ ack, body, action, respond }) => {
      await ack();
      seen.action = { body, action };
      await respond({ replace_original: true, text: "approved" });
    });
    app.view("risk_submit", async ({ ack, view }) => {
      seen.view = view;
      await ack({ response_action: "errors", errors: { likelihood: "Pick a likelihood" } });
    });
    app.shortcut("new_risk", async ({ ack, shortcut, client }) => {
      await ack();
      await client.views.open({
        trigger_id: shortcut.trigger_id,
        view: {
          type: "modal",
          callback_id: "risk_submit",
          title: { type: "plain_text", text: "Risk" },
          blocks: [],
        },
      });
    });
    app.shortcut({ callback_id: "msg_to_evidence", type: "message_action" }, async ({ ack, shortcut }) => {
      await ack();
      seen.messageShortcut = shortcut;
    });
    app.options("control_pick", async ({ ack, options }) => {
      await ack({
        options: [{ text: { type: "plain_text", text: `A.5.1 ${options.value}` }, value: "A.5.1" }],
      });
    });
    const server = await app.start({ port: 0, host: "127.0.0.1" });
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  it("routes events: DM, mention and App Home", async () => {
    const dm = await postToSlackApp(eventsUrl, eventCallback(dmMessage("U1", "what is A.5.1?")), SECRET);
    expect(dm.status).toBe(200);
    expect(seen.message).toMatchObject({ channel: "DU1", channel_type: "im", text: "what is A.5.1?" });
    expect(fake.callsTo("chat.postMessage")[0]?.args).toMatchObject({ channel: "DU1", text: "dm reply" });

    const mention = appMention("U1", "C9", "risks please", "1700000100.000900");
    expect((await postToSlackApp(eventsUrl, eventCallback(mention), SECRET)).status).toBe(200);
    expect(fake.callsTo("chat.postMessage")[1]?.args).toMatchObject({
      channel: "C9",
      thread_ts: "1700000100.000900",
    });
    expect(seen.mention).toMatchObject({ text: "<@UBOT> risks please" });

    await postToSlackApp(eventsUrl, eventCallback(appHomeOpened("U2")), SECRET);
    expect(fake.callsTo("views.publish")[0]?.args).toMatchObject({ user_id: "U2", view: { type: "home" } });
  });

  it("acks slash commands inline and respond() reaches the fake response_url", async () => {
    const body = slashCommand("A.5.1", "U1", { channel: "C1", responseUrl: fake.responseUrl("cmd") });
    const res = await postToSlackApp(eventsUrl, body, SECRET);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: "ephemeral", text: "looking up A.5.1" });
    expect(seen.command).toMatchObject({ command: "/iso", user_id: "U1", channel_id: "C1" });
    expect((await fake.waitFor("response_url"))[0]).toMatchObject({ id: "cmd", args: { text: "found it" } });
  });

  it("routes block actions, view submissions, shortcuts and options", async () => {
    const action = blockAction("U1", "approve", "risk-7", {
      channel: "C1",
      messageTs: "1700000000.000500",
      responseUrl: fake.responseUrl("btn"),
    });
    expect(parsePayloadForm(action)).toMatchObject({
      type: "block_actions",
      container: { channel_id: "C1" },
    });
    expect((await postToSlackApp(eventsUrl, action, SECRET)).status).toBe(200);
    expect(seen.action).toMatchObject({ action: { action_id: "approve", value: "risk-7" } });
    expect((await fake.waitFor("response_url"))[0]).toMatchObject({
      id: "btn",
      args: { replace_original: true },
    });

    const submission = viewSubmission("U1", "risk_submit", '{"form":"risk"}', {
      title: { title: stateValue.plainText("Laptop theft") },
      likelihood: { likelihood: stateValue.staticSelect(null) },
      score: { score: stateValue.number("24") },
    });
    const submitted = await postToSlackApp(eventsUrl, submission, SECRET);
    expect(submitted.json).toEqual({
      response_action: "errors",
      errors: { likelihood: "Pick a likelihood" },
    });
    expect(seen.view).toMatchObject({
      private_metadata: '{"form":"risk"}',
      state: {
        values: { likelihood: { likelihood: { selected_option: null } }, score: { score: { value: "24" } } },
      },
    });

    expect((await postToSlackApp(eventsUrl, globalShortcut("U1", "new_risk", "tr-1"), SECRET)).status).toBe(
      200,
    );
    expect(fake.callsTo("views.open")[0]?.args).toMatchObject({
      trigger_id: "tr-1",
      view: { callback_id: "risk_submit" },
    });

    const shortcut = messageShortcut("U1", "msg_to_evidence", {
      text: "see attached",
      ts: "1700000000.000700",
      user: "U3",
      files: [{ id: "F1", name: "policy.pdf", size: 1234 }],
    });
    expect((await postToSlackApp(eventsUrl, shortcut, SECRET)).status).toBe(200);
    expect(seen.messageShortcut).toMatchObject({
      type: "message_action",
      message: { ts: "1700000000.000700", files: [{ id: "F1", mimetype: "application/pdf", size: 1234 }] },
    });
    expect(seen.messageShortcut).not.toHaveProperty("api_app_id");

    const suggestion = blockSuggestion("U1", "control_pick", "control", "acc", "V1");
    const options = await postToSlackApp(eventsUrl, suggestion, SECRET);
    expect(options.json).toMatchObject({ options: [{ value: "A.5.1", text: { text: "A.5.1 acc" } }] });
  });

  it("answers 401 to a bad or stale signature", async () => {
    const body = eventCallback(dmMessage("U1", "hi"));
    expect((await postToSlackApp(eventsUrl, body, SECRET, { badSignature: true })).status).toBe(401);
    expect((await postToSlackApp(eventsUrl, body, SECRET, { timestamp: nowSeconds() - 400 })).status).toBe(
      401,
    );
  });
});
