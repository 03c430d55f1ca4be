/**
 * Paces and retries reminder sends to fit a platform's rate limits (Slack: about one message per second per
 * conversation): waits between two sends to the same person, honours Retry-After on a rate limit and backs off on
 * server errors. What still fails is thrown to the caller, which keeps the reminder due.
 */
import type { PersonKey } from "../records/types.js";
import { DeliveryError } from "./delivery-error.js";
import type { Send } from "./reminders.js";

export interface PacingOptions {
  /** The least time between two sends to one conversation. */
  perConversationMs?: number;
  /** The least time between any two sends, whoever they go to (none by default). */
  minIntervalMs?: number;
  /** Retries after the first attempt, for rate limits and server errors together. */
  maxRetries?: number;
  /** The first wait after a server error; it doubles with each retry (1 s, 2 s, 4 s, 8 s). */
  backoffMs?: number;
  /** The wait after a rate limit that did not say how long (Slack always does; other platforms may not). */
  defaultRetryAfterMs?: number;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function pacedSend(send: Send, options: PacingOptions = {}): Send {
  const {
    perConversationMs = 1000,
    minIntervalMs = 0,
    maxRetries = 4,
    backoffMs = 1000,
    defaultRetryAfterMs = 5000,
    clock = () => new Date(),
    sleep = realSleep,
  } = options;
  // The earliest moment (ms since the epoch) of the next send, per conversation and for all of them.
  const nextFree = new Map<PersonKey, number>();
  let nextAny = 0;

  /** Reserves the next free moment for this conversation before waiting, so concurrent sends queue up too. */
  async function turn(recipient: PersonKey): Promise<void> {
    const now = clock().getTime();
    const at = Math.max(now, nextFree.get(recipient) ?? 0, nextAny);
    if (nextFree.size > 1000) for (const [key, free] of nextFree) if (free <= now) nextFree.delete(key);
    nextFree.set(recipient, at + perConversationMs);
    nextAny = at + minIntervalMs;
    if (at > now) await sleep(at - now);
  }

  /** How long to wait before trying again, or undefined to give up now. */
  function retryDelay(error: unknown, retry: number): number | undefined {
    if (!(error instanceof DeliveryError) || retry >= maxRetries) return undefined;
    if (error.kind === "rate-limited") return error.retryAfterMs ?? defaultRetryAfterMs;
    if (error.kind === "server") return backoffMs * 2 ** retry;
    return undefined; // unreachable or rejected: sending again would not help
  }

  return async (recipient, reply) => {
    for (let retry = 0; ; retry++) {
      await turn(recipient);
      try {
        await send(recipient, reply);
        return;
      } catch (error) {
        const delay = retryDelay(error, retry);
        if (delay === undefined) throw error;
        const until = clock().getTime() + delay;
        // Per-conversation pacing is in place, so a rate limit that still hits is the workspace's: everyone waits.
        if (error instanceof DeliveryError && error.kind === "rate-limited")
          nextAny = Math.max(nextAny, until);
        else nextFree.set(recipient, Math.max(nextFree.get(recipient) ?? 0, until));
      }
    }
  };
}
