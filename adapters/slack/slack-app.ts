/**
 * The Slack app on Bolt: HTTP (signing secret, /slack/events) or Socket Mode (app token). It translates between Slack
 * and the core and owns no business rule. Redeliveries are answered once; failures are logged and answered kindly.
 */
import { App, type Logger, type LogLevel } from "@slack/bolt";
import type { SlackCore } from "./context.js";
import { registerActions } from "./listeners/actions.js";
import { registerCommand } from "./listeners/command.js";
import { publishHome, registerHome } from "./listeners/home.js";
import { registerMessages } from "./listeners/messages.js";
import { registerOptions } from "./listeners/options.js";
import { registerShortcuts } from "./listeners/shortcuts.js";
import { registerViews } from "./listeners/views.js";

export interface SlackAppOptions {
  botToken: string;
  mode: { kind: "http"; signingSecret: string; port: number } | { kind: "socket"; appToken: string };
  apiUrl?: string | undefined;
  /** Known in tests (and after a first auth.test); saves Bolt's start-up call to auth.test. */
  botId?: string;
  botUserId?: string;
  /** Tests answer Slack only after the listener has finished, so that what it did can be checked at once. */
  processBeforeResponse?: boolean;
  logger?: Logger;
  logLevel?: LogLevel;
}

export function createSlackApp(core: SlackCore, options: SlackAppOptions): App {
  const app = new App({
    token: options.botToken,
    ...(options.mode.kind === "http"
      ? { signingSecret: options.mode.signingSecret, port: options.mode.port }
      : { socketMode: true, appToken: options.mode.appToken }),
    ...(options.botId ? { botId: options.botId } : {}),
    ...(options.botUserId ? { botUserId: options.botUserId } : {}),
    processBeforeResponse: options.processBeforeResponse ?? false,
    clientOptions: { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}) },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });

  // Slack redelivers events it thinks were missed, and sometimes delivers one twice: answer each event_id once.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string" && !core.claimDelivery(eventId)) return;
    await next();
  });

  registerMessages(app, core);
  registerCommand(app, core);
  registerActions(app, core);
  registerViews(app, core, (user) => publishHome(app.client, core, user).catch(() => undefined));
  registerShortcuts(app, core);
  registerOptions(app, core);
  registerHome(app, core);

  app.error(async (error) => {
    app.logger.error(`isms-bot Slack listener failed: ${error.message}`);
  });
  return app;
}
