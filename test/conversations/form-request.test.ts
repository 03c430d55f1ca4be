import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FORM_IDS } from "../../src/conversations/form-definitions.js";
import { formRequest } from "../../src/conversations/form-request.js";
import { type TestBot, testBot } from "../support/bot.js";
import { evidenceInput, riskInput } from "../support/records.js";

let bot: TestBot;
beforeEach(async () => {
  bot = testBot();
  await bot.ask("alice", "hello");
  bot.records.people.addAdmin("console:alice", "test");
  bot.records.risks.create(
    riskInput({ title: "Laptop theft", owner: "console:alice", residualLikelihood: 1, residualImpact: 1 }),
    "console:alice",
  );
  bot.records.evidence.submit(
    evidenceInput({ target: "A.8.13", title: "Backup log" }),
    null,
    "console:bob", // reviewed by someone else than its submitter
  );
});
afterEach(() => bot.close());

const contexts: Record<string, Record<string, string>> = {
  "update-risk": { risk: "R-001" },
  "accept-risk": { risk: "R-001" },
  "review-evidence": { evidence: "E-001" },
  "set-control": { control: "A.8.13" },
};

describe("asking for a form again (what Slack modals and Teams cards do on submit)", () => {
  it.each([...FORM_IDS])("re-creates the %s form from its id and context", async (formId) => {
    const reply = await bot.ask("alice", formRequest(formId, contexts[formId]));
    const form = reply.blocks.find((block) => block.type === "form");
    expect(form?.type === "form" && form.form.id).toBe(formId);
  });
});
