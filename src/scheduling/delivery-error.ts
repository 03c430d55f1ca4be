/**
 * Why a reminder could not be delivered, in the core's words: each adapter translates its SDK's errors into this, so
 * the paced sender can decide what to retry without knowing any platform.
 */

export type DeliveryErrorKind =
  /** The platform asked us to slow down; `retryAfterMs` says for how long, when it did. */
  | "rate-limited"
  /** The platform failed (HTTP 5xx) or could not be reached: worth trying again a little later. */
  | "server"
  /** The person cannot be reached there (no such user, deactivated, not on this platform). */
  | "unreachable"
  /** The platform refused the message for another reason; sending it again would not help. */
  | "rejected";

export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
  readonly kind: DeliveryErrorKind;
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: DeliveryErrorKind,
    message: string,
    options: { retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs;
  }
}
