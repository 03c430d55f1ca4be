/** What people see when they ask about a concept topic: our explanation first, then the clauses and controls it names. */
import { describe, expect, it } from "vitest";
import type { Block, Button } from "../../src/core/reply.js";
import { testBot } from "../support/bot.js";
import { realCatalogue } from "../support/catalogue.js";

const { catalogue } = realCatalogue();

/** The answer's own blocks, without the "no admin yet" notice a first message gets. */
function content(blocks: Block[]): Block[] {
  return blocks.filter((block) => block.type !== "notice");
}

function buttons(blocks: Block[]): Button[] {
  return blocks.flatMap((block) => (block.type === "actions" ? block.buttons : []));
}

describe("topic answers", () => {
  it("answers '27001 vs 27002' with the topic and links to what it mentions", async () => {
    const bot = testBot();
    const answer = await bot.ask("U1", "what's the difference between 27001 and 27002?");
    bot.close();
    const topic = catalogue.topic("27001-vs-27002");
    expect(topic).toBeDefined();
    expect(content(answer.blocks)[0]).toEqual({ type: "heading", text: topic?.title });
    expect(content(answer.blocks)[1]).toEqual({ type: "paragraph", text: topic?.summary });
    const linked = answer.blocks.find((block) => block.type === "list" && block.label === "In the standard");
    for (const id of topic?.links ?? []) {
      const entry = catalogue.entry(id);
      expect(linked?.type === "list" && linked.items.some((item) => item.includes(id))).toBe(true);
      expect(entry).toBeDefined();
    }
  });

  it("every button of a topic answer leads to a real answer", async () => {
    const bot = testBot();
    for (const topic of catalogue.topics) {
      const answer = await bot.ask("U1", `topic ${topic.id}`);
      expect(content(answer.blocks)[0], topic.id).toEqual({ type: "heading", text: topic.title });
      for (const button of buttons(answer.blocks)) {
        const next = await bot.ask("U1", button.ask);
        expect(next.text, `${topic.id}: ${button.ask}`).not.toMatch(/not sure|found nothing/i);
        expect(content(next.blocks)[0]?.type, `${topic.id}: ${button.ask}`).toBe("heading");
      }
    }
    bot.close();
  });

  it("'topics' lists every topic", async () => {
    const bot = testBot();
    const answer = await bot.ask("U1", "topics");
    bot.close();
    const list = answer.blocks.find((block) => block.type === "list");
    expect(list?.type === "list" && list.items.length).toBe(catalogue.topics.length);
  });

  it("'do we need all 93 controls?' explains risk-based selection and points to the SoA", async () => {
    const bot = testBot();
    const answer = await bot.ask("U1", "do we need all 93 controls?");
    bot.close();
    expect(content(answer.blocks)[0]).toEqual({
      type: "heading",
      text: catalogue.topic("risk-based-selection")?.title,
    });
    expect(JSON.stringify(answer.blocks)).toMatch(/6\.1\.3/);
  });
});
