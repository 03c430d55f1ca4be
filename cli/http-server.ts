/**
 * The one HTTP server of a bot process, on PORT: Slack's /slack/events, Teams' /api/messages and the export download
 * links share it, so one process serves every platform. It only routes; each platform's handler verifies its own
 * requests (Bolt the Slack signature, botbuilder the Bot Framework token). Unknown paths get 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

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
}

export interface HttpServer {
  port: number;
  /** Stops taking connections, lets requests in flight finish (up to graceMs), then closes the rest. */
  stop(graceMs?: number): Promise<void>;
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
export function router(routes: readonly Route[], log: (line: string) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
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
    if (!chosen) {
      const allow = [...new Set(onPath.map((found) => found.route.method))].join(", ");
      answer(res, 405, "Method not allowed", { allow });
      return;
    }
    const fail = (error: unknown) => {
      log(`http: ${req.method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
      answer(res, 500, "Internal error");
    };
    try {
      Promise.resolve(chosen.route.handle(req, res, chosen.params ?? [])).catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

export function startHttpServer(
  routes: readonly Route[],
  options: { port: number; host?: string; log: (line: string) => void },
): Promise<HttpServer> {
  const server: Server = createServer(router(routes, options.log));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      server.on("error", (error) => options.log(`http: ${error.message}`));
      resolve({
        port: (server.address() as AddressInfo).port,
        stop: (graceMs = 5000) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), graceMs);
            force.unref();
            server.close(() => {
              clearTimeout(force);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
