/**
 * The Slack settings, read from the environment under the names Slack's own docs use. A missing or malformed
 * variable stops start-up with a message naming it; with no Slack variable at all, Slack is simply not configured.
 */
import { z } from "zod";
import { ConfigError } from "./config-error.js";

export interface SlackConfig {
  botToken: string;
  mode: { kind: "http"; signingSecret: string; port: number } | { kind: "socket"; appToken: string };
  /** The Web API base URL, ending in "/": an Enterprise proxy, or the tests' fake Slack API. */
  apiUrl: string | undefined;
  /** Our workspace (SLACK_TEAM_ID); by default learned from auth.test. People of other workspaces are refused. */
  teamId?: string | undefined;
}

const variables = {
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token starting with "xoxb-"'),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^[0-9a-f]{32}$/, "must be the app's 32-character hex signing secret"),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-[A-Za-z0-9-]+$/, 'must be an app-level token starting with "xapp-"'),
  PORT: z.coerce.number().int().min(1).max(65535),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }),
  SLACK_TEAM_ID: z.string().regex(/^[TE][A-Z0-9]{6,}$/, 'must be a workspace id such as "T024BE7LD"'),
};

function read<K extends keyof typeof variables>(
  env: NodeJS.ProcessEnv,
  name: K,
): z.infer<(typeof variables)[K]> {
  const raw = env[name]?.trim();
  if (!raw) throw new ConfigError(`${name} is not set (see .env.example)`);
  const parsed = variables[name].safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${name} ${parsed.error.issues[0]?.message ?? "is not valid"}`);
  return parsed.data as z.infer<(typeof variables)[K]>;
}

export function readSlackConfig(env: NodeJS.ProcessEnv): SlackConfig | undefined {
  const named = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"].some((name) =>
    env[name]?.trim(),
  );
  if (!named) return undefined;
  const botToken = read(env, "SLACK_BOT_TOKEN");
  const apiUrl = env.SLACK_API_URL?.trim() ? read(env, "SLACK_API_URL").replace(/\/?$/, "/") : undefined;
  const teamId = env.SLACK_TEAM_ID?.trim() ? read(env, "SLACK_TEAM_ID") : undefined;
  if (env.SLACK_APP_TOKEN?.trim())
    return { botToken, mode: { kind: "socket", appToken: read(env, "SLACK_APP_TOKEN") }, apiUrl, teamId };
  const port = env.PORT?.trim() ? read(env, "PORT") : 3000;
  return {
    botToken,
    mode: { kind: "http", signingSecret: read(env, "SLACK_SIGNING_SECRET"), port },
    apiUrl,
    teamId,
  };
}
