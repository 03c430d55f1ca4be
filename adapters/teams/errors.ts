/**
 * Teams' answers in the core's words (DeliveryError), so the paced sender can tell what is worth retrying. botbuilder
 * has already retried a 429 (waiting its Retry-After) and 5xx answers three times by itself when this is reached.
 */
import { DeliveryError } from "../../src/scheduling/delivery-error.js";

/** The part of botbuilder's RestError read here. */
interface HttpFailure {
  statusCode?: number;
  code?: string;
  response?: { headers?: { get?(name: string): string | undefined | null } };
}

/** Answers that mean the person cannot be reached there: the bot was removed, blocked, or the chat is gone. */
const UNREACHABLE = new Set([403, 404]);
/** Nothing came back at all: likely to pass, like a server error. */
const NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "REQUEST_SEND_ERROR",
]);

/** Retry-After in seconds or as an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const failure = (error ?? {}) as HttpFailure;
  const status = failure.statusCode;
  const code = typeof failure.code === "string" && /^[A-Za-z_]{1,60}$/.test(failure.code) ? failure.code : "";
  const answered = `Teams answered HTTP ${status}${code ? ` (${code})` : ""}`;
  if (status === 429) {
    const wait = retryAfterMs(failure.response?.headers?.get?.("retry-after"));
    return new DeliveryError("rate-limited", answered, {
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
      cause: error,
    });
  }
  if (status !== undefined && (status >= 500 || status === 412))
    return new DeliveryError("server", answered, { cause: error });
  if (status !== undefined && UNREACHABLE.has(status))
    return new DeliveryError("unreachable", answered, { cause: error });
  if (status !== undefined) return new DeliveryError("rejected", answered, { cause: error });
  if (NETWORK.has(code))
    return new DeliveryError("server", `Teams could not be reached (${code})`, { cause: error });
  return new DeliveryError("rejected", error instanceof Error ? error.message : String(error), {
    cause: error,
  });
}
