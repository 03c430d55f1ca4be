import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LogLevel } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSlackApp, createSlackReceiver } from "../../adapters/slack/slack-app.js";
import { contentDisposition, ExportLinks } from "../../cli/export-links.js";
import { type HttpServer, type Route, startHttpServer } from "../../cli/http-server.js";
import { silentLogger } from "../../cli/log.js";
import { onlyFromThisMachine } from "../../cli/start-teams.js";
import { memoryLogger } from "../support/log.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/slack/fake-slack-api.js";
import {
  BOT_ID,
  BOT_USER_ID,
  dmMessage,
  eventCallback,
  postToSlackApp,
} from "../support/slack/signed-request.js";
import { tempDir } from "../support/temp.js";

const SECRET = "00112233445566778899aabbccddeeff";
const folder = tempDir();
const exportDir = join(folder.path, "exports");
mkdirSync(exportDir);
writeFileSync(join(exportDir, "soa.csv"), "id,title\nA.5.1,Policies\n");
writeFileSync(join(exportDir, "Risikoregister März.xlsx"), "xlsx bytes");
writeFileSync(join(folder.path, "secret.txt"), "not for download");
symlinkSync(join(folder.path, "secret.txt"), join(exportDir, "link-out.txt"));

let servers: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.stop(0)));
  servers = [];
});
afterAll(() => folder.remove());

async function serve(routes: Route[]): Promise<string> {
  const server = await startHttpServer(routes, { port: 0, host: "127.0.0.1", logger: silentLogger() });
  servers.push(server);
  return `http://127.0.0.1:${server.port}`;
}

describe("the shared HTTP server", () => {
  it("answers unknown paths with 404 and a known path asked the wrong way with 405", async () => {
    const base = await serve([
      { method: "POST", path: "/api/messages", handle: (_q, res) => void res.end("ok") },
    ]);
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${base}/`)).status).toBe(404);
    const wrong = await fetch(`${base}/api/messages`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect(await (await fetch(`${base}/api/messages?x=1`, { method: "POST" })).text()).toBe("ok");
  });

  it("answers 500 when a handler fails, and keeps serving", async () => {
    const log = memoryLogger();
    const server = await startHttpServer(
      [
        {
          method: "GET",
          path: "/boom",
          handle: async () => {
            throw new Error("kaputt");
          },
        },
      ],
      { port: 0, host: "127.0.0.1", logger: log.logger },
    );
    servers.push(server);
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/boom`)).status).toBe(500);
    expect((await fetch(`${base}/else`)).status).toBe(404);
    expect(log.lines().filter((line) => line.level === 50)).toEqual([
      expect.objectContaining({ msg: "http handler failed", route: "/boom", err: "kaputt" }),
    ]);
  });

  it("stops without waiting for idle keep-alive connections", async () => {
    const server = await startHttpServer(
      [{ method: "GET", path: "/", handle: (_q, res) => void res.end("hi") }],
      {
        port: 0,
        host: "127.0.0.1",
        logger: silentLogger(),
      },
    );
    await fetch(`http://127.0.0.1:${server.port}/`, { keepalive: true });
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(fetch(`http://127.0.0.1:${server.port}/`)).rejects.toThrow();
  });
});

describe("Teams without authentication (the emulator mode)", () => {
  it("answers this machine only: a request from elsewhere gets 403 and never reaches the bot", async () => {
    const reached: string[] = [];
    const guarded = onlyFromThisMachine((req, res) => {
      reached.push(req.socket.remoteAddress ?? "");
      res.end("ok");
    });
    const base = await serve([{ method: "POST", path: "/api/messages", handle: guarded }]);
    expect(await (await fetch(`${base}/api/messages`, { method: "POST" })).text()).toBe("ok");

    let status = 0;
    const response = {
      writeHead: (code: number) => {
        status = code;
        return response;
      },
      end: () => response,
    };
    const fromElsewhere = { socket: { remoteAddress: "203.0.113.7" } };
    await guarded(fromElsewhere as never, response as never, []);
    expect(status).toBe(403);
    expect(reached).toEqual(["127.0.0.1"]);
  });
});

describe("Slack mounted on the shared server", () => {
  let slack: FakeSlackApi;
  beforeAll(async () => {
    slack = await startFakeSlackApi();
  });
  afterAll(() => slack.close());

  it("answers a correctly signed /slack/events request, and refuses a badly signed one", async () => {
    const receiver = createSlackReceiver(SECRET, { processBeforeResponse: true, logLevel: LogLevel.ERROR });
    const said: string[] = [];
    createSlackApp(
      {
        handle: async (message) => {
          said.push(message.text);
          return { text: "hello", blocks: [], visibility: "public" };
        },
        searchControls: () => [],
        claimDelivery: () => true,
      },
      {
        botToken: "xoxb-test",
        mode: { kind: "mounted", receiver },
        apiUrl: slack.url,
        botId: BOT_ID,
        botUserId: BOT_USER_ID,
      },
    );
    const base = await serve([
      { method: "POST", path: "/slack/events", handle: receiver.requestListener },
      { method: "POST", path: "/api/messages", handle: (_q, res) => void res.writeHead(202).end() },
    ]);
    const ok = await postToSlackApp(`${base}/slack/events`, eventCallback(dmMessage("U1", "A.8.9")), SECRET);
    expect(ok.status).toBe(200);
    expect(said).toEqual(["A.8.9"]);
    const [post] = await slack.waitFor("chat.postMessage", 1, 5000);
    expect(post?.args.text).toBe("hello");

    const forged = await postToSlackApp(`${base}/slack/events`, eventCallback(dmMessage("U1", "x")), SECRET, {
      badSignature: true,
    });
    expect(forged.status).toBe(401);
    expect(said).toHaveLength(1);
    expect((await fetch(`${base}/api/messages`, { method: "POST", body: "{}" })).status).toBe(202);
  });
});

describe("export download links", () => {
  let now = new Date("2027-03-01T09:00:00Z");
  const clock = () => now;

  async function linksServer() {
    const links = new ExportLinks({ exportDir, publicUrl: "https://bot.example.com", clock });
    const base = await serve([
      {
        method: "GET",
        path: /^\/exports\/([^/]*)$/,
        handle: (req, res, [token]) => links.serve(req, res, token ?? ""),
      },
    ]);
    const local = (link: string | undefined) => `${base}${new URL(link ?? "").pathname}`;
    return { links, base, local };
  }

  it("downloads a file from the export folder as an attachment, under an unguessable link", async () => {
    const { links, local } = await linksServer();
    const link = links.link(join(exportDir, "soa.csv"));
    expect(link).toMatch(/^https:\/\/bot\.example\.com\/exports\/[A-Za-z0-9_-]{43}$/);
    expect(links.link(join(exportDir, "soa.csv"))).not.toBe(link);
    const response = await fetch(local(link));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="soa.csv"; filename*=UTF-8''soa.csv`,
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).toBe("id,title\nA.5.1,Policies\n");
  });

  it("names a file with non-ASCII characters correctly for every browser", async () => {
    expect(contentDisposition("Risikoregister März.xlsx")).toBe(
      `attachment; filename="Risikoregister M_rz.xlsx"; filename*=UTF-8''Risikoregister%20M%C3%A4rz.xlsx`,
    );
    expect(contentDisposition('a"b\\c.md')).toBe(
      `attachment; filename="a_b_c.md"; filename*=UTF-8''a%22b%5Cc.md`,
    );
    const { links, local } = await linksServer();
    const response = await fetch(local(links.link("Risikoregister März.xlsx")));
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
  });

  it("refuses unknown, malformed and expired tokens", async () => {
    const { links, base, local } = await linksServer();
    const link = links.link(join(exportDir, "soa.csv"));
    expect((await fetch(`${base}/exports/${"A".repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${base}/exports/not-a-token`)).status).toBe(404);
    expect((await fetch(`${base}/exports/`)).status).toBe(404);
    now = new Date(now.getTime() + 24 * 3600_000 + 1000);
    const expired = await fetch(local(link));
    expect(expired.status).toBe(404);
    expect(await expired.text()).toMatch(/unknown or has expired/);
  });

  it("never links or serves a file outside the export folder", async () => {
    const { links, base } = await linksServer();
    expect(links.link(join(folder.path, "secret.txt"))).toBeUndefined();
    expect(links.link(join(exportDir, "..", "secret.txt"))).toBeUndefined();
    expect(links.link("../secret.txt")).toBeUndefined();
    expect(links.link(join(exportDir, "link-out.txt"))).toBeUndefined();
    expect(links.link(exportDir)).toBeUndefined();
    expect(links.link(join(exportDir, "missing.csv"))).toBeUndefined();
    for (const trick of [
      "/exports/../secret.txt",
      "/exports/%2e%2e%2fsecret.txt",
      "/exports/..%2Fsecret.txt",
    ]) {
      const response = await fetch(`${base}${trick}`);
      expect([404]).toContain(response.status);
      expect(await response.text()).not.toMatch(/not for download/);
    }
  });
});
