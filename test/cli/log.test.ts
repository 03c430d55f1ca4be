import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { readConfig, secretsOf } from "../../cli/config.js";
import { ConfigError } from "../../cli/config-error.js";
import { startHttpServer } from "../../cli/http-server.js";
import { requestIdFrom } from "../../cli/log.js";
import { boltLogger } from "../../cli/start-slack.js";
import { memoryLogger } from "../support/log.js";

const SIGNING_SECRET = "0123456789abcdef0123456789abcdef";

describe("the log", () => {
  it("never writes a configured secret, a token, an Authorization header or what someone wrote", () => {
    const log = memoryLogger({ secrets: ["xoxb-1111-2222-configured", SIGNING_SECRET, "teams-app-pw-123"] });
    log.logger.warn(`signature check with ${SIGNING_SECRET} failed`);
    log.logger.error(new Error("Slack said invalid_auth for xoxb-1111-2222-configured"));
    log.logger.info({ headers: { authorization: "Bearer abc.def.ghi", "x-request-id": "r1" } }, "incoming");
    log.logger.info({ note: "password teams-app-pw-123 rejected" }, "teams");
    log.logger.info(
      "a stray token xapp-1-A111-222-abc and xoxp-9-9-9 and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
    );
    log.logger.info(
      { text: "our CFO's laptop was stolen", body: { event: { text: "risk details" } } },
      "message",
    );

    const raw = log.raw();
    for (const secret of [
      "xoxb-1111",
      SIGNING_SECRET,
      "teams-app-pw-123",
      "abc.def.ghi",
      "xapp-1-A111",
      "xoxp-9",
      "eyJhbGciOiJIUzI1NiJ9",
      "laptop",
      "risk details",
    ])
      expect(raw).not.toContain(secret);
    expect(log.lines().map((line) => line.msg)).toEqual([
      "signature check with [redacted] failed",
      "Slack said invalid_auth for [redacted]",
      "incoming",
      "teams",
      "a stray token xapp-[redacted] and xox?-[redacted] and [redacted jwt]",
      "message",
    ]);
    expect(log.lines()[2]).toMatchObject({ headers: { authorization: "[redacted]", "x-request-id": "r1" } });
  });

  it("takes the configured secrets from the configuration", () => {
    const config = readConfig({ SLACK_BOT_TOKEN: "xoxb-42-token", SLACK_SIGNING_SECRET: SIGNING_SECRET });
    expect(secretsOf(config)).toEqual(["xoxb-42-token", SIGNING_SECRET]);
  });

  it("reads its level from LOG_LEVEL, and names the variable when the value is wrong", () => {
    expect(readConfig({}).logLevel).toBeUndefined();
    expect(readConfig({ LOG_LEVEL: "Debug" }).logLevel).toBe("debug");
    expect(() => readConfig({ LOG_LEVEL: "verbose" })).toThrow(ConfigError);
    expect(() => readConfig({ LOG_LEVEL: "verbose" })).toThrow(
      /^LOG_LEVEL must be one of fatal, error, warn/,
    );
  });

  it("passes Bolt's warnings and errors on, but never its debug lines (they carry whole payloads)", () => {
    const log = memoryLogger({ level: "trace" });
    const bolt = boltLogger(log.logger);
    bolt.debug("payload", { event: { text: "secret plans" } });
    bolt.warn("Failed to parse and verify the request data:", new Error("stale signature"));
    bolt.error("listener failed");
    expect(bolt.getLevel()).toBe(LogLevel.DEBUG);
    expect(log.lines().map((line) => [line.level, line.msg])).toEqual([
      [40, "Failed to parse and verify the request data: stale signature"],
      [50, "listener failed"],
    ]);
  });
});

describe("request ids", () => {
  it("keeps a sane x-request-id and makes up one for anything else", () => {
    expect(requestIdFrom("req-7f3a.1")).toBe("req-7f3a.1");
    for (const bad of [undefined, "", "has spaces", "x".repeat(200), "line\nbreak"])
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("is echoed in the response and on every line logged while the request is handled, awaits included", async () => {
    const log = memoryLogger();
    const server = await startHttpServer(
      [
        {
          method: "POST",
          path: "/work",
          handle: async (_req, res) => {
            log.logger.info("started");
            await new Promise((resolve) => setTimeout(resolve, 20));
            log.logger.child({ component: "teams" }).warn("later");
            res.end("done");
          },
        },
      ],
      { port: 0, host: "127.0.0.1", logger: log.logger },
    );
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const given = await fetch(`${base}/work`, { method: "POST", headers: { "x-request-id": "edge-1" } });
      expect(given.headers.get("x-request-id")).toBe("edge-1");
      const made = await fetch(`${base}/work`, { method: "POST", headers: { "x-request-id": "no good" } });
      const id = made.headers.get("x-request-id") ?? "";
      expect(id).toMatch(/^[0-9a-f-]{36}$/);

      const lines = log.lines();
      expect(lines.filter((line) => line.reqId === "edge-1").map((line) => line.msg)).toEqual([
        "started",
        "later",
        "http request",
      ]);
      expect(lines.filter((line) => line.reqId === id).map((line) => line.msg)).toEqual([
        "started",
        "later",
        "http request",
      ]);
      expect(lines.find((line) => line.msg === "http request")).toMatchObject({
        method: "POST",
        route: "/work",
        status: 200,
        ms: expect.any(Number),
      });
    } finally {
      await server.stop(0);
    }
  });
});
