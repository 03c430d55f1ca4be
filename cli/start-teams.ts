/**
 * The Teams app of `isms start`: botbuilder's adapter behind /api/messages on the process's shared HTTP server.
 * Without an app id (TEAMS_ALLOW_UNAUTHENTICATED=true, for the Bot Framework Emulator) nothing is authenticated, so
 * the route then answers only requests from this machine, and a warning says so at start.
 */
import {
  createTeamsApp,
  type TeamsApp,
  TeamsConfigError,
  type TeamsCore,
  type TeamsOptions,
} from "../adapters/teams/teams-app.js";
import { pacedSend } from "../src/scheduling/paced-send.js";
import type { Send } from "../src/scheduling/reminders.js";
import { controlChoices, lookup } from "../src/search/lookup.js";
import { SqliteConversationRefs } from "../src/storage/conversation-refs.js";
import type { Db } from "../src/storage/database.js";
import { ConfigError } from "./config-error.js";
import type { RouteHandler } from "./http-server.js";
import type { Platform, Shared } from "./platform.js";
import type { TeamsConfig } from "./teams-config.js";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** The handler, for requests from this machine only; anyone else gets 403. */
export function onlyFromThisMachine(handle: RouteHandler): RouteHandler {
  return (req, res, params) => {
    if (LOOPBACK.has(req.socket.remoteAddress ?? "")) return handle(req, res, params);
    res.writeHead(403, { "content-type": "text/plain; charset=utf-8" });
    res.end(
      "Teams runs without authentication here (TEAMS_ALLOW_UNAUTHENTICATED): only this machine may call it.\n",
    );
  };
}

/** The Teams app for this configuration; a refusal of the adapter's becomes the CLI's one-line ConfigError. */
function teamsApp(core: TeamsCore, teams: TeamsConfig, log: (line: string) => void): TeamsApp {
  const options: TeamsOptions = {
    ...(teams.appId ? { appId: teams.appId } : {}),
    ...(teams.appPassword ? { appPassword: teams.appPassword } : {}),
    appType: teams.appType,
    ...(teams.tenantId ? { tenantId: teams.tenantId } : {}),
    allowUnauthenticated: teams.allowUnauthenticated,
    log,
  };
  try {
    return createTeamsApp(core, options);
  } catch (error) {
    // teams-config.ts checks the same rules first; this keeps the answer one line if the two ever disagree.
    if (error instanceof TeamsConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

export async function teamsPlatform(shared: Shared, teams: TeamsConfig): Promise<Platform> {
  const { bot, db, knowledge, ledger, clock, exportLinks } = shared;
  const teamsLog = shared.logger.child({ component: "teams" });
  const app = teamsApp(
    {
      handle: (message) => bot.handle(message),
      lookup: (query) => lookup(knowledge.catalogue, knowledge.search, query, 25),
      claimDelivery: (id) => ledger.claim("teams", id),
      references: new SqliteConversationRefs(db, clock),
      controls: () => controlChoices(knowledge.catalogue),
      ...(exportLinks ? { exportLink: (path: string) => exportLinks.link(path) } : {}),
    },
    teams,
    (line) => teamsLog.warn(line),
  );
  const open = teams.allowUnauthenticated;
  const handle: RouteHandler = (req, res) => app.handle(req, res);
  return {
    routes: [{ method: "POST", path: "/api/messages", handle: open ? onlyFromThisMachine(handle) : handle }],
    start: async (baseUrl) => {
      if (open)
        teamsLog.warn(
          "warning: Teams is running WITHOUT authentication (TEAMS_ALLOW_UNAUTHENTICATED=true, no MicrosoftAppId): " +
            "for the Bot Framework Emulator only; /api/messages answers this machine alone.",
        );
      if (!exportLinks)
        teamsLog.warn(
          "ISMS_PUBLIC_URL is not set: exports asked for in Teams cannot be offered as download links.",
        );
      teamsLog.info(`isms-bot is answering Teams at ${baseUrl}/api/messages`);
    },
    stop: async () => undefined,
    reaches: (recipient) => app.reaches(recipient),
    // Teams allows about one message a second per conversation, and limits the app per tenant too.
    send: pacedSend((recipient, reply) => app.send(recipient, reply), {
      clock,
      perConversationMs: 1000,
      minIntervalMs: 50,
      // botbuilder already retries 429 (honouring Retry-After) and 5xx itself: one more round here is enough.
      maxRetries: 1,
    }),
  };
}

/**
 * Sends reminders to Teams people from a process that does not serve Teams (`isms remind --run`): the stored 1:1
 * chats are enough, so nothing here answers messages.
 */
export function teamsReminderSender(teams: TeamsConfig, db: Db, log: (line: string) => void): Send {
  const clock = () => new Date();
  const app = teamsApp(
    {
      handle: () => Promise.reject(new Error("this process only sends reminders")),
      lookup: () => [],
      claimDelivery: () => false,
      references: new SqliteConversationRefs(db, clock),
    },
    teams,
    log,
  );
  return (recipient, reply) => app.send(recipient, reply);
}
