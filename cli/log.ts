/**
 * The process's structured log: one JSON object a line (pino), level from LOG_LEVEL. Lines say what happened with
 * ids, kinds, durations and outcomes; never what people wrote nor what a risk or evidence record holds, and never a
 * secret (configured secret values and anything shaped like a token are scrubbed wherever they appear).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import pino from "pino";

export type Logger = pino.Logger;
export type LogLevel = pino.LevelWithSilent;

export const LOG_LEVELS: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/**
 * Fields that hold secrets or what people wrote, wherever they appear (top level or one level down): their values
 * are replaced, so that a careless `logger.info({ body })` still leaks nothing.
 */
const SENSITIVE_KEYS = [
  "authorization",
  "cookie",
  "token",
  "botToken",
  "appToken",
  "password",
  "appPassword",
  "secret",
  "signingSecret",
  "clientSecret",
  "text",
  "body",
  "blocks",
  "description",
  "values",
];
const REDACT_PATHS = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((key) => `*.${key}`),
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
];

/** Shapes of credentials that must never reach a log line, whoever wrote the message (Bolt, botbuilder, us). */
const TOKEN_SHAPES: readonly [RegExp, string][] = [
  [/\bxox[abeoprs]-[A-Za-z0-9-]+/g, "xox?-[redacted]"],
  [/\bxapp-[A-Za-z0-9-]+/g, "xapp-[redacted]"],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, "Bearer [redacted]"],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, "[redacted jwt]"],
];

/** A string with configured secrets and token-shaped words replaced. */
export function scrub(text: string, secrets: readonly string[] = []): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 6) clean = clean.split(secret).join("[redacted]");
  for (const [shape, replacement] of TOKEN_SHAPES) clean = clean.replace(shape, replacement);
  return clean;
}

function scrubValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return scrub(value, secrets);
  if (value instanceof Error) {
    const clean = new Error(scrub(describeError(value), secrets));
    clean.name = value.name;
    return clean;
  }
  if (depth > 3 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrubValue(item, secrets, depth + 1);
  return out;
}

/** The first line of a failure, short and scrubbed: what a log line says about an error. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "").slice(0, 300) || "unknown error";
}

const requests = new AsyncLocalStorage<{ requestId: string }>();

/** Runs the work with this request id: every line logged while it runs (awaits included) carries `reqId`. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return requests.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return requests.getStore()?.requestId;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The caller's x-request-id when it is a sane token, else a new one (a proxy's id keeps a request traceable). */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where the JSON lines go: stdout for the bot, stderr for the console chat, memory in tests. */
  destination: { write(line: string): unknown };
  /** Configured secret values (tokens, signing secret, app password), scrubbed from every line. */
  secrets?: readonly string[];
}

export function createLogger({ level, destination, secrets = [] }: LoggerOptions): Logger {
  const known = secrets.filter((secret) => secret.length >= 6);
  return pino(
    {
      name: "isms-bot",
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { reqId: requestId } : {};
      },
      serializers: {
        // One line, no stack: enough to act on, and nothing a stack frame's arguments might carry.
        err: (error: unknown) =>
          error instanceof Error ? { type: error.name, message: describeError(error) } : describeError(error),
      },
      hooks: {
        logMethod(args, method) {
          const clean = args.map((arg) => scrubValue(arg, known)) as Parameters<typeof method>;
          method.apply(this, clean);
        },
      },
    },
    destination,
  );
}

/** A logger that writes nothing (tests, commands that log nothing). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
