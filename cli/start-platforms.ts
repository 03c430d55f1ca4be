/**
 * `isms start` with chat platforms configured: Slack and Teams in one process, on one database and one core, served
 * by one HTTP server on PORT (with /healthz), with one reminder schedule that hands each person's reminders to their
 * own platform. The function it returns shuts all of that down gracefully.
 */
import { performance } from "node:perf_hooks";
import { DeliveryError } from "../src/scheduling/delivery-error.js";
import { ReminderLedger } from "../src/scheduling/reminder-ledger.js";
import { Reminders } from "../src/scheduling/reminders.js";
import { startReminderSchedule } from "../src/scheduling/schedule.js";
import { DeliveryLedger } from "../src/storage/delivery-ledger.js";
import type { Config } from "./config.js";
import { startBot } from "./context.js";
import { ExportLinks } from "./export-links.js";
import { healthRoute } from "./health.js";
import { type HttpServer, type Route, startHttpServer } from "./http-server.js";
import { InFlight } from "./in-flight.js";
import { describeError, type Logger } from "./log.js";
import type { Platform, Shared } from "./platform.js";
import { slackPlatform } from "./start-slack.js";

/** How long shutdown waits for requests and a reminder run in flight: under Docker's 10 s before it kills. */
export const SHUTDOWN_GRACE_MS = 8000;

export interface StartOptions {
  logger: Logger;
  /** The interface to listen on; all of them by default. */
  host?: string;
  clock?: () => Date;
  /** How long shutdown waits for work in flight; SHUTDOWN_GRACE_MS by default. */
  graceMs?: number;
}

function within<T>(work: Promise<T>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  return Promise.race([work.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

export async function startPlatforms(config: Config, options: StartOptions): Promise<() => Promise<void>> {
  const { logger } = options;
  const clock = options.clock ?? (() => new Date());
  const graceMs = options.graceMs ?? SHUTDOWN_GRACE_MS;
  const startedAt = performance.now();
  const { bot, close, db, knowledge, records } = startBot(config, clock, (error) =>
    logger.error({ component: "bot", err: describeError(error) }, "a message could not be answered"),
  );
  // The emulator runs on this machine, so its export links can point here; anywhere else needs the public address.
  const publicUrl =
    config.publicUrl ?? (config.teams?.allowUnauthenticated ? `http://localhost:${config.port}` : undefined);
  const inFlight = new InFlight();
  const shared: Shared = {
    bot,
    db,
    knowledge,
    ledger: new DeliveryLedger(db, clock),
    clock,
    exportLinks: publicUrl ? new ExportLinks({ exportDir: config.exportDir, publicUrl, clock }) : undefined,
    logger,
    inFlight,
  };

  const platforms: Platform[] = [];
  let server: HttpServer | undefined;
  try {
    if (config.slack) platforms.push(slackPlatform(shared, config.slack));
    if (config.teams) {
      // botbuilder is large: only a process that serves Teams loads it.
      const { teamsPlatform } = await import("./start-teams.js");
      platforms.push(await teamsPlatform(shared, config.teams));
    }
    // Each platform brings its routes; the server's own (export links, the health check) are added after. The server
    // runs even for Slack in Socket Mode alone, so that /healthz answers wherever the bot runs.
    const routes: Route[] = platforms.flatMap((platform) => platform.routes);
    if (shared.exportLinks && config.teams) {
      const links = shared.exportLinks;
      routes.push({
        method: "GET",
        path: /^\/exports\/([^/]*)$/,
        name: "/exports/:token",
        handle: (req, res, [token]) => links.serve(req, res, token ?? ""),
      });
    }
    routes.push(healthRoute({ db, knowledge, startedAt }));
    server = await startHttpServer(routes, {
      port: config.port,
      ...(options.host ? { host: options.host } : {}),
      logger: logger.child({ component: "http" }),
      inFlight,
    });
    const base = `http://${options.host ?? "0.0.0.0"}:${server.port}`;
    for (const platform of platforms) await platform.start(base);
    logger.info(
      { platforms: platforms.length, port: server.port, controls: knowledge.catalogue.controls.length },
      "isms-bot started",
    );
  } catch (error) {
    await server?.stop(0);
    close();
    throw error;
  }

  const remindersLog = logger.child({ component: "reminders" });
  const schedule = startReminderSchedule({
    reminders: new Reminders(records, new ReminderLedger(db, clock)),
    clock,
    // Each person is reached by their own platform; people of a platform not running here stay due.
    reaches: (recipient) => platforms.some((platform) => platform.reaches(recipient)),
    send: async (recipient, reply) => {
      const platform = platforms.find((candidate) => candidate.reaches(recipient));
      if (!platform) throw new DeliveryError("unreachable", `${recipient} cannot be reached from here`);
      await platform.send(recipient, reply);
    },
    onError: (error) => remindersLog.error({ err: describeError(error) }, "reminders: the run failed"),
    onRun: (outcome) => {
      if (outcome.sent + outcome.failed > 0) remindersLog.info(outcome, "reminder run");
      else remindersLog.debug(outcome, "reminder run");
    },
  });

  let stopping: Promise<void> | undefined;
  const shutdown = async () => {
    const step = logger.child({ component: "shutdown" });
    const deadline = performance.now() + graceMs;
    const left = () => deadline - performance.now();
    step.info({ inFlight: inFlight.size, graceMs }, "shutdown: no new requests; waiting for work in flight");
    // Stop taking work everywhere at once: the HTTP server, Socket Mode, the schedule's next runs.
    const schedulePaused = schedule.stop();
    const platformsStopped = Promise.all(
      platforms.map((platform) =>
        platform
          .stop()
          .catch((error) =>
            step.warn({ err: describeError(error) }, "shutdown: a platform did not stop cleanly"),
          ),
      ),
    );
    const http = await server?.stop(graceMs);
    await within(platformsStopped, left());
    const drained = await inFlight.drain(left());
    if (drained && (http?.unfinished ?? 0) === 0) step.info("shutdown: work in flight finished");
    else
      step.warn(
        { unfinished: Math.max(http?.unfinished ?? 0, inFlight.size) },
        "shutdown: work still running after the grace period was cut off",
      );
    if (await within(schedulePaused, left())) step.info("shutdown: reminder schedule stopped");
    else step.warn("shutdown: a reminder run was still going; what it has not recorded stays due");
    close();
    step.info("shutdown: database closed");
  };
  return () => {
    stopping ??= shutdown();
    return stopping;
  };
}
