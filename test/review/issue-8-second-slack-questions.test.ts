/**
 * Second review of issue 8, through the real Slack app: a question typed with "<", ">" and "&" reaches the bot as
 * Slack sends message text, with those three as HTML entities. Passed on to the ISMS manager, it must be kept and
 * listed for the admins as the person typed it, not as "&lt;b&gt;" or "&amp;".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { questionText } from "../../src/records/open-question-key.js";
import { SqliteMemory } from "../../src/storage/memory-store.js";
import { type SlackHarness, startSlackHarness } from "../adapters/slack/harness.js";
import { blockAction, dmMessage, eventCallback } from "../support/slack/signed-request.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  const memory = new SqliteMemory(h.records.db);
  for (const userId of ["UADMIN001", "UEMP00001"])
    memory.rememberPerson({ platform: "slack", userId, displayName: userId }, new Date());
  h.records.people.addAdmin("slack:UADMIN001", "test");
});
afterAll(() => h.close());

type Block = { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] };

/** What the person typed: 300 characters with quotes, an emoji, "<", ">", "&" and a line break. */
const TYPED = Array.from(
  `Where is the "zorb" <quux> & 🐱 stored?\nIs <b>zorb</b> & quux kept offsite? ${"zorb quux ".repeat(40)}`,
)
  .slice(0, 300)
  .join("");
/** As Slack delivers it in the message event's text. */
const AS_SLACK_SENDS = TYPED.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

async function dm(user: string, text: string): Promise<Block[]> {
  h.slack.reset();
  await h.post(eventCallback(dmMessage(user, text)));
  const [post] = await h.slack.waitFor("chat.postMessage");
  return post?.args.blocks as Block[];
}

describe("a question with <, > and & passed to the ISMS manager in Slack", () => {
  it("is kept once, as typed, and listed for the admins as typed", async () => {
    const answer = await dm("UEMP00001", AS_SLACK_SENDS);
    const pass = answer
      .flatMap((block) => (block.type === "actions" ? (block.elements ?? []) : []))
      .find((button) => button.value.startsWith("pass to the ISMS manager:"));
    expect(pass).toBeDefined();
    for (let press = 0; press < 2; press++) {
      h.slack.reset();
      await h.post(
        blockAction("UEMP00001", pass?.action_id ?? "", pass?.value ?? "", {
          channel: "DUEMP00001",
          responseUrl: h.slack.responseUrl("pass"),
        }),
      );
      await h.slack.waitFor("response_url");
    }

    const open = h.records.questions.open();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ question: questionText(TYPED), timesPassed: 1 });

    const listed = (await dm("UADMIN001", "questions we could not answer"))
      .map((block) => block.text?.text ?? "")
      .join("\n");
    // Escaped once for Slack, so that Slack shows <b>zorb</b> & quux.
    expect(listed).toContain(
      '"Where is the "zorb" &lt;quux&gt; &amp; 🐱 stored? Is &lt;b&gt;zorb&lt;/b&gt; &amp; quux',
    );
    expect(listed).not.toContain("&amp;lt;");
    expect(listed).not.toContain("&amp;amp;");
  });
});
