/**
 * The Teams settings, read from the environment under the names botbuilder's ConfigurationBotFrameworkAuthentication
 * uses. A missing or malformed variable stops start-up with a message naming it. Running with no app id (and so
 * with no authentication at all) needs TEAMS_ALLOW_UNAUTHENTICATED=true, said outright: it is for the Bot Framework
 * Emulator on a developer's machine, and a production bot never ends up there by forgetting a variable.
 */
import { z } from "zod";
import { ConfigError } from "./config-error.js";

export const TEAMS_APP_TYPES = ["SingleTenant", "MultiTenant", "UserAssignedMSI"] as const;
export type TeamsAppType = (typeof TEAMS_APP_TYPES)[number];

export interface TeamsConfig {
  /** The bot's Microsoft App ID (the app registration's client id); undefined only when unauthenticated. */
  appId: string | undefined;
  /** The client secret; undefined for a user-assigned managed identity, and when unauthenticated. */
  appPassword: string | undefined;
  appType: TeamsAppType;
  /** The Directory (tenant) ID; required for SingleTenant and UserAssignedMSI. */
  tenantId: string | undefined;
  /** True only with TEAMS_ALLOW_UNAUTHENTICATED=true and no app id: no token is checked or sent. */
  allowUnauthenticated: boolean;
}

const guid = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

const variables = {
  MicrosoftAppId: z.string().regex(guid, "must be the bot's Microsoft App ID, a GUID (xxxxxxxx-xxxx-…)"),
  MicrosoftAppPassword: z.string().min(1),
  MicrosoftAppType: z
    .string()
    .transform((value) => TEAMS_APP_TYPES.find((type) => type.toLowerCase() === value.toLowerCase()))
    .refine((value) => value !== undefined, `must be one of ${TEAMS_APP_TYPES.join(", ")}`),
  MicrosoftAppTenantId: z
    .string()
    .regex(
      /^([0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i,
      "must be the Directory (tenant) ID, a GUID (or the tenant's domain name)",
    ),
  TEAMS_ALLOW_UNAUTHENTICATED: z
    .enum(["true", "false"], { error: 'must be "true" or "false"' })
    .transform((value) => value === "true"),
};

function read<K extends keyof typeof variables>(
  env: NodeJS.ProcessEnv,
  name: K,
  why = "(see .env.example)",
): z.infer<(typeof variables)[K]> {
  const raw = env[name]?.trim();
  if (!raw) throw new ConfigError(`${name} is not set ${why}`);
  const parsed = variables[name].safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${name} ${parsed.error.issues[0]?.message ?? "is not valid"}`);
  return parsed.data as z.infer<(typeof variables)[K]>;
}

const isSet = (env: NodeJS.ProcessEnv, name: string) => Boolean(env[name]?.trim());

export function readTeamsConfig(env: NodeJS.ProcessEnv): TeamsConfig | undefined {
  const allowUnauthenticated = isSet(env, "TEAMS_ALLOW_UNAUTHENTICATED")
    ? read(env, "TEAMS_ALLOW_UNAUTHENTICATED")
    : false;
  const named = ["MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppType", "MicrosoftAppTenantId"].some(
    (name) => isSet(env, name),
  );
  if (!named && !allowUnauthenticated) return undefined;

  if (!isSet(env, "MicrosoftAppId")) {
    if (!allowUnauthenticated) {
      throw new ConfigError(
        "MicrosoftAppId is not set: Teams needs the bot's app id (only TEAMS_ALLOW_UNAUTHENTICATED=true runs " +
          "without one, for the Bot Framework Emulator)",
      );
    }
    if (env.NODE_ENV?.trim() === "production") {
      throw new ConfigError("TEAMS_ALLOW_UNAUTHENTICATED=true is refused when NODE_ENV=production");
    }
    // botbuilder's own default type is the only one it accepts with no app id.
    return {
      appId: undefined,
      appPassword: undefined,
      appType: "MultiTenant",
      tenantId: undefined,
      allowUnauthenticated: true,
    };
  }

  const appId = read(env, "MicrosoftAppId");
  const appType: TeamsAppType = isSet(env, "MicrosoftAppType")
    ? (read(env, "MicrosoftAppType") as TeamsAppType)
    : "SingleTenant";
  const tenantId =
    appType === "MultiTenant"
      ? isSet(env, "MicrosoftAppTenantId")
        ? read(env, "MicrosoftAppTenantId")
        : undefined
      : read(
          env,
          "MicrosoftAppTenantId",
          `(a ${appType} bot needs the Directory (tenant) ID of its app registration; see .env.example)`,
        );
  if (appType === "UserAssignedMSI") {
    if (isSet(env, "MicrosoftAppPassword")) {
      throw new ConfigError("MicrosoftAppPassword must not be set with MicrosoftAppType=UserAssignedMSI");
    }
    return { appId, appPassword: undefined, appType, tenantId, allowUnauthenticated: false };
  }
  const appPassword = read(
    env,
    "MicrosoftAppPassword",
    "(the client secret of the bot's app registration; see .env.example)",
  );
  return { appId, appPassword, appType, tenantId, allowUnauthenticated: false };
}
