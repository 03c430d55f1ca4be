import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { HEALTH_PATH, healthRoute } from "../../cli/health.js";
import { type HttpServer, startHttpServer } from "../../cli/http-server.js";
import { openDatabase } from "../../src/storage/database.js";
import { realCatalogue } from "../support/catalogue.js";
import { memoryLogger } from "../support/log.js";
import { tempDir } from "../support/temp.js";

const clock = () => new Date("2027-03-01T09:00:00Z");
const knowledge = realCatalogue();
const folder = tempDir();
afterAll(() => folder.remove());

let servers: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.stop(0)));
  servers = [];
});

async function healthOf(db: Database.Database, log = memoryLogger()) {
  const server = await startHttpServer(
    [healthRoute({ db, knowledge, startedAt: performance.now() - 61_000 })],
    {
      port: 0,
      host: "127.0.0.1",
      logger: log.logger,
    },
  );
  servers.push(server);
  const response = await fetch(`http://127.0.0.1:${server.port}${HEALTH_PATH}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, response };
}

describe("GET /healthz", () => {
  it("answers 200 with the database writable and the catalogue's counts, and leaves nothing behind", async () => {
    const db = openDatabase(join(folder.path, "ok.db"), { clock });
    const log = memoryLogger({ level: "info" });
    const { status, body, response } = await healthOf(db, log);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: "ok",
      database: "writable",
      catalogue: { controls: 93, clauses: knowledge.catalogue.clauses.length },
      uptimeSeconds: 61,
    });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'healthz_probe'").get()).toBeUndefined();
    // Health checks every few seconds would drown the log at info.
    expect(log.lines()).toEqual([]);
    db.close();
  });

  it("answers 503 naming the database when it cannot be written", async () => {
    const path = join(folder.path, "readonly.db");
    openDatabase(path, { clock }).close();
    const readOnly = new Database(path, { readonly: true });
    const { status, body } = await healthOf(readOnly);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "unavailable", database: "not writable (SQLITE_READONLY)" });
    readOnly.close();
  });

  it("answers 503 when another process holds the write lock, without standing still for long", async () => {
    const path = join(folder.path, "busy.db");
    const db = openDatabase(path, { clock });
    const other = new Database(path);
    other.exec("BEGIN IMMEDIATE");
    const started = performance.now();
    const { status, body } = await healthOf(db);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "unavailable", database: "busy" });
    other.exec("ROLLBACK");
    other.close();
    // The connection's own busy timeout is as it was.
    expect(db.pragma("busy_timeout", { simple: true })).toBeGreaterThan(250);
    db.close();
  });

  it("answers 503 once the database is closed", async () => {
    const db = openDatabase(join(folder.path, "closed.db"), { clock });
    db.close();
    const { status, body } = await healthOf(db);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "unavailable", database: "closed" });
  });
});
