/**
 * Second review of issue 8, through the real Slack and Teams apps: when an everyday question is answered with a
 * topic, the "Also relevant" matches must not repeat a clause or control the topic already lists under "In the
 * standard", nor put a second button for it beside the first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteMemory } from "../../src/storage/memory-store.js";
import { type SlackHarness, startSlackHarness } from "../adapters/slack/harness.js";
import { startTeamsHarness, type TeamsHarness } from "../adapters/teams/harness.js";
import { dmMessage, eventCallback } from "../support/slack/signed-request.js";
import { personalMessage, user } from "../support/teams/activities.js";
import { actionsOf } from "../support/teams/cards.js";

let slack: SlackHarness;
let teams: TeamsHarness;
beforeAll(async () => {
  slack = await startSlackHarness();
  teams = await startTeamsHarness();
  new SqliteMemory(slack.records.db).rememberPerson(
    { platform: "slack", userId: "UEMP00001", displayName: "UEMP00001" },
    new Date(),
  );
});
afterAll(async () => {
  await slack.close();
  await teams.close();
});

const QUESTIONS = [
  "what is a Statement of Applicability?",
  "whats an soa and why do auditors care about it",
  "is there a cloud security standard that goes with 27001",
];

const repeated = (list: string[]) => list.filter((item, index) => list.indexOf(item) !== index);

describe("a topic found from an everyday question", () => {
  it.each(QUESTIONS)("'%s' in Slack: every button and every listed entry once", async (question) => {
    slack.slack.reset();
    await slack.post(eventCallback(dmMessage("UEMP00001", question)));
    const [post] = await slack.slack.waitFor("chat.postMessage");
    const blocks = post?.args.blocks as {
      type: string;
      text?: { text: string };
      elements?: { value: string }[];
    }[];
    expect(blocks[0]).toMatchObject({ type: "header" });
    const values = blocks
      .flatMap((block) => (block.type === "actions" ? (block.elements ?? []) : []))
      .map((b) => b.value);
    expect(repeated(values)).toEqual([]);
    const listed = blocks
      .flatMap((block) => (block.text?.text ?? "").split("\n"))
      .filter((line) => line.startsWith("• "));
    expect(repeated(listed)).toEqual([]);
  });

  it.each(QUESTIONS)("'%s' in Teams: every button once", async (question) => {
    teams.connector.reset();
    await teams.post(personalMessage({ serviceUrl: teams.connector.url }, user("employee"), question));
    const [sent] = await teams.connector.waitFor("send");
    const titles = actionsOf(sent).map((action) => String(action.title));
    expect(titles.length).toBeGreaterThan(0);
    expect(repeated(titles)).toEqual([]);
  });
});
