import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readTeamsConfig } from "../../cli/teams-config.js";
import { runIsms } from "../support/run-cli.js";
import { tempDir } from "../support/temp.js";

const APP_ID = "11111111-2222-3333-4444-555555555555";
const TENANT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const folder = tempDir();
afterAll(() => folder.remove());

/** The message readTeamsConfig stops with, or undefined when it accepts the environment. */
function refusal(env: NodeJS.ProcessEnv): string | undefined {
  try {
    readTeamsConfig(env);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("Teams configuration", () => {
  it("is absent when no Teams variable is set, so the console chat (or Slack alone) starts", () => {
    expect(readTeamsConfig({})).toBeUndefined();
    expect(readTeamsConfig({ TEAMS_ALLOW_UNAUTHENTICATED: "false" })).toBeUndefined();
  });

  it("is a single-tenant bot by default, with the tenant id botbuilder needs", () => {
    expect(
      readTeamsConfig({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: "s3cret",
        MicrosoftAppTenantId: TENANT,
      }),
    ).toEqual({
      appId: APP_ID,
      appPassword: "s3cret",
      appType: "SingleTenant",
      tenantId: TENANT,
      allowUnauthenticated: false,
    });
  });

  it("refuses a single-tenant bot without its tenant id, naming the variable", () => {
    expect(refusal({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s3cret" })).toMatch(
      /^MicrosoftAppTenantId is not set \(a SingleTenant bot needs the Directory \(tenant\) ID/,
    );
  });

  it("takes the app type in any letter case, and a multi-tenant bot needs no tenant id", () => {
    expect(
      readTeamsConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s", MicrosoftAppType: "multitenant" }),
    ).toMatchObject({ appType: "MultiTenant", tenantId: undefined });
  });

  it("runs a user-assigned managed identity without a password, and refuses one with a password", () => {
    const msi = { MicrosoftAppId: APP_ID, MicrosoftAppType: "UserAssignedMSI", MicrosoftAppTenantId: TENANT };
    expect(readTeamsConfig(msi)).toMatchObject({ appType: "UserAssignedMSI", appPassword: undefined });
    expect(refusal({ ...msi, MicrosoftAppPassword: "s" })).toMatch(
      /^MicrosoftAppPassword must not be set with MicrosoftAppType=UserAssignedMSI/,
    );
  });

  it.each([
    [
      { MicrosoftAppId: "my-bot", MicrosoftAppPassword: "s" },
      /^MicrosoftAppId must be the bot's Microsoft App ID/,
    ],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT }, /^MicrosoftAppPassword is not set/],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s", MicrosoftAppType: "Global" },
      /^MicrosoftAppType must be one of SingleTenant, MultiTenant, UserAssignedMSI/,
    ],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s", MicrosoftAppTenantId: "not a tenant" },
      /^MicrosoftAppTenantId must be the Directory \(tenant\) ID/,
    ],
    [{ TEAMS_ALLOW_UNAUTHENTICATED: "yes" }, /^TEAMS_ALLOW_UNAUTHENTICATED must be "true" or "false"/],
  ])("names the variable that is wrong (%j)", (env, message) => {
    expect(refusal(env)).toMatch(message);
  });

  it("never runs without an app id unless TEAMS_ALLOW_UNAUTHENTICATED=true says so", () => {
    expect(refusal({ MicrosoftAppPassword: "s3cret", MicrosoftAppTenantId: TENANT })).toMatch(
      /^MicrosoftAppId is not set: Teams needs the bot's app id \(only TEAMS_ALLOW_UNAUTHENTICATED=true runs without one/,
    );
    expect(readTeamsConfig({ TEAMS_ALLOW_UNAUTHENTICATED: "true" })).toEqual({
      appId: undefined,
      appPassword: undefined,
      appType: "MultiTenant",
      tenantId: undefined,
      allowUnauthenticated: true,
    });
  });

  it("stays authenticated when an app id is set, whatever TEAMS_ALLOW_UNAUTHENTICATED says", () => {
    expect(
      readTeamsConfig({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: "s",
        MicrosoftAppTenantId: TENANT,
        TEAMS_ALLOW_UNAUTHENTICATED: "true",
      }),
    ).toMatchObject({ appId: APP_ID, allowUnauthenticated: false });
  });

  it("refuses to run unauthenticated when NODE_ENV=production", () => {
    expect(refusal({ TEAMS_ALLOW_UNAUTHENTICATED: "true", NODE_ENV: "production" })).toMatch(
      /^TEAMS_ALLOW_UNAUTHENTICATED=true is refused when NODE_ENV=production/,
    );
  });
});

describe("isms start with a wrong Teams configuration", () => {
  it.each([
    [{ MicrosoftAppPassword: "s3cret" }, /^MicrosoftAppId is not set: Teams needs the bot's app id/],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s3cret" }, /^MicrosoftAppTenantId is not set/],
    [{ TEAMS_ALLOW_UNAUTHENTICATED: "true", PORT: "eighty" }, /^PORT must be a port number/],
    [
      { TEAMS_ALLOW_UNAUTHENTICATED: "true", ISMS_PUBLIC_URL: "http://bot.example.com" },
      /^ISMS_PUBLIC_URL must be an https/,
    ],
  ])("refuses to start with one line naming the variable (%j)", async (env, message) => {
    const run = await runIsms(["start"], { env: { ...env, ISMS_DB_PATH: join(folder.path, "x.db") } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr.replace(/^isms: configuration: /, "")).toMatch(message);
    expect(run.stdout).toBe("");
  });
});
