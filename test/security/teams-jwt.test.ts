/**
 * Teams requests must carry a Bot Framework token for this bot whenever an app id is configured. botbuilder's own
 * validation runs for real against a local key set (test/adapters/teams covers a missing header and a token that is
 * not a JWT at all); here every kind of wrong token is refused with 401 and nothing reaches the core.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTeamsHarness, type TeamsHarness } from "../adapters/teams/harness.js";
import { channelMention, personalMessage, user } from "../support/teams/activities.js";
import {
  channelClaims,
  hmacWithPublicKey,
  startTokenIssuer,
  type TokenIssuer,
  unsigned,
} from "./support/bot-framework-tokens.js";

const APP_ID = "00000000-0000-0000-0000-0000000000aa";
let issuer: TokenIssuer & { publicPem: string };
let h: TeamsHarness;

beforeAll(async () => {
  issuer = await startTokenIssuer();
  h = await startTeamsHarness({
    appId: APP_ID,
    appPassword: "not-a-real-secret",
    appType: "SingleTenant",
    tenantId: "tenant-contoso",
    allowUnauthenticated: false,
    openIdMetadataUrl: issuer.metadataUrl,
  });
});
afterAll(async () => {
  await h.close();
  await issuer.close();
});

const at = () => ({ serviceUrl: h.connector.url });
const now = () => Math.floor(Date.now() / 1000);

describe("Teams requests with a token botbuilder accepts", () => {
  it("are let through: a valid token for this bot from the channel is answered 200", async () => {
    // A channel message that does not mention the bot: authenticated, then ignored, so nothing is sent out.
    const activity = { ...channelMention(at(), user("alice"), "help"), entities: [], text: "hello all" };
    const response = await h.post(activity, {
      authorization: `Bearer ${issuer.token(APP_ID, h.connector.url)}`,
    });
    expect(response.status).toBe(200);
  });
});

describe("Teams requests with a wrong token", () => {
  const cases: [string, () => string][] = [
    [
      "expired an hour ago",
      () => issuer.token(APP_ID, h.connector.url, { exp: now() - 3600, iat: now() - 7200 }),
    ],
    ["not valid before tomorrow", () => issuer.token(APP_ID, h.connector.url, { nbf: now() + 86_400 })],
    [
      "for another bot (wrong audience)",
      () => issuer.token("11111111-1111-1111-1111-111111111111", h.connector.url),
    ],
    ["for another service URL", () => issuer.token(APP_ID, "https://smba.evil.example/")],
    [
      "from another issuer",
      () => issuer.token(APP_ID, h.connector.url, { iss: "https://sts.evil.example/" }),
    ],
    ["signed with a key the issuer never published", () => issuer.forged(APP_ID, h.connector.url)],
    ["unsigned (alg none)", () => unsigned(channelClaims(APP_ID, h.connector.url))],
    [
      "signed with HMAC over the public key",
      () => hmacWithPublicKey(issuer, channelClaims(APP_ID, h.connector.url)),
    ],
    ["without the Bearer scheme", () => `Basic ${issuer.token(APP_ID, h.connector.url)}`],
  ];

  it.each(cases)("are refused with 401 and nothing handled: %s", async (_what, token) => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined); // botbuilder logs each refusal
    try {
      const header = token();
      const authorization = header.startsWith("Basic ") ? header : `Bearer ${header}`;
      const response = await h.post(personalMessage(at(), user("mallory"), "pause reminders"), {
        authorization,
      });
      expect(response.status).toBe(401);
      expect(h.connector.calls).toEqual([]);
      expect(h.records.people.get("teams:aad-mallory")).toBeUndefined();
      expect(h.references.get("teams:aad-mallory")).toBeUndefined();
    } finally {
      quiet.mockRestore();
    }
  });
});
