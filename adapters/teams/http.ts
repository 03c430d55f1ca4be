/**
 * Node's http request and response as botbuilder's CloudAdapter expects them (the shape Express gives): the JSON body
 * read and parsed first, and a response with status, header, send and end.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Request, Response } from "botbuilder";

/** Activities are small; an attachment-heavy one stays far below this. */
const MAX_BODY_BYTES = 1024 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  // A server with a body parser in front (Express) has already read it.
  const parsed = (req as { body?: unknown }).body;
  if (parsed !== undefined && parsed !== null && typeof parsed === "object" && !Buffer.isBuffer(parsed))
    return parsed as Record<string, unknown>;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, "The activity is too large.");
    chunks.push(chunk as Buffer);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    if (body !== null && typeof body === "object" && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new BodyError(400, "The body must be a JSON activity.");
}

export async function toBotRequest(req: IncomingMessage): Promise<Request> {
  return { body: await readJson(req), headers: req.headers, method: req.method ?? "POST" };
}

export function toBotResponse(res: ServerResponse): Response {
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
    },
    send(body: unknown) {
      if (body === undefined || res.writableEnded) return;
      if (typeof body === "string" || Buffer.isBuffer(body)) {
        if (!res.hasHeader("content-type")) res.setHeader("content-type", "text/plain; charset=utf-8");
        res.write(body);
      } else {
        res.setHeader("content-type", "application/json; charset=utf-8");
        res.write(JSON.stringify(body));
      }
    },
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}

export function refuse(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  if (res.writableEnded) return;
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(message);
}
