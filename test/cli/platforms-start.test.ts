import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createNetServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ISMS, runIsms } from "../support/run-cli.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/slack/fake-slack-api.js";
import { dmMessage, eventCallback, postToSlackApp } from "../support/slack/signed-request.js";
import { tempDir } from "../support/temp.js";

const SECRET = "fedcba9876543210fedcba9876543210";
const ALICE = "00000000-0000-0000-0000-0000000000a1";
const folder = tempDir();

/** A Bot Connector stand-in on loopback: records what the bot posts and answers with an id. */
interface FakeConnector {
  url: string;
  posts: { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

function startFakeConnector(): Promise<FakeConnector> {
  const posts: FakeConnector["posts"] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      posts.push({ path: decodeURIComponent(req.url ?? ""), body: raw ? JSON.parse(raw) : {} });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: `reply-${posts.length}` }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        posts,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let slack: FakeSlackApi;
let connector: FakeConnector;
beforeAll(async () => {
  slack = await startFakeSlackApi();
  connector = await startFakeConnector();
});
afterAll(async () => {
  await slack.close();
  await connector.close();
  folder.remove();
});

function start(env: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  err: () => string;
} {
  const child = spawn(process.execPath, [ISMS, "start"], {
    env: { ...process.env, ISMS_EXPORT_DIR: join(folder.path, "exports"), ...env },
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr.on("data", (chunk) => {
    err += chunk;
  });
  child.stdin.end();
  return { child, out: () => out, err: () => err };
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
  child.kill("SIGTERM");
  return closed;
}

function activity(text: string, id: string) {
  return {
    type: "message",
    id,
    text,
    channelId: "msteams",
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    from: { id: "29:user-1", aadObjectId: ALICE, name: "Alice" },
    recipient: { id: "28:bot", name: "isms-bot" },
    conversation: { id: "a:conv-1", conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
    locale: "en-GB",
    localTimestamp: new Date().toISOString(),
    entities: [],
  };
}

describe("isms start with Slack and Teams in one process", () => {
  it("serves /slack/events and /api/messages on one port, and warns that Teams runs unauthenticated", async () => {
    const port = await freePort();
    const run = start({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      TEAMS_ALLOW_UNAUTHENTICATED: "true",
      PORT: String(port),
      ISMS_DB_PATH: join(folder.path, "both.db"),
    });
    try {
      await expect.poll(run.out, { timeout: 15_000 }).toMatch(/answering Teams at .*:\d+\/api\/messages/);
      expect(run.out()).toMatch(new RegExp(`answering Slack at http://0\\.0\\.0\\.0:${port}/slack/events`));
      // The log is JSON lines on stdout; the warning is one of them, at pino's warn level (40).
      const warning = run
        .out()
        .split("\n")
        .filter((line) => line.includes("WITHOUT authentication"))
        .map((line) => JSON.parse(line));
      expect(warning).toEqual([
        expect.objectContaining({
          level: 40,
          component: "teams",
          msg: expect.stringMatching(/^warning: Teams/),
        }),
      ]);

      const fromSlack = await postToSlackApp(
        `http://127.0.0.1:${port}/slack/events`,
        eventCallback(dmMessage("U1", "what replaced A.12.1.2?")),
        SECRET,
      );
      expect(fromSlack.status).toBe(200);
      const [post] = await slack.waitFor("chat.postMessage", 1, 5000);
      expect(JSON.stringify(post?.args.blocks)).toMatch(/A\.8\.32 Change management/);

      const fromTeams = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(activity("what replaced A.12.1.2?", "m-1")),
      });
      expect(fromTeams.status).toBeLessThan(300);
      await expect
        .poll(() => connector.posts.map((p) => JSON.stringify(p.body)).join("\n"), { timeout: 5000 })
        .toMatch(/A\.8\.32 Change management/);
      expect(connector.posts.some((p) => p.path.startsWith("/v3/conversations/a:conv-1/activities"))).toBe(
        true,
      );

      expect((await fetch(`http://127.0.0.1:${port}/nowhere`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/exports/${"x".repeat(43)}`)).status).toBe(404);
    } finally {
      expect(await stop(run.child)).toBe(0);
    }
  });

  it("runs Teams alone, and offers an admin's export as a download link that works", async () => {
    const port = await freePort();
    const db = join(folder.path, "teams.db");
    const admin = await runIsms(["admin", "add", `teams:${ALICE}`], { env: { ISMS_DB_PATH: db } });
    expect(admin.code).toBe(0);
    const run = start({ TEAMS_ALLOW_UNAUTHENTICATED: "true", PORT: String(port), ISMS_DB_PATH: db });
    try {
      await expect.poll(run.out, { timeout: 15_000 }).toMatch(/answering Teams at .*:\d+\/api\/messages/);
      expect(run.out()).not.toMatch(/Slack/);
      expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST" })).status).toBe(404);

      const before = connector.posts.length;
      const asked = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(activity("export soa as csv", "m-export")),
      });
      expect(asked.status).toBeLessThan(300);
      const link = new RegExp(`http://localhost:${port}/exports/[A-Za-z0-9_-]{43}`);
      await expect
        .poll(() => JSON.stringify(connector.posts.slice(before).map((p) => p.body)), { timeout: 5000 })
        .toMatch(link);
      const url = JSON.stringify(connector.posts.slice(before).map((p) => p.body)).match(link)?.[0] ?? "";
      const download = await fetch(url.replace("localhost", "127.0.0.1"));
      expect(download.status).toBe(200);
      expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]*\.csv"/);
      expect(await download.text()).toMatch(/A\.5\.1/);
    } finally {
      expect(await stop(run.child)).toBe(0);
    }
  });
});
