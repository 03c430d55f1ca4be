/**
 * The one HTTP server of a bot process, on PORT: Slack's /slack/events, Teams' /api/messages, the export download
 * links and /healthz share it, so one process serves every platform. It only routes; each platform's handler verifies
 * its own requests (Bolt the Slack signature, botbuilder the Bot Framework token). Unknown paths get 404. Every
 * request gets an id (the caller's x-request-id when sane), echoed in the response and on every line logged for it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { InFlight } from "./in-flight.js";
import { describeError, type Logger, requestIdFrom, withRequestId } from "./log.js";

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: string[],
) => void | Promise<void>;

export interface Route {
  method: "GET" | "POST";
  /** An exact path, or a pattern whose groups become params (matched against the path without its query). */
  path: string | RegExp;
  handle: RouteHandler;
  /** How the route is named in logs; a pattern's path may hold a secret (an export link's token). */
  name?: string;
  /** Logged at debug rather than info: health checks come every few seconds. */
  quiet?: boolean;
}

export interface HttpServer {
  port: number;
  /**
   * Stops taking connections (a request on a connection already open gets 503), lets the work in flight finish (up to
   * graceMs), then closes every connection. Says how much work was still running when it gave up waiting.
   */
  stop(graceMs?: number): Promise<{ unfinished: number }>;
}

export interface RouterOptions {
  logger: Logger;
  /** Where accepted requests are counted until their handler and response are done. */
  inFlight?: InFlight;
  /** True once the process is stopping: new requests are turned away. */
  stopping?: () => boolean;
}

function match(route: Route, path: string): string[] | undefined {
  if (typeof route.path === "string") return route.path === path ? [] : undefined;
  const found = route.path.exec(path);
  return found ? found.slice(1).map((group) => group ?? "") : undefined;
}

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(`${text}\n`);
}

/** The request listener: the first route whose path matches; a known path asked with another method gets 405. */
export function router(routes: readonly Route[], { logger, inFlight, stopping }: RouterOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const reqId = requestIdFrom(req.headers["x-request-id"]);
    res.setHeader("x-request-id", reqId);
    const started = performance.now();
    let routeName = "(none)";
    let quiet = false;
    const closed = new Promise<void>((resolve) => {
      res.once("close", () => {
        const line = {
          reqId,
          method: req.method,
          route: routeName,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          ...(res.writableFinished ? {} : { aborted: true }),
        };
        if (quiet) logger.debug(line, "http request");
        else logger.info(line, "http request");
        resolve();
      });
    });
    withRequestId(reqId, () => {
      if (stopping?.()) {
        answer(res, 503, "Shutting down; try again shortly.", { connection: "close", "retry-after": "5" });
        return;
      }
      let path: string;
      try {
        path = new URL(req.url ?? "/", "http://localhost").pathname;
      } catch {
        answer(res, 400, "Bad request");
        return;
      }
      const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
      const onPath = routes
        .map((route) => ({ route, params: match(route, path) }))
        .filter((found) => found.params !== undefined);
      if (onPath.length === 0) {
        answer(res, 404, "Not found");
        return;
      }
      const chosen = onPath.find((found) => found.route.method === method);
      const named = chosen?.route ?? onPath[0]?.route;
      routeName = named?.name ?? (typeof named?.path === "string" ? named.path : "(pattern)");
      quiet = named?.quiet === true;
      if (!chosen) {
        const allow = [...new Set(onPath.map((found) => found.route.method))].join(", ");
        answer(res, 405, "Method not allowed", { allow });
        return;
      }
      const fail = (error: unknown) => {
        logger.error({ route: routeName, err: describeError(error) }, "http handler failed");
        answer(res, 500, "Internal error");
      };
      let work: Promise<void>;
      try {
        work = Promise.resolve(chosen.route.handle(req, res, chosen.params ?? [])).catch(fail);
      } catch (error) {
        fail(error);
        work = Promise.resolve();
      }
      inFlight?.track(Promise.all([work, closed]));
    });
  };
}

export function startHttpServer(
  routes: readonly Route[],
  options: { port: number; host?: string; logger: Logger; inFlight?: InFlight },
): Promise<HttpServer> {
  const inFlight = options.inFlight ?? new InFlight();
  let stopping = false;
  const server: Server = createServer(
    router(routes, { logger: options.logger, inFlight, stopping: () => stopping }),
  );
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      server.on("error", (error) => options.logger.error({ err: describeError(error) }, "http server error"));
      resolve({
        port: (server.address() as AddressInfo).port,
        stop: async (graceMs = 5000) => {
          stopping = true;
          const closed = new Promise<void>((done) => server.close(() => done()));
          server.closeIdleConnections();
          await inFlight.drain(graceMs);
          const unfinished = inFlight.size;
          server.closeAllConnections();
          await closed;
          return { unfinished };
        },
      });
    });
  });
}
