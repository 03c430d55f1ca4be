import { request } from "node:http";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { startHttpServer } from "../../cli/http-server.js";
import { InFlight } from "../../cli/in-flight.js";
import { memoryLogger } from "../support/log.js";

/** A GET on a new connection, resolving with the status or the error's code. */
function get(port: number, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    req.end();
  });
}

describe("stopping the HTTP server", () => {
  it("waits for a request in flight, and turns away a new one on its connection with 503", async () => {
    const log = memoryLogger();
    let release: () => void = () => undefined;
    const server = await startHttpServer(
      [
        { method: "GET", path: "/quick", handle: (_q, res) => void res.end("ok") },
        {
          method: "GET",
          path: "/slow",
          handle: async (_q, res) => {
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            res.end("done");
          },
        },
      ],
      { port: 0, host: "127.0.0.1", logger: log.logger },
    );
    const socket = connect(server.port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk;
    });
    const closed = new Promise((resolve) => socket.on("close", resolve));
    socket.write("GET /slow HTTP/1.1\r\nHost: bot\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 50));

    const stopping = server.stop(5000);
    expect(await get(server.port, "/quick")).toBe("ECONNREFUSED");
    socket.write("GET /quick HTTP/1.1\r\nHost: bot\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await stopping).toEqual({ unfinished: 0 });
    await closed;
    const statuses = [...received.matchAll(/HTTP\/1\.1 (\d+)/g)].map((found) => found[1]);
    expect(statuses).toEqual(["200", "503"]);
    expect(received).toMatch(/done/);
    expect(received).toMatch(/Shutting down/);
    expect(log.lines().map((line) => [line.route, line.status])).toEqual([
      ["/slow", 200],
      ["(none)", 503],
    ]);
  });

  it("cuts off what outlasts the grace period, and says how much", async () => {
    const inFlight = new InFlight();
    const server = await startHttpServer(
      [{ method: "GET", path: "/forever", handle: () => new Promise<void>(() => undefined) }],
      { port: 0, host: "127.0.0.1", logger: memoryLogger().logger, inFlight },
    );
    const hanging = get(server.port, "/forever");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(inFlight.size).toBe(1);
    const started = Date.now();
    expect(await server.stop(200)).toEqual({ unfinished: 1 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await hanging).toBe("ECONNRESET");
  });
});
