/**
 * Review of issue 8, "where are we?": a risk is treated once its owner has accepted what is left of it, as the risk
 * owner's own open items already say; and the journey answers the common "where do we stand?".
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { type TestBot, testBot } from "../support/bot.js";
import { evidenceInput, riskInput } from "../support/records.js";

let t: TestBot;
beforeEach(async () => {
  t = testBot("2026-11-25T09:00:00Z");
  for (const user of ["alice", "bob"]) await t.ask(user, "hello");
  t.records.people.addAdmin("console:alice", "cli");
});
afterEach(() => t.close());

const stepLabel = (reply: Reply, number: number) =>
  reply.blocks.flatMap((block) =>
    block.type === "paragraph" && block.label?.startsWith(`${number}. `) ? [block.label] : [],
  )[0];
const allText = (reply: Reply) => JSON.stringify(reply.blocks);

describe("the journey's risk step", () => {
  it("does not count a critical risk as treated while its owner has neither rated nor accepted what is left", async () => {
    for (const target of ["4.3", "6.1.2", "8.2"])
      t.records.evidence.submit(
        evidenceInput({ target, title: `Document ${target}` }),
        null,
        "console:alice",
      );
    t.records.risks.create(
      riskInput({
        title: "Stolen laptops",
        owner: "console:bob",
        likelihood: 5,
        impact: 5,
        treatment: "retain",
      }),
      "console:bob",
    );
    // The risk owner is told the risk still needs work …
    expect(allText(await t.ask("bob", "my open items"))).toMatch(/R-001 Stolen laptops .*needs treatment/);
    // … so the journey must not call the risk assessment done, nor the risk treated.
    const journey = await t.ask("alice", "where are we?");
    expect(stepLabel(journey, 2)).toBe("2. Risk assessment (in progress)");
    expect(allText(journey)).not.toContain("1 of 1 open risk treated");
  });
});

describe("asking where we are", () => {
  it.each(["where do we stand?", "where do we stand with ISO 27001?"])(
    "'%s' gets the journey",
    async (question) => {
      const reply = await t.ask("alice", question);
      expect(reply.text).toMatch(/^Where we are: /);
    },
  );
});
