import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSlackConfig } from "../../cli/slack-config.js";
import { ISMS, runIsms } from "../support/run-cli.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/slack/fake-slack-api.js";
import { dmMessage, eventCallback, postToSlackApp } from "../support/slack/signed-request.js";
import { tempDir } from "../support/temp.js";

const SECRET = "fedcba9876543210fedcba9876543210";
const folder = tempDir();
let slack: FakeSlackApi;
beforeAll(async () => {
  slack = await startFakeSlackApi();
});
afterAll(async () => {
  await slack.close();
  folder.remove();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("Slack configuration", () => {
  it("is absent when no Slack variable is set, so the console chat starts", () => {
    expect(readSlackConfig({})).toBeUndefined();
  });

  it("chooses HTTP with a signing secret, and Socket Mode with an app token", () => {
    expect(readSlackConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: SECRET })).toEqual({
      botToken: "xoxb-1",
      mode: { kind: "http", signingSecret: SECRET, port: 3000 },
      apiUrl: undefined,
      teamId: undefined,
    });
    expect(
      readSlackConfig({
        SLACK_BOT_TOKEN: "xoxb-1",
        SLACK_APP_TOKEN: "xapp-1-A1",
        SLACK_API_URL: "http://127.0.0.1:9/api",
        SLACK_TEAM_ID: "T024BE7LD",
      }),
    ).toEqual({
      botToken: "xoxb-1",
      mode: { kind: "socket", appToken: "xapp-1-A1" },
      apiUrl: "http://127.0.0.1:9/api/",
      teamId: "T024BE7LD",
    });
  });

  it.each([
    [{ SLACK_SIGNING_SECRET: SECRET }, /^SLACK_BOT_TOKEN is not set/],
    [
      { SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_SIGNING_SECRET: SECRET },
      /^SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"/,
    ],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, /^SLACK_SIGNING_SECRET is not set/],
    [
      { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "short" },
      /^SLACK_SIGNING_SECRET must be the app's 32-character hex signing secret/,
    ],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: SECRET, PORT: "eighty" }, /^PORT /],
    [
      { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: SECRET, SLACK_TEAM_ID: "acme" },
      /^SLACK_TEAM_ID must be a workspace id such as "T024BE7LD"/,
    ],
  ])("stops start-up naming the variable that is missing or malformed (%j)", async (env, message) => {
    const run = await runIsms(["start"], { env: { ...env, ISMS_DB_PATH: join(folder.path, "x.db") } });
    expect(run.code).toBe(1);
    expect(run.stderr.replace(/^isms: configuration: /, "")).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("isms start with Slack variables", () => {
  it("serves Slack at /slack/events on PORT and answers a DM through the Web API", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [ISMS, "start"], {
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: SECRET,
        PORT: String(port),
        SLACK_API_URL: slack.url,
        ISMS_DB_PATH: join(folder.path, "slack.db"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let printed = "";
    child.stdout.on("data", (chunk) => {
      printed += chunk;
    });
    try {
      await expect
        .poll(() => printed, { timeout: 10_000 })
        .toMatch(/answering Slack at http:\/\/0\.0\.0\.0:\d+\/slack\/events/);
      const response = await postToSlackApp(
        `http://127.0.0.1:${port}/slack/events`,
        eventCallback(dmMessage("U1", "what replaced A.12.1.2?")),
        SECRET,
      );
      expect(response.status).toBe(200);
      const [post] = await slack.waitFor("chat.postMessage", 1, 5000);
      expect(JSON.stringify(post?.args.blocks)).toMatch(/A\.8\.32 Change management/);
    } finally {
      child.kill("SIGTERM");
    }
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
  });
});
