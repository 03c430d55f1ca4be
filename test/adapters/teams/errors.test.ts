import { describe, expect, it } from "vitest";
import { retryAfterMs, toDeliveryError } from "../../../adapters/teams/errors.js";
import { DeliveryError } from "../../../src/scheduling/delivery-error.js";

/** The shape of botbuilder's RestError, as the connector throws it. */
const restError = (statusCode: number, code: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error("fake"), {
    statusCode,
    code,
    response: { headers: { get: (name: string) => headers[name.toLowerCase()] } },
  });

describe("Teams failures in the core's words", () => {
  it("waits as long as a 429 says, in seconds or until a date", () => {
    expect(toDeliveryError(restError(429, "Throttled", { "retry-after": "7" }))).toMatchObject({
      kind: "rate-limited",
      retryAfterMs: 7000,
      message: "Teams answered HTTP 429 (Throttled)",
    });
    expect(retryAfterMs("Wed, 21 Oct 2026 07:28:30 GMT", Date.parse("2026-10-21T07:28:00Z"))).toBe(30_000);
    expect(toDeliveryError(restError(429, "Throttled")).retryAfterMs).toBeUndefined();
  });

  it("retries server errors and 412, gives up on people who removed or blocked the bot", () => {
    expect(toDeliveryError(restError(502, "BadGateway")).kind).toBe("server");
    expect(toDeliveryError(restError(412, "PreconditionFailed")).kind).toBe("server");
    expect(toDeliveryError(restError(403, "ConversationBlockedByUser")).kind).toBe("unreachable");
    expect(toDeliveryError(restError(404, "NotFound")).kind).toBe("unreachable");
    expect(toDeliveryError(restError(400, "BadArgument")).kind).toBe("rejected");
  });

  it("treats no answer at all like a server error", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(toDeliveryError(refused)).toMatchObject({
      kind: "server",
      message: "Teams could not be reached (ECONNREFUSED)",
    });
  });

  it("keeps a DeliveryError as it is, and never repeats an odd error code", () => {
    const error = new DeliveryError("unreachable", "x");
    expect(toDeliveryError(error)).toBe(error);
    expect(toDeliveryError(restError(400, "<script>")).message).toBe("Teams answered HTTP 400");
  });
});
