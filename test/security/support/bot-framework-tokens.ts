/**
 * A stand-in for the Bot Framework's token issuer on loopback: an OpenID configuration and key set that botbuilder
 * fetches, and tokens signed with its key (or another) with whatever claims a test needs. It lets botbuilder's own
 * validation of the Authorization header run for real, without the network.
 */
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const CHANNEL_ISSUER = "https://api.botframework.com";
export const KEY_ID = "isms-test-key";

export interface TokenIssuer {
  /** Give this to the Teams app as `openIdMetadataUrl`. */
  metadataUrl: string;
  /** A token as the Teams channel sends it to `audience` (the bot's app id); `claims` add to or replace the defaults. */
  token(audience: string, serviceUrl: string, claims?: Record<string, unknown>): string;
  /** The same token, signed with a key the issuer never published. */
  forged(audience: string, serviceUrl: string): string;
  close(): Promise<void>;
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

function rs256(header: object, claims: object, key: KeyObject): string {
  const unsigned = `${encode(header)}.${encode(claims)}`;
  return `${unsigned}.${createSign("RSA-SHA256").update(unsigned).sign(key).toString("base64url")}`;
}

/** A token signed with HMAC over the issuer's public key: the classic algorithm-confusion attack. */
export function hmacWithPublicKey(issuer: { publicPem: string }, claims: object): string {
  const unsigned = `${encode({ alg: "HS256", typ: "JWT", kid: KEY_ID })}.${encode(claims)}`;
  return `${unsigned}.${createHmac("sha256", issuer.publicPem).update(unsigned).digest("base64url")}`;
}

/** An unsigned token (`alg: none`). */
export function unsigned(claims: object): string {
  return `${encode({ alg: "none", typ: "JWT" })}.${encode(claims)}.`;
}

export function channelClaims(audience: string, serviceUrl: string, now = Math.floor(Date.now() / 1000)) {
  return {
    iss: CHANNEL_ISSUER,
    aud: audience,
    serviceurl: serviceUrl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
  };
}

export async function startTokenIssuer(): Promise<TokenIssuer & { publicPem: string }> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const jwk = publicKey.export({ format: "jwk" });
  let base = "";
  const server: Server = createServer((req, res) => {
    const body =
      req.url === "/openid"
        ? {
            issuer: CHANNEL_ISSUER,
            jwks_uri: `${base}/keys`,
            id_token_signing_alg_values_supported: ["RS256"],
          }
        : req.url === "/keys"
          ? { keys: [{ kty: "RSA", use: "sig", kid: KEY_ID, n: jwk.n, e: jwk.e, endorsements: ["msteams"] }] }
          : undefined;
    res.writeHead(body ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const header = { alg: "RS256", typ: "JWT", kid: KEY_ID };
  return {
    metadataUrl: `${base}/openid`,
    publicPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    token: (audience, serviceUrl, claims = {}) =>
      rs256(header, { ...channelClaims(audience, serviceUrl), ...claims }, privateKey),
    forged: (audience, serviceUrl) => rs256(header, channelClaims(audience, serviceUrl), stranger),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
