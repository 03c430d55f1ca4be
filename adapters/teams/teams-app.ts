/**
 * The Microsoft Teams app on botbuilder's CloudAdapter: it translates between Teams and the core and owns no
 * business rule. The CLI serves `handle` at POST /api/messages, and sends reminders and digests through `send`.
 * Requests are authenticated by botbuilder's own JWT validation whenever an app id is set; a single-tenant app
 * politely refuses activities from any other tenant; redelivered activities are answered once.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ActivityTypes, CloudAdapter, type TurnContext } from "botbuilder";
import type { Reply } from "../../src/core/reply.js";
import { PLATFORM, tenantOf } from "./activity.js";
import { teamsAuthentication } from "./authentication.js";
import { IsmsTeamsBot } from "./bot.js";
import type { TeamsCore, TeamsDeps } from "./context.js";
import { sendToPerson } from "./deliver.js";
import { toDeliveryError } from "./errors.js";
import { BodyError, refuse, toBotRequest, toBotResponse } from "./http.js";
import { storedReference } from "./references.js";
import { searchMessage } from "./render/search-results.js";
import { TEAMS_SURFACES } from "./surfaces.js";

export type { TeamsCore } from "./context.js";
export { TEAMS_SURFACES } from "./surfaces.js";

export interface TeamsOptions {
  /** The bot's Microsoft app id (the Azure Bot registration's client id). */
  appId?: string;
  /** Its client secret; not used with a user-assigned managed identity. */
  appPassword?: string;
  appType: "SingleTenant" | "MultiTenant" | "UserAssignedMSI";
  /** The organisation's Entra tenant: required for SingleTenant and UserAssignedMSI, and the only one served then. */
  tenantId?: string;
  /** Without an app id nothing is authenticated; that must be asked for explicitly (local testing only). */
  allowUnauthenticated: boolean;
  /** Where failures are told (one line each, never a secret nor what a record holds); stderr by default. */
  log?: (line: string) => void;
  /**
   * Where the Bot Framework publishes the keys that sign Teams' requests. Only tests set it, to a local fake, so that
   * botbuilder's own checks of expired, misaddressed and forged tokens run offline; everything else stays public Azure.
   */
  openIdMetadataUrl?: string;
}

export interface TeamsApp {
  /** The Node http handler for POST /api/messages (it reads the JSON body itself unless `req.body` is parsed). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** A reminder or digest to a "teams:<id>" person's 1:1 chat; throws DeliveryError when it cannot be delivered. */
  send(recipient: string, reply: Reply): Promise<void>;
  /** True for Teams people the app can write to first (it was installed for them, or they wrote to it). */
  reaches(recipient: string): boolean;
  /** The bot commands and messaging-extension command ids this app handles, for the manifest cross-check. */
  commands: { bot: string[]; messagingExtension: string[] };
}

export class TeamsConfigError extends Error {
  override readonly name = "TeamsConfigError";
  readonly code = "teams_config";
}

function checkOptions(options: TeamsOptions): string {
  const appId = options.appId?.trim() ?? "";
  if (!appId) {
    if (!options.allowUnauthenticated)
      throw new TeamsConfigError(
        "Teams needs the bot's Microsoft app id: without one, nobody's requests could be authenticated. For local testing only, allow unauthenticated requests explicitly.",
      );
    return "";
  }
  if (options.appType !== "MultiTenant" && !options.tenantId?.trim())
    throw new TeamsConfigError(`A ${options.appType} Teams app needs its tenant id.`);
  if (options.appType !== "UserAssignedMSI" && !options.appPassword)
    throw new TeamsConfigError("A Teams app id needs its client secret (app password).");
  return appId;
}

/** One line about a failure: its first line, short, without a stack. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "").slice(0, 200) || "unknown error";
}

export function createTeamsApp(core: TeamsCore, options: TeamsOptions): TeamsApp {
  const appId = checkOptions(options);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const tenantId = options.tenantId?.trim() || undefined;
  const adapter = new CloudAdapter(
    teamsAuthentication({
      appId,
      appPassword: options.appPassword,
      appType: options.appType,
      tenantId,
      openIdMetadataUrl: options.openIdMetadataUrl,
    }),
  );
  const deps: TeamsDeps = { core, adapter, appId, tenantId, log };
  const bot = new IsmsTeamsBot(deps);

  // A turn that failed (Teams refused the answer even after botbuilder's retries): log it, tell the person kindly.
  adapter.onTurnError = async (context, error) => {
    log(`isms-bot Teams turn failed: ${oneLine(toDeliveryError(error))}`);
    if (context.activity.type !== ActivityTypes.Message) return;
    await context
      .sendActivity("Sorry, Teams did not take my answer just now. Please try again in a moment.")
      .catch(() => log("isms-bot could not tell the person about the failure either"));
  };

  const servesTenant = (tenant: string | undefined) =>
    options.appType === "MultiTenant" || tenantId === undefined || tenant === tenantId;

  async function refuseTenant(context: TurnContext): Promise<void> {
    const { activity } = context;
    log(`isms-bot refused a Teams ${activity.type} from tenant ${tenantOf(activity) ?? "(none)"}`);
    const text = "isms-bot serves another organisation, so it cannot answer here.";
    if (activity.type === ActivityTypes.Message) {
      await context.sendActivity(text).catch(() => undefined);
    } else if (activity.type === ActivityTypes.Invoke) {
      const body = activity.name === "composeExtension/query" ? searchMessage(text) : undefined;
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: body ? { status: 200, body } : { status: 403 },
      });
    }
  }

  const logic = async (context: TurnContext) => {
    if (!servesTenant(tenantOf(context.activity))) await refuseTenant(context);
    else await bot.run(context);
  };

  return {
    async handle(req, res) {
      if (req.method !== "POST") return refuse(res, 405, "Only POST is served here.", { allow: "POST" });
      try {
        await adapter.process(await toBotRequest(req), toBotResponse(res), logic);
      } catch (error) {
        if (error instanceof BodyError) return refuse(res, error.status, error.message);
        log(`isms-bot could not process a Teams request: ${oneLine(error)}`);
        refuse(res, 500, "The request could not be processed.");
      }
    },
    send: (recipient, reply) => sendToPerson(deps, recipient, reply),
    reaches: (recipient) =>
      recipient.startsWith(`${PLATFORM}:`) && storedReference(deps, recipient) !== undefined,
    commands: {
      bot: TEAMS_SURFACES.botCommands.map((command) => command.title),
      messagingExtension: TEAMS_SURFACES.messagingExtension.map((command) => command.id),
    },
  };
}
