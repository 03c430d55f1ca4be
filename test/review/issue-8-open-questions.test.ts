/**
 * Review of issue 8, questions the bot could not answer: a person pressing "Pass to the ISMS manager" twice passes the
 * question on once, and small talk ("thanks", "ok") is neither kept as a question nor offered to the ISMS manager.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { type TestBot, testBot } from "../support/bot.js";

let t: TestBot;
beforeEach(async () => {
  t = testBot();
  for (const user of ["alice", "bob"]) await t.ask(user, "hello");
  t.records.people.addAdmin("console:alice", "cli");
});
afterEach(() => t.close());

const passOnButton = (reply: Reply) =>
  reply.blocks
    .flatMap((block) => (block.type === "actions" ? block.buttons : []))
    .find((button) => button.ask.startsWith("pass to the ISMS manager:"));

describe("passing a question on", () => {
  it("counts one person pressing the button twice (a double click, a redelivery) as passed on once", async () => {
    const question = "Where is the zorb stored?";
    const button = passOnButton(await t.ask("bob", question));
    expect(button).toBeDefined();
    await t.ask("bob", button?.ask ?? "");
    await t.ask("bob", button?.ask ?? "");
    expect(t.records.questions.find(question)?.timesPassed).toBe(1);
    expect(JSON.stringify((await t.ask("alice", "unanswered questions")).blocks)).toContain(
      "Passed on once by bob",
    );
  });
});

describe("small talk", () => {
  it.each(["thanks", "thank you!", "ok", "bye"])(
    "'%s' is not kept as a question we could not answer, nor offered to the ISMS manager",
    async (said) => {
      const reply = await t.ask("bob", said);
      expect(passOnButton(reply)).toBeUndefined();
      expect(t.records.questions.open()).toEqual([]);
    },
  );
});
