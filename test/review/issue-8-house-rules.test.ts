/**
 * Review of issue 8, house rules in chat: an answer that explains a control or clause in full shows our rule first,
 * also when "5.1" is both a clause and a control; the policy fields refuse control characters as the rule does.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Block, Reply } from "../../src/core/reply.js";
import { type TestBot, testBot } from "../support/bot.js";

let t: TestBot;
beforeEach(async () => {
  t = testBot();
  for (const user of ["alice", "bob"]) await t.ask(user, "hello");
  t.records.people.addAdmin("console:alice", "cli");
});
afterEach(() => t.close());

const rule = (target: string, text: string) => ({
  target,
  rule: text,
  policyTitle: null,
  policyUrl: null,
  policyVersion: null,
  policyOwner: null,
});
const indexOf = (reply: Reply, found: (block: Block) => boolean) => reply.blocks.findIndex(found);
const headingStarting = (start: string) => (block: Block) =>
  block.type === "heading" && block.text.startsWith(start);
const ruleBlock = (text: string) => (block: Block) => block.type === "paragraph" && block.text === text;

describe("house rules in answers about a control or clause", () => {
  it('"5.1" explains clause 5.1 and A.5.1 in full: each opens with our house rule', async () => {
    t.records.houseRules.set(rule("5.1", "Our board reviews security every quarter."), "console:alice");
    t.records.houseRules.set(
      rule("A.5.1", "All policies live in the intranet's Policy hub."),
      "console:alice",
    );
    const reply = await t.ask("bob", "5.1");
    // The answer explains both in full (heading and explanation each) …
    const clause = indexOf(reply, headingStarting("Clause 5.1"));
    const control = indexOf(reply, headingStarting("A.5.1"));
    expect(clause).toBeGreaterThanOrEqual(0);
    expect(control).toBeGreaterThanOrEqual(0);
    // … so each house rule is there, before the standard's text it belongs to.
    const clauseRule = indexOf(reply, ruleBlock("Our board reviews security every quarter."));
    const controlRule = indexOf(reply, ruleBlock("All policies live in the intranet's Policy hub."));
    expect(clauseRule).toBeGreaterThanOrEqual(0);
    expect(controlRule).toBeGreaterThanOrEqual(0);
    expect(clauseRule).toBeLessThan(clause);
    expect(controlRule).toBeLessThan(control);
  });
});

describe("the house-rule form", () => {
  it("refuses control characters in the policy title, version and owner, as it does in the rule", async () => {
    const reply = await t.submit("alice", {
      formId: "house-rule",
      key: "review-ctrl",
      values: {
        target: "A.6.7",
        rule: "VPN on outside the office.",
        policyTitle: "Remote\u0007 Working\u0000 Policy",
        policyVersion: "2.1\u001b[31m",
        policyOwner: "\u202eTI fo daeH",
      },
    });
    const form = reply.blocks.find((block) => block.type === "form");
    expect(form?.type === "form" ? Object.keys(form.errors ?? {}).sort() : []).toEqual([
      "policyOwner",
      "policyTitle",
      "policyVersion",
    ]);
    expect(t.records.houseRules.get("A.6.7")).toBeUndefined();
  });
});
