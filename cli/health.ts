/**
 * GET /healthz for load balancers and container health checks: 200 when the process is up, the database takes a
 * write and the catalogue is loaded; 503 naming the part that is not (a stopping process answers 503 to every
 * request). It needs no authentication, so it says nothing but states and counts.
 */
import { performance } from "node:perf_hooks";
import type { Db } from "../src/storage/database.js";
import type { Knowledge } from "./context.js";
import type { Route } from "./http-server.js";

export const HEALTH_PATH = "/healthz";

export interface HealthReport {
  status: "ok" | "unavailable";
  database: string;
  catalogue: { controls: number; clauses: number };
  uptimeSeconds: number;
}

/**
 * Whether the database takes a write: a table is created and a row written inside a transaction that is rolled back,
 * so the write lock, the file's permissions and the connection are all exercised and nothing is kept. A writer
 * holding the lock for longer than a moment reads as "busy" rather than blocking the process.
 */
export function databaseState(db: Db): string {
  if (!db.open) return "closed";
  if (db.inTransaction) return "writable";
  const timeout = db.pragma("busy_timeout", { simple: true }) as number;
  db.pragma("busy_timeout = 250");
  try {
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec("CREATE TABLE healthz_probe (checked INTEGER); INSERT INTO healthz_probe VALUES (1);");
    } finally {
      db.exec("ROLLBACK");
    }
    return "writable";
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "SQLITE_BUSY") return "busy";
    return `not writable (${typeof code === "string" ? code : "error"})`;
  } finally {
    if (db.open) db.pragma(`busy_timeout = ${Number(timeout) || 0}`);
  }
}

export function checkHealth(options: {
  db: Db;
  knowledge: Knowledge;
  /** performance.now() when the bot started. */
  startedAt: number;
}): HealthReport {
  const { catalogue } = options.knowledge;
  const counts = { controls: catalogue.controls.length, clauses: catalogue.clauses.length };
  const database = databaseState(options.db);
  const healthy = database === "writable" && counts.controls > 0 && counts.clauses > 0;
  return {
    status: healthy ? "ok" : "unavailable",
    database,
    catalogue: counts,
    uptimeSeconds: Math.floor((performance.now() - options.startedAt) / 1000),
  };
}

export function healthRoute(options: Parameters<typeof checkHealth>[0]): Route {
  return {
    method: "GET",
    path: HEALTH_PATH,
    quiet: true,
    handle: (_req, res) => {
      const report = checkHealth(options);
      res.writeHead(report.status === "ok" ? 200 : 503, {
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
      });
      res.end(`${JSON.stringify(report)}\n`);
    },
  };
}
