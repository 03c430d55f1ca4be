/**
 * One way to drive the real Slack and Teams adapters for the security tests: a person of a role says something or
 * submits a form, and what the fake platform API was sent comes back as one text to read, with the forms it offered
 * and the files it uploaded. People of another workspace or tenant are sent from there (with an admin's user id).
 */
import type { Records } from "../../../src/records/records.js";
import { SqliteMemory } from "../../../src/storage/memory-store.js";
import { type SlackHarness, startSlackHarness } from "../../adapters/slack/harness.js";
import { startTeamsHarness, type TeamsHarness } from "../../adapters/teams/harness.js";
import {
  dmMessage,
  eventCallback,
  parsePayloadForm,
  payloadForm,
  stateValue,
  viewSubmission,
} from "../../support/slack/signed-request.js";
import { cardSubmit, OTHER_TENANT, personalMessage, user } from "../../support/teams/activities.js";
import { actionsOf, cardsOf, shownText } from "../../support/teams/cards.js";

export const ROLES = [
  "admin",
  "controlOwner",
  "manager",
  "riskOwner",
  "employee",
  "otherOrganisation",
] as const;
export type Role = (typeof ROLES)[number];

/** What the platform was sent in answer: every text shown, the forms offered, the files uploaded. */
export interface Shown {
  text: string;
  forms: string[];
  files: number;
  /** The payloads themselves: Slack's API call arguments and answer, or Teams' Adaptive Cards. */
  raw: unknown[];
}

export type FormValues = Record<string, string | string[]>;

export interface Platform {
  name: "slack" | "teams";
  records: Records;
  /** The person key of someone with this role (the other organisation's person uses the admin's user id). */
  key(role: Role): string;
  ask(role: Role, text: string): Promise<Shown>;
  submit(role: Role, formId: string, context: Record<string, string>, values: FormValues): Promise<Shown>;
  close(): Promise<void>;
}

/** Gives each role its standing: an admin, A.8.13's owner, the risk owner's manager, the risk owner, an employee. */
function setUpRoles(records: Records, key: (role: Role) => string): void {
  const memory = new SqliteMemory(records.db);
  for (const role of ROLES.slice(0, 5)) {
    const [platform = "", userId = ""] = key(role).split(/:(.*)/);
    memory.rememberPerson({ platform, userId, displayName: role }, new Date());
  }
  records.people.addAdmin(key("admin"), "test");
  records.controls.update("A.8.13", { owner: key("controlOwner"), applicable: true }, "test");
  records.people.setManager(key("riskOwner"), key("manager"), "test");
}

const SLACK_IDS: Record<Role, string> = {
  admin: "UADMIN001",
  controlOwner: "UCTRL0001",
  manager: "UMGR00001",
  riskOwner: "URISK0001",
  employee: "UEMP00001",
  otherOrganisation: "UADMIN001",
};
const OTHER_WORKSPACE = "T2OTHER";

function slackShown(h: SlackHarness, response: { json?: unknown }): Shown {
  const texts: string[] = [response.json === undefined ? "" : JSON.stringify(response.json)];
  const forms: string[] = [];
  const raw: unknown[] = response.json === undefined ? [] : [response.json];
  for (const call of h.slack.calls) {
    if (call.method === "views.publish") raw.push(call.args);
    if (!["chat.postMessage", "chat.postEphemeral", "views.open", "response_url"].includes(call.method))
      continue;
    raw.push(call.args);
    texts.push(String(call.args.text ?? ""), JSON.stringify(call.args.blocks ?? call.args.view ?? ""));
    for (const match of JSON.stringify(call.args).matchAll(/\\"formId\\":\\"([a-z-]+)\\"/g))
      forms.push(match[1] ?? "");
  }
  return {
    text: texts.join("\n"),
    forms,
    files: h.slack.callsTo("files.completeUploadExternal").length,
    raw,
  };
}

/** Moves a Slack payload to another workspace: the envelope, the person and the place all say so. */
function fromOtherWorkspace<T extends Record<string, unknown>>(payload: T): T {
  const moved = JSON.parse(JSON.stringify(payload).replaceAll('"T1"', `"${OTHER_WORKSPACE}"`)) as T;
  return moved;
}

export async function slackPlatform(): Promise<Platform> {
  const h = await startSlackHarness();
  const key = (role: Role) => `slack:${SLACK_IDS[role]}`;
  setUpRoles(h.records, key);
  let sequence = 0;
  return {
    name: "slack",
    records: h.records,
    key,
    async ask(role, text) {
      h.slack.reset();
      const event = eventCallback(dmMessage(SLACK_IDS[role], text));
      const response = await h.post(role === "otherOrganisation" ? fromOtherWorkspace(event) : event);
      return slackShown(h, response);
    },
    async submit(role, formId, context, values) {
      h.slack.reset();
      const metadata = JSON.stringify({ formId, key: `matrix-${++sequence}`, context });
      const state = Object.fromEntries(
        Object.entries(values).map(([name, value]) => [
          name,
          { value: Array.isArray(value) ? stateValue.multiStaticSelect(value) : stateValue.plainText(value) },
        ]),
      );
      const form = viewSubmission(SLACK_IDS[role], `form:${formId}`, metadata, state);
      const body =
        role === "otherOrganisation" ? payloadForm(fromOtherWorkspace(parsePayloadForm(form))) : form;
      return slackShown(h, await h.post(body));
    },
    close: () => h.close(),
  };
}

const TEAMS_NAMES: Record<Role, string> = {
  admin: "admin",
  controlOwner: "ctrlowner",
  manager: "manager",
  riskOwner: "riskowner",
  employee: "employee",
  otherOrganisation: "admin",
};

function teamsShown(h: TeamsHarness): Shown {
  const calls = h.connector.calls.filter((call) => call.kind === "send" || call.kind === "update");
  const forms = calls.flatMap((call) =>
    actionsOf(call).flatMap((action) => {
      const data = action.data as { isms?: string; formId?: string } | undefined;
      return data?.isms === "form" && data.formId ? [data.formId] : [];
    }),
  );
  const files = calls.filter((call) => JSON.stringify(cardsOf(call)).includes("Action.OpenUrl")).length;
  const raw = calls.flatMap((call) => cardsOf(call));
  return { text: calls.map((call) => shownText(call)).join("\n"), forms, files, raw };
}

export async function teamsPlatform(): Promise<Platform> {
  const h = await startTeamsHarness();
  const key = (role: Role) => `teams:aad-${TEAMS_NAMES[role]}`;
  setUpRoles(h.records, key);
  const where = (role: Role) => ({
    serviceUrl: h.connector.url,
    ...(role === "otherOrganisation" ? { tenant: OTHER_TENANT } : {}),
  });
  let sequence = 0;
  return {
    name: "teams",
    records: h.records,
    key,
    async ask(role, text) {
      h.connector.reset();
      await h.post(personalMessage(where(role), user(TEAMS_NAMES[role]), text));
      return teamsShown(h);
    },
    async submit(role, formId, context, values) {
      h.connector.reset();
      const fields = Object.fromEntries(
        Object.entries(values).map(([name, value]) => [
          `field:${name}`,
          Array.isArray(value) ? value.join(",") : value,
        ]),
      );
      const multi = Object.keys(values).filter((name) => Array.isArray(values[name]));
      const data = { isms: "form", formId, key: `matrix-${++sequence}`, context, multi, ...fields };
      await h.post(cardSubmit(where(role), user(TEAMS_NAMES[role]), data));
      return teamsShown(h);
    },
    close: () => h.close(),
  };
}

const RECORD_TABLES = [
  "audit_log",
  "risks",
  "risk_controls",
  "evidence",
  "control_state",
  "submissions",
  "settings",
  "snoozes",
  "calendar_items",
  "house_rules",
  "open_questions",
];

/** Everything the records hold, as one string; with `people`, who has spoken to the bot too. */
export function fingerprint(records: Records, options: { people?: boolean } = {}): string {
  const tables = options.people ? [...RECORD_TABLES, "people"] : RECORD_TABLES;
  return JSON.stringify(tables.map((table) => records.db.prepare(`SELECT * FROM ${table}`).all()));
}
