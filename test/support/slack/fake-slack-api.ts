/**
 * A fake Slack Web API on 127.0.0.1 for offline tests. Point `WebClient`/Bolt at it with
 * `clientOptions: { slackApiUrl: fake.url }` and `response_url`s at `fake.responseUrl(id)`.
 *
 * Routes:
 * - `POST /api/<method>`: form-urlencoded (as WebClient sends), JSON or multipart; JSON-string fields
 *   (`blocks`, `view`, `attachments`, `files`, `metadata`) are parsed. Unknown methods answer `{ ok: true }`.
 * - `POST /upload/<file_id>`: the upload step of `files.uploadV2` (multipart field `body` holding the bytes).
 * - `POST /response/<id>`: `response_url` posts (JSON), recorded as method "response_url".
 * - `GET /files/<file_id>`: bytes of a file added with `addFile` or uploaded, recorded as "file_download".
 *
 * Every request is recorded in `calls`, including ones answered with a failure from `failNext`
 * (marked `failed`), so a retried call appears twice.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  APP_ID,
  BOT_ID,
  BOT_USER_ID,
  fileObject,
  type SlackFileObject,
  TEAM_DOMAIN,
  TEAM_ID,
} from "./signed-request.js";

export interface FakeSlackCall {
  /** Web API method, or "response_url", "upload", "file_download". */
  method: string;
  args: Record<string, unknown>;
  /** From `Authorization: Bearer …`, else the `token` argument. */
  token: string | undefined;
  /** The id in the path of "response_url", "upload" and "file_download" calls. */
  id?: string;
  /** Set when the call was answered with a failure queued by `failNext`. */
  failed?: FakeFailure;
}

export type FakeFailure =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 | 504 }
  /** HTTP 200 with `{ ok: false, error }` (a `WebAPIPlatformError` in WebClient); 404 for response_url. */
  | { error: string };

export interface FakeSlackUser {
  id: string;
  name?: string;
  real_name?: string;
  display_name?: string;
  email?: string;
  tz?: string;
  is_bot?: boolean;
  deleted?: boolean;
}

export type FakeMethodHandler = (
  args: Record<string, unknown>,
  call: FakeSlackCall,
) => Record<string, unknown>;

export interface FakeSlackApi {
  /** Base URL for `slackApiUrl`: "http://127.0.0.1:<port>/api/". */
  readonly url: string;
  /** "http://127.0.0.1:<port>". */
  readonly origin: string;
  /** A `response_url` on this server; posts to it are recorded as method "response_url" with this id. */
  responseUrl(id: string): string;
  /** Download URL of a file held by this server. */
  fileUrl(fileId: string): string;
  readonly calls: readonly FakeSlackCall[];
  callsTo(method: string): FakeSlackCall[];
  /** Resolves with the calls to `method` once there are `count`; rejects after `timeoutMs` listing all calls seen. */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<FakeSlackCall[]>;
  /** Queue a failure for the next call to `method` (several queue up in order). */
  failNext(method: string, failure: FakeFailure): void;
  /** Add or replace a user in the `users.info` / `users.lookupByEmail` directory. */
  setUser(user: FakeSlackUser): void;
  /** Register a file for `files.info` and `GET /files/<id>`; returns the Slack file object. */
  addFile(file: {
    id: string;
    name: string;
    bytes: Buffer | string;
    title?: string;
    mimetype?: string;
  }): SlackFileObject;
  /** Bytes received by the upload step of `files.uploadV2`, by file id. */
  readonly uploads: ReadonlyMap<string, Buffer>;
  /** Replace the answer for `method` (200 JSON); `ok: true` is added unless the handler sets `ok`. */
  respondWith(method: string, handler: FakeMethodHandler): void;
  /** Forget calls, queued failures and handlers (users and files stay). */
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = ["blocks", "view", "attachments", "files", "metadata"];
const MAX_MESSAGE_BLOCKS = 50;
const MAX_VIEW_BLOCKS = 100;

function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(.+)$/i);
  return match?.[1];
}

function parseJsonFields(args: Record<string, unknown>): Record<string, unknown> {
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value === "string" && /^\s*[[{]/.test(value)) {
      try {
        args[field] = JSON.parse(value);
      } catch {
        // leave malformed JSON as the raw string
      }
    }
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseArgs(contentType: string, raw: Buffer): Promise<Record<string, unknown>> {
  if (raw.length === 0) return {};
  if (contentType.includes("application/json")) {
    const parsed: unknown = JSON.parse(raw.toString("utf8"));
    return typeof parsed === "object" && parsed !== null
      ? (parsed as Record<string, unknown>)
      : { body: parsed };
  }
  if (contentType.includes("multipart/form-data")) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { "content-type": contentType },
    }).formData();
    const args: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) {
      args[key] = typeof value === "string" ? value : Buffer.from(await value.arrayBuffer());
    }
    return args;
  }
  return Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
}

function tsFor(n: number): string {
  const micros = n * 100;
  return `${1_700_000_000 + Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, "0")}`;
}

function countBlocks(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

export interface FakeSlackApiOptions {
  /** Told of every call as it arrives, before it is answered (the benchmarks time replies with it). */
  onCall?: (call: FakeSlackCall) => void;
}

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const calls: FakeSlackCall[] = [];
  const record = (call: FakeSlackCall) => {
    calls.push(call);
    options.onCall?.(call);
  };
  const failures = new Map<string, FakeFailure[]>();
  const handlers = new Map<string, FakeMethodHandler>();
  const users = new Map<string, FakeSlackUser>();
  const files = new Map<string, { object: SlackFileObject; bytes: Buffer }>();
  const pendingUploads = new Map<string, { filename: string; length: number }>();
  const uploads = new Map<string, Buffer>();
  let tsSeq = 0;
  let viewSeq = 0;
  let fileSeq = 0;
  let origin = "";

  const nextTs = () => tsFor(++tsSeq);
  const nextViewId = () => `V${++viewSeq}`;
  const fileUrl = (fileId: string) => `${origin}/files/${fileId}`;

  function registerFile(
    id: string,
    name: string,
    bytes: Buffer,
    extra: { title?: string; mimetype?: string } = {},
  ) {
    const object = fileObject({
      id,
      name,
      size: bytes.length,
      user: BOT_USER_ID,
      url_private: fileUrl(id),
      ...(extra.title === undefined ? {} : { title: extra.title }),
      ...(extra.mimetype === undefined ? {} : { mimetype: extra.mimetype }),
    });
    files.set(id, { object, bytes });
    return object;
  }

  function userObject(user: FakeSlackUser) {
    const name = user.name ?? user.id.toLowerCase();
    const realName = user.real_name ?? `User ${user.id}`;
    const displayName = user.display_name ?? name;
    return {
      id: user.id,
      team_id: TEAM_ID,
      name,
      deleted: user.deleted ?? false,
      real_name: realName,
      tz: user.tz ?? "Europe/Berlin",
      is_bot: user.is_bot ?? false,
      is_app_user: false,
      profile: {
        email: user.email ?? `${name}@example.com`,
        real_name: realName,
        real_name_normalized: realName,
        display_name: displayName,
        display_name_normalized: displayName,
        team: TEAM_ID,
      },
    };
  }

  function viewReply(args: Record<string, unknown>, id: string) {
    const view =
      typeof args.view === "object" && args.view !== null ? (args.view as Record<string, unknown>) : {};
    if (countBlocks(view.blocks) > MAX_VIEW_BLOCKS) {
      return {
        ok: false,
        error: "invalid_arguments",
        response_metadata: {
          messages: [`[ERROR] no more than ${MAX_VIEW_BLOCKS} items allowed [json-pointer:/view/blocks]`],
        },
      };
    }
    return {
      ok: true,
      view: {
        team_id: TEAM_ID,
        state: { values: {} },
        hash: `${1_700_000_000 + viewSeq}.fakehash${id}`,
        previous_view_id: null,
        root_view_id: id,
        app_id: APP_ID,
        bot_id: BOT_ID,
        ...view,
        id,
      },
    };
  }

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: `https://${TEAM_DOMAIN}.slack.com/`,
          team: "Example",
          user: "isms-bot",
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
          is_enterprise_install: false,
        };
      case "chat.postMessage": {
        const channel = String(args.channel ?? "");
        if (channel === "") return { ok: false, error: "channel_not_found" };
        if (args.text === undefined && args.blocks === undefined && args.attachments === undefined) {
          return { ok: false, error: "no_text" };
        }
        if (countBlocks(args.blocks) > MAX_MESSAGE_BLOCKS) return { ok: false, error: "invalid_blocks" };
        const ts = nextTs();
        const resolved = /^[UW]/.test(channel) ? `D${channel}` : channel;
        return {
          ok: true,
          channel: resolved,
          ts,
          message: {
            type: "message",
            text: args.text ?? "",
            user: BOT_USER_ID,
            bot_id: BOT_ID,
            ts,
            team: TEAM_ID,
            ...(args.blocks === undefined ? {} : { blocks: args.blocks }),
            ...(args.thread_ts === undefined ? {} : { thread_ts: args.thread_ts }),
          },
        };
      }
      case "chat.postEphemeral":
        if (args.channel === undefined || args.user === undefined)
          return { ok: false, error: "invalid_arguments" };
        if (countBlocks(args.blocks) > MAX_MESSAGE_BLOCKS) return { ok: false, error: "invalid_blocks" };
        return { ok: true, message_ts: nextTs() };
      case "chat.update":
        if (args.channel === undefined || args.ts === undefined)
          return { ok: false, error: "invalid_arguments" };
        if (countBlocks(args.blocks) > MAX_MESSAGE_BLOCKS) return { ok: false, error: "invalid_blocks" };
        return {
          ok: true,
          channel: args.channel,
          ts: args.ts,
          text: args.text ?? "",
          message: { text: args.text ?? "", user: BOT_USER_ID, bot_id: BOT_ID, blocks: args.blocks ?? [] },
        };
      case "chat.delete":
        return { ok: true, channel: args.channel, ts: args.ts };
      case "chat.getPermalink": {
        const channel = String(args.channel ?? "");
        const ts = String(args.message_ts ?? "");
        return {
          ok: true,
          channel,
          permalink: `https://${TEAM_DOMAIN}.slack.com/archives/${channel}/p${ts.replace(".", "")}`,
        };
      }
      case "views.open":
      case "views.push":
        if (args.trigger_id === undefined && args.interactivity_pointer === undefined) {
          return { ok: false, error: "invalid_arguments" };
        }
        return viewReply(args, nextViewId());
      case "views.update":
        return viewReply(args, typeof args.view_id === "string" ? args.view_id : nextViewId());
      case "views.publish":
        return viewReply(args, nextViewId());
      case "conversations.open": {
        if (typeof args.channel === "string") return { ok: true, channel: { id: args.channel } };
        const first = String(args.users ?? "").split(",")[0] ?? "";
        if (first === "") return { ok: false, error: "users_list_not_supplied" };
        return { ok: true, channel: { id: `D${first}` } };
      }
      case "users.info": {
        const user = users.get(String(args.user ?? ""));
        return user === undefined
          ? { ok: false, error: "user_not_found" }
          : { ok: true, user: userObject(user) };
      }
      case "users.lookupByEmail": {
        const email = String(args.email ?? "").toLowerCase();
        const user = [...users.values()].find((u) => userObject(u).profile.email.toLowerCase() === email);
        return user === undefined
          ? { ok: false, error: "users_not_found" }
          : { ok: true, user: userObject(user) };
      }
      case "files.getUploadURLExternal": {
        const filename = String(args.filename ?? "");
        const length = Number(args.length);
        if (filename === "" || !Number.isFinite(length)) return { ok: false, error: "invalid_arguments" };
        const fileId = `F${String(++fileSeq).padStart(10, "0")}`;
        pendingUploads.set(fileId, { filename, length });
        return { ok: true, upload_url: `${origin}/upload/${fileId}`, file_id: fileId };
      }
      case "files.completeUploadExternal": {
        const list = Array.isArray(args.files) ? (args.files as { id?: unknown; title?: unknown }[]) : [];
        if (list.length === 0) return { ok: false, error: "invalid_arguments" };
        const completed: SlackFileObject[] = [];
        for (const entry of list) {
          const id = String(entry.id ?? "");
          const pending = pendingUploads.get(id);
          const bytes = uploads.get(id);
          if (pending === undefined || bytes === undefined) return { ok: false, error: "file_not_found" };
          const title = typeof entry.title === "string" ? entry.title : pending.filename;
          completed.push(registerFile(id, pending.filename, bytes, { title }));
        }
        return { ok: true, files: completed };
      }
      case "files.info": {
        const file = files.get(String(args.file ?? ""));
        return file === undefined ? { ok: false, error: "file_not_found" } : { ok: true, file: file.object };
      }
      default:
        return { ok: true };
    }
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": typeof body === "string" ? "text/plain" : "application/json; charset=utf-8",
      ...headers,
    });
    res.end(text);
  }

  /** Answers with the queued failure for `call.method`, if any; returns whether it did. */
  function sendFailure(res: ServerResponse, call: FakeSlackCall, isResponseUrl = false): boolean {
    const queue = failures.get(call.method);
    const failure = queue?.shift();
    if (failure === undefined) return false;
    call.failed = failure;
    if ("error" in failure) {
      send(res, isResponseUrl ? 404 : 200, { ok: false, error: failure.error });
    } else if (failure.status === 429) {
      send(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(failure.retryAfter) });
    } else {
      send(res, failure.status, "Internal Server Error");
    }
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const contentType = req.headers["content-type"] ?? "";
    const raw = await readBody(req);
    const headerToken = bearer(req.headers.authorization);

    const fileMatch = /^\/files\/([^/]+)$/.exec(path);
    if (req.method === "GET" && fileMatch?.[1] !== undefined) {
      const id = decodeURIComponent(fileMatch[1]);
      const call: FakeSlackCall = { method: "file_download", args: {}, token: headerToken, id };
      record(call);
      if (sendFailure(res, call)) return;
      const file = files.get(id);
      if (file === undefined) return send(res, 404, "Not Found");
      res.writeHead(200, {
        "content-type": file.object.mimetype,
        "content-length": String(file.bytes.length),
      });
      res.end(file.bytes);
      return;
    }
    if (req.method !== "POST") return send(res, 405, "Method Not Allowed");

    const apiMatch = /^\/api\/([A-Za-z0-9._-]+)$/.exec(path);
    if (apiMatch?.[1] !== undefined) {
      const method = apiMatch[1];
      const args = parseJsonFields(await parseArgs(contentType, raw));
      const token = headerToken ?? (typeof args.token === "string" ? args.token : undefined);
      const call: FakeSlackCall = { method, args, token };
      record(call);
      if (sendFailure(res, call)) return;
      const handler = handlers.get(method);
      if (handler !== undefined) return send(res, 200, { ok: true, ...handler(args, call) });
      return send(res, 200, answer(method, args));
    }

    const uploadMatch = /^\/upload\/([^/]+)$/.exec(path);
    if (uploadMatch?.[1] !== undefined) {
      const id = decodeURIComponent(uploadMatch[1]);
      let bytes = raw;
      if (contentType.includes("multipart/form-data")) {
        const parts = await parseArgs(contentType, raw);
        const part = parts.body ?? parts.file ?? Object.values(parts).find((v) => Buffer.isBuffer(v));
        bytes = Buffer.isBuffer(part) ? part : Buffer.from(String(part ?? ""));
      }
      const pending = pendingUploads.get(id);
      const call: FakeSlackCall = {
        method: "upload",
        args: { file_id: id, filename: pending?.filename, length: bytes.length, bytes },
        token: headerToken,
        id,
      };
      record(call);
      if (sendFailure(res, call)) return;
      if (pending === undefined) return send(res, 404, "Not Found");
      uploads.set(id, bytes);
      return send(res, 200, `OK - ${bytes.length}`);
    }

    const responseMatch = /^\/response\/([^/]+)$/.exec(path);
    if (responseMatch?.[1] !== undefined) {
      const id = decodeURIComponent(responseMatch[1]);
      const args = parseJsonFields(await parseArgs(contentType, raw));
      const call: FakeSlackCall = { method: "response_url", args, token: headerToken, id };
      record(call);
      if (sendFailure(res, call, true)) return;
      return send(res, 200, { ok: true });
    }

    send(res, 404, "Not Found");
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, `fake Slack API error: ${String(error)}`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  const callsTo = (method: string) => calls.filter((call) => call.method === method);

  return {
    url: `${origin}/api/`,
    origin,
    responseUrl: (id) => `${origin}/response/${encodeURIComponent(id)}`,
    fileUrl,
    calls,
    callsTo,
    async waitFor(method, count = 1, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const seen = callsTo(method);
        if (seen.length >= count) return seen;
        if (Date.now() >= deadline) {
          const summary = calls.map(
            (call) => `${call.method}${call.failed ? " (failed)" : ""} ${JSON.stringify(call.args)}`,
          );
          const error = new Error(
            `waitFor("${method}", ${count}) timed out after ${timeoutMs} ms with ${seen.length}; calls seen:\n` +
              (summary.length === 0 ? "(none)" : summary.join("\n")),
          );
          throw Object.assign(error, { calls: [...calls] });
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    failNext(method, failure) {
      const queue = failures.get(method) ?? [];
      queue.push(failure);
      failures.set(method, queue);
    },
    setUser(user) {
      users.set(user.id, { ...users.get(user.id), ...user });
    },
    addFile(file) {
      const bytes = typeof file.bytes === "string" ? Buffer.from(file.bytes) : file.bytes;
      return registerFile(file.id, file.name, bytes, {
        ...(file.title === undefined ? {} : { title: file.title }),
        ...(file.mimetype === undefined ? {} : { mimetype: file.mimetype }),
      });
    },
    uploads,
    respondWith(method, handler) {
      handlers.set(method, handler);
    },
    reset() {
      calls.length = 0;
      failures.clear();
      handlers.clear();
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
