/** Questions that used to land on the wrong answer: a main clause's bare number, ICT readiness, a control's status. */
import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { type TestBot, testBot } from "../support/bot.js";

let bot: TestBot;
afterEach(() => bot.close());

function heading(answer: Reply): string | undefined {
  const block = answer.blocks.find((b) => b.type === "heading");
  return block?.type === "heading" ? block.text : undefined;
}

describe("questions that must reach the right answer", () => {
  it("a main clause's number on its own shows that clause", async () => {
    bot = testBot();
    expect(heading(await bot.ask("U1", "9"))).toBe("Clause 9 Performance evaluation");
    expect(heading(await bot.ask("U1", "10"))).toBe("Clause 10 Improvement");
    expect(heading(await bot.ask("U1", "4?"))).toBe("Clause 4 Context of the organization");
  });

  it("'ICT readiness for business continuity' is control A.5.30, not audit readiness", async () => {
    bot = testBot();
    expect(heading(await bot.ask("U1", "what is ICT readiness for business continuity?"))).toBe(
      "A.5.30 ICT readiness for business continuity",
    );
    expect(heading(await bot.ask("U1", "audit readiness"))).toBe("Audit readiness");
  });

  it("'status of A.6.7' shows the control with where we stand on it", async () => {
    bot = testBot();
    const answer = await bot.ask("U1", "status of A.6.7");
    expect(heading(answer)).toBe("A.6.7 Remote working");
    expect(JSON.stringify(answer.blocks)).toMatch(/"label":"Our owner"/);
  });
});

describe("words the catalogue hardly knows", () => {
  it("a question of one unknown and one far-fetched word is a guess, offered to the ISMS manager", async () => {
    bot = testBot();
    const answer = await bot.ask("U1", "qwxz flibber");
    expect(answer.text).toMatch(/^I'm not sure what "qwxz flibber" is about/);
    expect(JSON.stringify(answer.blocks)).toMatch(/Pass to the ISMS manager/);
  });
});
