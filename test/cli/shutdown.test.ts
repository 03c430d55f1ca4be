import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startBotProcess } from "../support/bot-process.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/slack/fake-slack-api.js";
import { dmMessage, eventCallback, postToSlackApp } from "../support/slack/signed-request.js";
import { tempDir } from "../support/temp.js";

const SECRET = "fedcba9876543210fedcba9876543210";
const folder = tempDir();

/** A Bot Connector stand-in that takes its time to answer, so that the bot's turn is still running. */
interface SlowConnector {
  url: string;
  arrived: { path: string; body: string }[];
  close(): Promise<void>;
}

function startSlowConnector(delayMs: number): Promise<SlowConnector> {
  const arrived: SlowConnector["arrived"] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      arrived.push({ path: decodeURIComponent(req.url ?? ""), body });
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: `reply-${arrived.length}` }));
      }, delayMs);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        arrived,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    );
  });
}

function teamsMessage(serviceUrl: string, text: string, id: string) {
  return {
    type: "message",
    id,
    text,
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: "29:user-1", aadObjectId: "00000000-0000-0000-0000-0000000000a1", name: "Alice" },
    recipient: { id: "28:bot", name: "isms-bot" },
    conversation: { id: "a:conv-1", conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
    entities: [],
  };
}

let connector: SlowConnector;
let slack: FakeSlackApi;
beforeAll(async () => {
  connector = await startSlowConnector(1500);
  slack = await startFakeSlackApi();
});
afterAll(async () => {
  await connector.close();
  await slack.close();
  folder.remove();
});

describe("isms start on SIGTERM", () => {
  it("finishes the request in flight, takes no new one, closes the database cleanly and exits 0", async () => {
    const port = await freePort();
    const dbPath = join(folder.path, "teams.db");
    const bot = startBotProcess({
      TEAMS_ALLOW_UNAUTHENTICATED: "true",
      PORT: String(port),
      ISMS_DB_PATH: dbPath,
      ISMS_EXPORT_DIR: join(folder.path, "exports"),
    });
    await expect.poll(bot.out, { timeout: 15_000 }).toMatch(/"msg":"isms-bot started"/);

    const asked = fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "turn-42" },
      body: JSON.stringify(teamsMessage(connector.url, "what replaced A.12.1.2?", "m-1")),
    });
    // The bot's answer has reached the connector, which has not answered yet: the turn is in flight.
    await expect.poll(() => connector.arrived.length, { timeout: 5000 }).toBe(1);
    bot.child.kill("SIGTERM");
    await expect.poll(bot.out, { timeout: 2000 }).toMatch(/"msg":"shutting down"/);
    const refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.status,
      () => "refused",
    );
    expect([503, "refused"]).toContain(refused);

    const answer = await asked;
    expect(answer.status).toBeLessThan(300);
    expect(answer.headers.get("x-request-id")).toBe("turn-42");
    expect(connector.arrived[0]?.body).toMatch(/A\.8\.32 Change management/);
    expect(await bot.exited).toBe(0);

    const steps = bot.logLines().map((line) => line.msg);
    expect(steps.slice(steps.indexOf("shutting down"))).toEqual([
      "shutting down",
      "shutdown: no new requests; waiting for work in flight",
      "http request",
      "shutdown: work in flight finished",
      "shutdown: reminder schedule stopped",
      "shutdown: database closed",
      "stopped",
    ]);
    const request = bot
      .logLines()
      .find((line) => line.msg === "http request" && line.route === "/api/messages");
    expect(request).toMatchObject({ reqId: "turn-42", method: "POST", status: 200 });
    // Nothing of what Alice asked is in the log.
    expect(bot.out()).not.toMatch(/A\.12\.1\.2|replaced/);

    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });

  it("lets a Slack listener still working after Bolt's acknowledgement finish before it exits", async () => {
    const port = await freePort();
    const bot = startBotProcess({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      PORT: String(port),
      ISMS_DB_PATH: join(folder.path, "slack.db"),
    });
    await expect.poll(bot.out, { timeout: 15_000 }).toMatch(/"msg":"isms-bot started"/);
    // Slack asks the bot to wait a second before its answer is taken: the listener outlives the HTTP request.
    slack.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    let loggedWhenAnswered = "";
    slack.respondWith("chat.postMessage", (args) => {
      loggedWhenAnswered = bot.out();
      return { channel: `D${String(args.channel)}`, ts: "1700000000.000100" };
    });
    const acked = await postToSlackApp(
      `http://127.0.0.1:${port}/slack/events`,
      eventCallback(dmMessage("U1", "what replaced A.12.1.2?")),
      SECRET,
    );
    expect(acked.status).toBe(200);
    await slack.waitFor("chat.postMessage", 1, 5000);
    bot.child.kill("SIGTERM");
    await expect.poll(bot.out, { timeout: 2000 }).toMatch(/"msg":"shutting down"/);

    // The answer goes out while the process is stopping, and before the database is closed under the listener.
    expect(await bot.exited).toBe(0);
    expect(loggedWhenAnswered).toMatch(/"msg":"shutting down"/);
    expect(loggedWhenAnswered).not.toMatch(/database closed/);
    const posts = slack.calls.filter((call) => call.method === "chat.postMessage");
    expect(posts).toHaveLength(2);
    expect(posts[1]?.failed).toBeUndefined();
    expect(JSON.stringify(posts[1]?.args.blocks)).toMatch(/A\.8\.32 Change management/);
    expect(bot.logLines().some((line) => line.msg === "shutdown: work in flight finished")).toBe(true);
  });
});
