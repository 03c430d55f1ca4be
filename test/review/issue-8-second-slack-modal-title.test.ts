/**
 * Second review of issue 8, through the real Slack app: the house-rule modal's title says which control or clause
 * the rule is for. Slack allows 24 characters in a modal title; "Set our house rule for A.5.37" is cut to
 * "Set our house rule for…", and the admin cannot tell from the title which rule they are editing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteMemory } from "../../src/storage/memory-store.js";
import { type SlackHarness, startSlackHarness } from "../adapters/slack/harness.js";
import { blockAction, dmMessage, eventCallback, slashCommand } from "../support/slack/signed-request.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  new SqliteMemory(h.records.db).rememberPerson(
    { platform: "slack", userId: "UADMIN001", displayName: "UADMIN001" },
    new Date(),
  );
  h.records.people.addAdmin("slack:UADMIN001", "test");
});
afterAll(() => h.close());

const titleOf = async () => {
  const [opened] = await h.slack.waitFor("views.open");
  return (opened?.args.view as { title?: { text: string } } | undefined)?.title?.text ?? "";
};

describe("the house-rule modal in Slack", () => {
  it.each(["A.5.37", "6.1.3"])(
    "opened with /isms set house rule for %s names it in its title",
    async (target) => {
      h.slack.reset();
      await h.post(slashCommand(`set house rule for ${target}`, "UADMIN001", { command: "/isms" }));
      const title = await titleOf();
      expect(title).toContain(target);
      expect(title).not.toContain("…");
    },
  );

  it("opened from the answer's 'Set a house rule' button names the control in its title", async () => {
    h.slack.reset();
    await h.post(eventCallback(dmMessage("UADMIN001", "A.8.13")));
    const [post] = await h.slack.waitFor("chat.postMessage");
    const button = (
      (post?.args.blocks ?? []) as {
        type: string;
        elements?: { action_id: string; value: string; text: { text: string } }[];
      }[]
    )
      .flatMap((block) => (block.type === "actions" ? (block.elements ?? []) : []))
      .find((element) => element.text.text === "Set a house rule");
    expect(button?.value).toBe("set house rule for A.8.13");
    h.slack.reset();
    await h.post(
      blockAction("UADMIN001", button?.action_id ?? "", button?.value ?? "", { channel: "DUADMIN001" }),
    );
    const title = await titleOf();
    expect(title).toContain("A.8.13");
    expect(title).not.toContain("…");
  });
});
