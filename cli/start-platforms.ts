/**
 * `isms start` with chat platforms configured: Slack and Teams in one process, on one database and one core, served
 * by one HTTP server on PORT, with one reminder schedule that hands each person's reminders to their own platform.
 */
import { DeliveryError } from "../src/scheduling/delivery-error.js";
import { ReminderLedger } from "../src/scheduling/reminder-ledger.js";
import { Reminders } from "../src/scheduling/reminders.js";
import { startReminderSchedule } from "../src/scheduling/schedule.js";
import { DeliveryLedger } from "../src/storage/delivery-ledger.js";
import type { Config } from "./config.js";
import { startBot } from "./context.js";
import { ExportLinks } from "./export-links.js";
import { type HttpServer, startHttpServer } from "./http-server.js";
import type { Platform, Shared } from "./platform.js";
import { slackPlatform } from "./start-slack.js";

export interface StartOptions {
  log: (line: string) => void;
  warn: (line: string) => void;
  /** The interface to listen on; all of them by default. */
  host?: string;
  clock?: () => Date;
}

export async function startPlatforms(config: Config, options: StartOptions): Promise<() => Promise<void>> {
  const { log, warn } = options;
  const clock = options.clock ?? (() => new Date());
  const { bot, close, db, knowledge, records } = startBot(config, clock);
  // The emulator runs on this machine, so its export links can point here; anywhere else needs the public address.
  const publicUrl =
    config.publicUrl ?? (config.teams?.allowUnauthenticated ? `http://localhost:${config.port}` : undefined);
  const shared: Shared = {
    bot,
    db,
    knowledge,
    ledger: new DeliveryLedger(db, clock),
    clock,
    exportLinks: publicUrl ? new ExportLinks({ exportDir: config.exportDir, publicUrl, clock }) : undefined,
    log,
    warn,
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
    // Each platform brings its routes; the server's own (export links here, a health check later) are added after.
    const routes = platforms.flatMap((platform) => platform.routes);
    if (routes.length > 0) {
      if (shared.exportLinks && config.teams) {
        const links = shared.exportLinks;
        routes.push({
          method: "GET",
          path: /^\/exports\/([^/]*)$/,
          handle: (req, res, [token]) => links.serve(req, res, token ?? ""),
        });
      }
      server = await startHttpServer(routes, {
        port: config.port,
        ...(options.host ? { host: options.host } : {}),
        log: warn,
      });
    }
    const base = `http://${options.host ?? "0.0.0.0"}:${server?.port ?? config.port}`;
    for (const platform of platforms) await platform.start(base);
  } catch (error) {
    await server?.stop(0);
    close();
    throw error;
  }

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
    onError: (error) => warn(`reminders: ${(error as Error).message}`),
  });

  return async () => {
    await schedule.stop();
    await server?.stop();
    for (const platform of platforms) await platform.stop();
    close();
  };
}
