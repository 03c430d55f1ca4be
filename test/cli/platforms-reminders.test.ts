/**
 * One reminder schedule for the whole process: `isms start` with Slack and Teams hands each person's reminders to
 * their own platform (a Slack DM through the fake Web API, a Teams 1:1 chat through a fake Bot Connector).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../cli/config.js";
import { startPlatforms } from "../../cli/start-platforms.js";
import { Records } from "../../src/records/records.js";
import { SqliteConversationRefs } from "../../src/storage/conversation-refs.js";
import { openDatabase } from "../../src/storage/database.js";
import { DATA_DIR } from "../support/catalogue.js";
import { memoryLogger } from "../support/log.js";
import { calendarHeld } from "../support/records.js";
import { runIsms } from "../support/run-cli.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/slack/fake-slack-api.js";
import { tempDir } from "../support/temp.js";

const ALICE = "00000000-0000-0000-0000-0000000000a1";
const now = new Date("2027-03-19T10:00:00Z"); // a Friday morning, 12 days before the evidence below is due
const clock = () => now;
const folder = tempDir();
let slack: FakeSlackApi;
let connector: { url: string; posts: { path: string; body: string }[]; server: Server };

beforeAll(async () => {
  slack = await startFakeSlackApi();
  const posts: { path: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      posts.push({ path: decodeURIComponent(req.url ?? ""), body });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: `sent-${posts.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  connector = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, posts, server };
});
afterAll(async () => {
  await slack.close();
  await new Promise((resolve) => connector.server.close(resolve));
  folder.remove();
});

/** Bob (Slack) and Alice (Teams) each own a control whose evidence is due in 12 days. */
function seed(dbPath: string): void {
  const db = openDatabase(dbPath, { clock });
  const records = new Records(db, clock);
  const people = [
    ["slack", "UBOB"],
    ["teams", ALICE],
  ];
  for (const [platform, user] of people)
    db.prepare(
      "INSERT INTO people (platform, user_id, first_seen_at, last_seen_at) VALUES (?, ?, 'x', 'x')",
    ).run(platform, user);
  calendarHeld(records, "2027-01-15");
  for (const [control, owner] of [
    ["A.8.13", "slack:UBOB"],
    ["A.8.15", `teams:${ALICE}`],
  ] as const)
    records.controls.update(
      control,
      { owner, applicable: true, cadence: "quarterly", nextEvidenceDue: "2027-03-31" },
      "test",
    );
  // What the Teams app keeps when Alice installs it: her 1:1 chat with the bot.
  new SqliteConversationRefs(db, clock).save(
    `teams:${ALICE}`,
    "teams",
    JSON.stringify({
      channelId: "msteams",
      serviceUrl: connector.url,
      conversation: { id: "a:alice-chat", conversationType: "personal", tenantId: "t1" },
      user: { id: "29:alice", aadObjectId: ALICE },
      bot: { id: "28:bot", name: "isms-bot" },
    }),
  );
  db.close();
}

describe("isms start with Slack and Teams: one reminder schedule", () => {
  it("sends Slack people's reminders to Slack and Teams people's to Teams", async () => {
    const dbPath = join(folder.path, "isms.db");
    seed(dbPath);
    const config: Config = {
      dbPath,
      dataDir: DATA_DIR,
      exportDir: join(folder.path, "exports"),
      reminders: {},
      port: 0,
      publicUrl: undefined,
      slack: {
        botToken: "xoxb-test",
        mode: { kind: "http", signingSecret: "0123456789abcdef0123456789abcdef", port: 0 },
        apiUrl: slack.url,
      },
      teams: {
        appId: undefined,
        appPassword: undefined,
        appType: "MultiTenant",
        tenantId: undefined,
        allowUnauthenticated: true,
      },
    };
    const log = memoryLogger();
    const stop = await startPlatforms(config, {
      logger: log.logger,
      host: "127.0.0.1",
      clock,
    });
    try {
      const [dm] = await slack.waitFor("chat.postMessage", 1, 5000);
      expect(dm?.args.channel).toBe("DUBOB");
      expect(JSON.stringify(dm?.args)).toMatch(/A\.8\.13/);
      expect(JSON.stringify(dm?.args)).not.toMatch(/A\.8\.15/);

      await expect.poll(() => connector.posts.length, { timeout: 5000 }).toBeGreaterThan(0);
      const [toAlice, ...more] = connector.posts;
      expect(toAlice?.path).toMatch(/^\/v3\/conversations\/a:alice-chat\/activities/);
      expect(toAlice?.body).toMatch(/A\.8\.15/);
      expect(toAlice?.body).not.toMatch(/A\.8\.13/);
      expect(more).toEqual([]);
      expect(
        log.lines().filter((line) => line.component === "reminders" && Number(line.level) >= 50),
      ).toEqual([]);
    } finally {
      await stop();
    }
  });
});

describe("isms remind with Teams configured", () => {
  it("sends a Teams admin's digest to their 1:1 chat from the command line", async () => {
    const dbPath = join(folder.path, "remind.db");
    seed(dbPath);
    const db = openDatabase(dbPath, { clock });
    new Records(db, clock).people.addAdmin(`teams:${ALICE}`, "test");
    db.close();
    const before = connector.posts.length;
    const run = await runIsms(["remind", "--digest-now"], {
      env: { ISMS_DB_PATH: dbPath, TEAMS_ALLOW_UNAUTHENTICATED: "true" },
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Sent 1 digest\(s\); 0 could not be delivered\.$/m);
    const posted = connector.posts.slice(before);
    expect(posted.map((post) => post.path)).toEqual([
      expect.stringMatching(/^\/v3\/conversations\/a:alice-chat\/activities/),
    ]);
  });
});
