/**
 * The Slack app on Bolt: HTTP (signing secret, /slack/events; on its own port or mounted on ours) or Socket Mode
 * (app token). It translates between Slack and the core and owns no business rule. Redeliveries are answered once;
 * failures are logged and answered kindly.
 */
import { App, HTTPReceiver, type Logger, type LogLevel } from "@slack/bolt";
import type { ExtendedErrorHandlerArgs } from "@slack/bolt/dist/App.js";
import type { RetryOptions } from "@slack/web-api";
import type { SlackCore } from "./context.js";
import { registerActions } from "./listeners/actions.js";
import { registerCommand } from "./listeners/command.js";
import { publishHome, registerHome } from "./listeners/home.js";
import { registerMessages } from "./listeners/messages.js";
import { registerOptions } from "./listeners/options.js";
import { registerShortcuts } from "./listeners/shortcuts.js";
import { registerViews } from "./listeners/views.js";
import { onlyOurWorkspace } from "./workspace.js";

export interface SlackAppOptions {
  botToken: string;
  /**
   * "http" listens on its own port; "mounted" takes a receiver from createSlackReceiver, whose requestListener the
   * caller serves at /slack/events on a server shared with other platforms.
   */
  mode:
    | { kind: "http"; signingSecret: string; port: number }
    | { kind: "mounted"; receiver: HTTPReceiver }
    | { kind: "socket"; appToken: string };
  apiUrl?: string | undefined;
  /**
   * The one workspace (team id) served; people of any other are refused politely. When not given, it is the workspace
   * of the bot token, asked of Slack's auth.test once.
   */
  teamId?: string | undefined;
  /** Known in tests (and after a first auth.test); saves Bolt's start-up call to auth.test. */
  botId?: string;
  botUserId?: string;
  /** Tests answer Slack only after the listener has finished, so that what it did can be checked at once. */
  processBeforeResponse?: boolean;
  logger?: Logger;
  logLevel?: LogLevel;
  /** How the Web API client retries failed calls; Slack's default is ten retries over about thirty minutes. */
  retryConfig?: RetryOptions;
}

/**
 * Bolt's HTTP receiver without a server of its own: it still verifies every request's signature (and its age) and
 * acknowledges; only the listening socket is ours.
 */
export function createSlackReceiver(
  signingSecret: string,
  options: { processBeforeResponse?: boolean; logger?: Logger; logLevel?: LogLevel } = {},
): HTTPReceiver {
  return new HTTPReceiver({
    signingSecret,
    endpoints: "/slack/events",
    processBeforeResponse: options.processBeforeResponse ?? false,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
}

function transport(mode: SlackAppOptions["mode"]) {
  switch (mode.kind) {
    case "http":
      return { signingSecret: mode.signingSecret, port: mode.port };
    case "mounted":
      return { receiver: mode.receiver };
    case "socket":
      return { socketMode: true, appToken: mode.appToken };
  }
}

export function createSlackApp(core: SlackCore, options: SlackAppOptions): App {
  const app = new App({
    token: options.botToken,
    ...transport(options.mode),
    ...(options.botId ? { botId: options.botId } : {}),
    ...(options.botUserId ? { botUserId: options.botUserId } : {}),
    processBeforeResponse: options.processBeforeResponse ?? false,
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
    },
    extendedErrorHandler: true,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });

  // One workspace only: a person of another never reaches the core (nor claims a delivery).
  let ours: Promise<string> | undefined = options.teamId ? Promise.resolve(options.teamId) : undefined;
  const ourWorkspace = () => {
    if (!ours) {
      ours = app.client.auth.test().then((answer) => {
        if (!answer.team_id) throw new Error("Slack's auth.test named no workspace for the bot token");
        return answer.team_id;
      });
      // A failed auth.test refuses this request, and is asked again for the next one.
      ours.catch(() => {
        ours = undefined;
      });
    }
    return ours;
  };
  app.use(onlyOurWorkspace(ourWorkspace, (line) => app.logger.warn(line)));

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

  // A listener that failed (Slack refused a call even after retries): log it, and tell the person kindly.
  const apologise = async ({ error, body }: ExtendedErrorHandlerArgs) => {
    app.logger.error(`isms-bot Slack listener failed: ${error.message}`);
    const person = whoAsked(body);
    if (!person) return;
    const text = "Sorry, Slack did not take my answer just now. Please try again in a moment.";
    const tell = person.channel
      ? app.client.chat.postEphemeral({ channel: person.channel, user: person.user, text })
      : app.client.conversations
          .open({ users: person.user })
          .then((dm) => app.client.chat.postMessage({ channel: dm.channel?.id ?? person.user, text }));
    await tell.catch(() => app.logger.error("isms-bot could not tell the person about the failure either"));
  };
  // Bolt types app.error for the plain handler; with extendedErrorHandler it passes these richer arguments.
  app.error(apologise as unknown as Parameters<typeof app.error>[0]);
  return app;
}

/** The person and conversation behind a request, for an apology; undefined when it has none. */
function whoAsked(body: unknown): { user: string; channel: string | undefined } | undefined {
  const b = body as {
    event?: { user?: string; channel?: string };
    user?: { id?: string } | string;
    user_id?: string;
    channel?: { id?: string };
    channel_id?: string;
  };
  const user = b.event?.user ?? (typeof b.user === "string" ? b.user : b.user?.id) ?? b.user_id;
  const channel = b.event?.channel ?? b.channel?.id ?? b.channel_id;
  return user ? { user, channel } : undefined;
}
