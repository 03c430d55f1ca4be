/**
 * A fake Bot Connector (the Teams side of the Bot Framework) on 127.0.0.1 for offline tests. Give activities
 * `serviceUrl: fake.url` and botbuilder's real ConnectorClient sends the bot's answers here: with no app id it sends
 * them over plain http and without a token.
 *
 * Routes (conversation ids are URL-decoded: botbuilder encodes the ":" in "a:conv1"):
 * - `POST /v3/conversations/:id/activities[/:replyToId]`: a sent activity, recorded as "send"; answers `{ id }`.
 * - `PUT /v3/conversations/:id/activities/:activityId`: an update in place, recorded as "update".
 * - `DELETE /v3/conversations/:id/activities/:activityId`: recorded as "delete".
 * - `POST /v3/conversations`: a new conversation (a 1:1 chat), recorded as "create"; answers `{ id: "a:1on1-N" }`.
 * - `GET /v3/conversations/:id/members/:userId`: a member, recorded as "member".
 *
 * Every request is recorded in `calls`, including those answered with a failure from `failNext` (marked `failed`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeCallKind = "send" | "update" | "delete" | "create" | "member";

export interface FakeConnectorCall {
  kind: FakeCallKind;
  /** The conversation, decoded; for "create", the id it was given. */
  conversationId: string;
  /** The activity replied to ("send"), or updated or deleted. */
  activityId?: string;
  /** The JSON body: the activity sent or updated, or the conversation parameters. */
  body: Record<string, unknown>;
  authorization: string | undefined;
  failed?: FakeFailure;
}

export interface FakeFailure {
  status: number;
  /** Sent as Retry-After, in seconds. */
  retryAfter?: number;
  code?: string;
}

export interface FakeConnector {
  /** The serviceUrl to put in activities: "http://127.0.0.1:<port>/". */
  readonly url: string;
  readonly calls: readonly FakeConnectorCall[];
  callsTo(kind: FakeCallKind): FakeConnectorCall[];
  /** The calls of `kind` that succeeded, once there are `count`; rejects after `timeoutMs` listing all calls seen. */
  waitFor(kind: FakeCallKind, count?: number, timeoutMs?: number): Promise<FakeConnectorCall[]>;
  /** Answers the next `times` calls of `kind` with this failure. */
  failNext(kind: FakeCallKind, failure: FakeFailure, times?: number): void;
  reset(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === "object" && parsed !== null
    ? (parsed as Record<string, unknown>)
    : { body: parsed };
}

function route(
  method: string,
  path: string,
): { kind: FakeCallKind; conversationId: string; activityId?: string } {
  const parts = path.split("?")[0]?.split("/").filter(Boolean) ?? [];
  const [v3, conversations, id, sub, child] = parts;
  if (v3 !== "v3" || conversations !== "conversations") throw new Error(`unknown path ${path}`);
  if (id === undefined && method === "POST") return { kind: "create", conversationId: "" };
  const conversationId = decodeURIComponent(id ?? "");
  const activityId = child === undefined ? undefined : decodeURIComponent(child);
  if (sub === "activities" && method === "POST")
    return { kind: "send", conversationId, ...(activityId ? { activityId } : {}) };
  if (sub === "activities" && method === "PUT" && activityId)
    return { kind: "update", conversationId, activityId };
  if (sub === "activities" && method === "DELETE" && activityId)
    return { kind: "delete", conversationId, activityId };
  if (sub === "members" && method === "GET")
    return { kind: "member", conversationId, ...(activityId ? { activityId } : {}) };
  throw new Error(`unknown route ${method} ${path}`);
}

export interface FakeConnectorOptions {
  /** Told of every call as it arrives, before it is answered (the benchmarks time replies with it). */
  onCall?: (call: FakeConnectorCall) => void;
}

export async function startFakeConnector(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const calls: FakeConnectorCall[] = [];
  const failures = new Map<FakeCallKind, FakeFailure[]>();
  let sequence = 0;
  const waiters = new Set<() => void>();

  function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  const server = createServer(async (req, res) => {
    try {
      const { kind, conversationId, activityId } = route(req.method ?? "GET", req.url ?? "/");
      const body = await readBody(req);
      const call: FakeConnectorCall = {
        kind,
        conversationId,
        ...(activityId ? { activityId } : {}),
        body,
        authorization: req.headers.authorization,
      };
      const failure = failures.get(kind)?.shift();
      if (failure) call.failed = failure;
      calls.push(call);
      options.onCall?.(call);
      for (const wake of waiters) wake();
      if (failure) {
        const headers: Record<string, string> =
          failure.retryAfter === undefined ? {} : { "retry-after": String(failure.retryAfter) };
        answer(
          res,
          failure.status,
          { error: { code: failure.code ?? "Failed", message: "fake failure" } },
          headers,
        );
        return;
      }
      sequence += 1;
      if (kind === "create") {
        call.conversationId = `a:1on1-${sequence}`;
        answer(res, 201, { id: call.conversationId, activityId: `act-${sequence}` });
      } else if (kind === "member") answer(res, 200, { id: activityId, name: "Member" });
      else answer(res, kind === "send" ? 201 : 200, { id: `act-${sequence}` });
    } catch (error) {
      answer(res, 404, { error: { code: "NotFound", message: (error as Error).message } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const succeeded = (kind: FakeCallKind) => calls.filter((call) => call.kind === kind && !call.failed);

  return {
    url,
    calls,
    callsTo: (kind) => calls.filter((call) => call.kind === kind),
    waitFor(kind, count = 1, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (succeeded(kind).length < count) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(succeeded(kind));
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          const seen = calls.map(
            (call) => `${call.kind} ${call.conversationId}${call.failed ? " (failed)" : ""}`,
          );
          reject(
            new Error(`expected ${count} successful "${kind}" call(s); saw: ${seen.join(", ") || "none"}`),
          );
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    failNext(kind, failure, times = 1) {
      const queue = failures.get(kind) ?? [];
      for (let i = 0; i < times; i++) queue.push(failure);
      failures.set(kind, queue);
    },
    reset() {
      calls.length = 0;
      failures.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
