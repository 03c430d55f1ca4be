import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FormSubmission } from "../../src/core/message.js";
import type { Block, Reply } from "../../src/core/reply.js";
import { notices, type TestBot, testBot } from "../support/bot.js";

let t: TestBot;
beforeEach(async () => {
  t = testBot("2026-11-25T09:00:00Z");
  for (const user of ["alice", "bob"]) await t.ask(user, "hello");
  t.records.people.addAdmin("console:alice", "cli");
});
afterEach(() => t.close());

const RULE = "Work from public places only with the privacy screen on and the VPN up.";
const POLICY = {
  target: "A.6.7",
  rule: RULE,
  policyTitle: "Remote Working Policy",
  policyUrl: "https://intranet.example.com/policies/remote",
  policyVersion: "2.1",
  policyOwner: "Head of IT",
};

let keys = 0;
const houseRule = (values: Record<string, string>, context?: Record<string, string>): FormSubmission => ({
  formId: "house-rule",
  key: `k${++keys}`,
  values,
  ...(context ? { context } : {}),
});
const formOf = (reply: Reply) => {
  const block = reply.blocks.find((each) => each.type === "form");
  return block?.type === "form" ? block : undefined;
};
const buttons = (reply: Reply) =>
  reply.blocks.flatMap((block) => (block.type === "actions" ? block.buttons : []));
const headingIndex = (reply: Reply, text: string) =>
  reply.blocks.findIndex((block) => block.type === "heading" && block.text === text);

describe("setting a house rule in chat", () => {
  it("opens the form for an admin, prefilled with the control asked about", async () => {
    for (const ask of ["set house rule for A.6.7", "set our policy for 6.7", "Add a house rule for a.6.7"]) {
      const form = formOf(await t.ask("alice", ask));
      expect(form?.form.id).toBe("house-rule");
      expect(form?.form.fields.find((field) => field.name === "target")?.initial).toBe("A.6.7");
    }
    const blank = formOf(await t.ask("alice", "add house rule"));
    expect(blank?.form.fields.map((field) => [field.name, field.required, field.initial])).toEqual([
      ["target", true, undefined],
      ["rule", true, undefined],
      ["policyTitle", false, undefined],
      ["policyUrl", false, undefined],
      ["policyVersion", false, undefined],
      ["policyOwner", false, undefined],
    ]);
  });

  it("opens the form with the rule as it stands, to change it", async () => {
    t.records.houseRules.set({ ...POLICY, policyOwner: null }, "console:alice");
    const form = formOf(await t.ask("alice", "update the house rule for A.6.7"));
    expect(Object.fromEntries(form?.form.fields.map((field) => [field.name, field.initial]) ?? [])).toEqual({
      target: "A.6.7",
      rule: RULE,
      policyTitle: "Remote Working Policy",
      policyUrl: "https://intranet.example.com/policies/remote",
      policyVersion: "2.1",
      policyOwner: undefined,
    });
  });

  it("says so when the control or clause named does not exist", async () => {
    expect(notices(await t.ask("alice", "set house rule for A.9.9"))).toMatch(
      /There is no control or clause A\.9\.9/,
    );
    expect(notices(await t.ask("alice", "set house rule for 5.1"))).toMatch(/write clause 5\.1 or A\.5\.1/);
  });

  it("refuses anyone but an admin, naming the admins, and shows them no form", async () => {
    for (const ask of ["set house rule for A.6.7", "add house rule", "remove house rule for A.6.7"]) {
      const reply = await t.ask("bob", ask);
      expect(formOf(reply)).toBeUndefined();
      expect(notices(reply)).toMatch(
        /^Only ISMS admins can set or remove the organisation's house rules and policy links\. Ask an ISMS admin: alice \(console:alice\)\.$/,
      );
      expect(reply.visibility).toBe("private");
    }
  });

  it("names every wrong field, keeps what was typed, and saves nothing", async () => {
    const reply = await t.submit(
      "alice",
      houseRule({
        target: "A.9.9",
        rule: "x".repeat(501),
        policyTitle: "Remote\nWorking",
        policyUrl: "javascript:alert(1)",
        policyVersion: "v".repeat(41),
      }),
    );
    const form = formOf(reply);
    expect(form?.errors).toEqual({
      target: "There is no control or clause A.9.9.",
      rule: "House rule must be at most 500 characters (it has 501).",
      policyTitle: "Policy title must be one line.",
      policyUrl: "Policy link must be a web link starting with https:// or http://.",
      policyVersion: "Policy version must be at most 40 characters (it has 41).",
    });
    expect(form?.form.fields.find((field) => field.name === "policyUrl")?.initial).toBe(
      "javascript:alert(1)",
    );
    expect(notices(reply)).toMatch(/^Please correct these fields: /);
    expect(t.records.houseRules.list()).toEqual([]);
    expect(t.records.audit.list(10).filter((entry) => entry.entity === "house_rule")).toEqual([]);
  });

  it.each([
    ["a missing rule", { target: "A.6.7", rule: "  " }, "rule", "House rule is required."],
    ["a data: link", { ...POLICY, policyUrl: "data:text/html,<script>x</script>" }, "policyUrl", /web link/],
    ["a link with no host", { ...POLICY, policyUrl: "https://" }, "policyUrl", /web link/],
    ["a rule with control characters", { ...POLICY, rule: "ok\u001b[31m" }, "rule", /plain text/],
    [
      "a rule turned around by a bidi override",
      { ...POLICY, rule: "\u202eNPV eht esU" },
      "rule",
      /plain text/,
    ],
    [
      "a link with a control character",
      { ...POLICY, policyUrl: `${POLICY.policyUrl}\u0007` },
      "policyUrl",
      /plain text/,
    ],
    ["an id with a bidi isolate", { ...POLICY, target: "A.6.7\u2066" }, "target", /plain text/],
    ["an id that is two things", { ...POLICY, target: "8.1" }, "target", /clause 8\.1 or A\.8\.1/],
  ])("refuses %s with a message on its field", async (_what, values, field, message) => {
    const errors = formOf(await t.submit("alice", houseRule(values)))?.errors ?? {};
    expect(errors[field]).toMatch(message);
    expect(t.records.houseRules.list()).toEqual([]);
  });

  it("saves a valid rule once, with its audit entry, however often the same form arrives", async () => {
    const submission = houseRule({ ...POLICY, target: "6.7" });
    const saved = await t.submit("alice", submission);
    expect(notices(saved)).toBe(
      "Saved: our house rule for A.6.7 Remote working. Every answer about A.6.7 now shows it first.",
    );
    expect(notices(await t.submit("alice", submission))).toMatch(
      /^Already saved: our house rule for A\.6\.7/,
    );
    expect(t.records.houseRules.get("A.6.7")).toMatchObject({ ...POLICY, updatedBy: "console:alice" });
    expect(t.records.audit.list(10, "A.6.7").map((entry) => entry.action)).toEqual(["house_rule.set"]);
  });

  it("saves a rule for a clause, with only the optional fields given", async () => {
    await t.submit(
      "alice",
      houseRule({ target: "clause 5.2", rule: "The CEO signs our policy every year." }),
    );
    expect(t.records.houseRules.get("5.2")).toMatchObject({
      rule: "The CEO signs our policy every year.",
      policyTitle: null,
      policyUrl: null,
    });
  });

  it("refuses a submission from anyone but an admin, and saves nothing", async () => {
    const reply = await t.submit("bob", houseRule(POLICY));
    expect(notices(reply)).toMatch(/^Only ISMS admins can set or remove .* Ask an ISMS admin: alice/);
    expect(formOf(reply)).toBeUndefined();
    expect(t.records.houseRules.list()).toEqual([]);
  });
});

describe("answers about a control or clause", () => {
  const expectRuleFirst = (reply: Reply, heading: string) => {
    const [rule, policy, link] = reply.blocks as [Block, Block, Block];
    expect(rule).toEqual({ type: "paragraph", label: "Our house rule for A.6.7", text: RULE });
    expect(policy).toEqual({
      type: "fields",
      fields: [
        { label: "Our policy", value: "Remote Working Policy, version 2.1" },
        { label: "Policy owner", value: "Head of IT" },
      ],
    });
    expect(link).toEqual({
      type: "link",
      label: "Read Remote Working Policy (intranet.example.com)",
      url: "https://intranet.example.com/policies/remote",
    });
    expect(headingIndex(reply, heading)).toBe(3);
    expect(reply.text).toMatch(/^Our house rule for A\.6\.7: Work from public places/);
  };

  it("open with our house rule, then the policy and its link, then the standard", async () => {
    await t.submit("alice", houseRule(POLICY));
    expectRuleFirst(await t.ask("bob", "can I work from a café?"), "A.6.7 Remote working");
    expectRuleFirst(await t.ask("bob", "A.6.7"), "A.6.7 Remote working");
    expectRuleFirst(await t.ask("bob", "what does A.6.7 require?"), "A.6.7 Remote working");
  });

  it("show the rule alone when no policy is given", async () => {
    t.records.houseRules.set(
      {
        target: "5.2",
        rule: "The CEO signs our policy.",
        policyTitle: null,
        policyUrl: null,
        policyVersion: null,
        policyOwner: null,
      },
      "console:alice",
    );
    const reply = await t.ask("bob", "clause 5.2");
    expect(reply.blocks[0]).toEqual({
      type: "paragraph",
      label: "Our house rule for clause 5.2",
      text: "The CEO signs our policy.",
    });
    expect(reply.blocks[1]).toEqual({ type: "heading", text: "Clause 5.2 Policy" });
  });

  it("say plainly that there is no rule yet and who owns the control", async () => {
    const none = await t.ask("bob", "can I work from a café?");
    expect(none.blocks[0]).toEqual({
      type: "notice",
      tone: "info",
      text: "We have no house rule for A.6.7 yet. Control owner: no owner assigned yet.",
    });
    t.records.controls.update("A.6.7", { owner: "console:bob" }, "console:alice");
    const owned = await t.ask("bob", "A.6.7");
    expect(notices(owned)).toContain(
      "We have no house rule for A.6.7 yet. Control owner: bob (console:bob).",
    );
    expect(notices(await t.ask("bob", "clause 5.2"))).toContain(
      "We have no house rule for clause 5.2 yet. The ISMS admins look after the clauses: alice (console:alice).",
    );
  });

  it("offer admins, and only admins, a button to set the missing rule", async () => {
    const set = { label: "Set a house rule", ask: "set house rule for A.6.7" };
    expect(buttons(await t.ask("alice", "can I work from a café?"))).toContainEqual(set);
    expect(buttons(await t.ask("bob", "can I work from a café?"))).not.toContainEqual(set);
    expect(formOf(await t.ask("alice", set.ask))?.form.id).toBe("house-rule");
  });

  it("open an answer about several ids with the rules we have, and no line for each one missing", async () => {
    expect(JSON.stringify((await t.ask("bob", "A.6.7 and A.8.9")).blocks)).not.toContain("house rule");
    await t.submit("alice", houseRule(POLICY));
    const reply = await t.ask("bob", "A.6.7 and A.8.9");
    expect(reply.blocks[0]).toEqual({ type: "paragraph", label: "Our house rule for A.6.7", text: RULE });
    expect(reply.text).toMatch(/^Our house rule for A\.6\.7: Work from public places/);
    expect(JSON.stringify(reply.blocks)).not.toContain("no house rule");
    expect(headingIndex(reply, "A.6.7 Remote working")).toBeGreaterThan(0);
    expect(reply.blocks.some((block) => block.type === "heading" && block.text.startsWith("A.8.9"))).toBe(
      true,
    );
  });

  it("leave a topic as it was", async () => {
    await t.submit("alice", houseRule(POLICY));
    const reply = await t.ask("bob", "what is the difference between 27001 and 27002");
    expect(JSON.stringify(reply.blocks)).not.toContain("house rule");
  });
});

describe("listing and removing house rules", () => {
  it("lists every house rule to anyone, clauses first", async () => {
    await t.submit("alice", houseRule(POLICY));
    await t.submit("alice", houseRule({ target: "clause 5.2", rule: "The CEO signs our policy." }));
    for (const ask of ["house rules", "list house rules", "our policies", "What are our house rules?"]) {
      const reply = await t.ask("bob", ask);
      expect(reply.blocks[0]).toEqual({ type: "heading", text: "Our house rules (2)" });
      expect(reply.blocks[1]).toEqual({
        type: "list",
        items: [
          "Clause 5.2 Policy: The CEO signs our policy.",
          `A.6.7 Remote working: ${RULE} (Remote Working Policy, version 2.1; owner Head of IT; https://intranet.example.com/policies/remote)`,
        ],
      });
    }
  });

  it("says when there are none yet; 'policies' alone is still a question about the standard", async () => {
    expect(notices(await t.ask("bob", "house rules"))).toBe(
      "We have no house rules yet; the ISMS admins can set them.",
    );
    const policies = await t.ask("bob", "policies");
    expect(notices(policies)).not.toContain("We have no house rules yet");
    expect(policies.blocks.some((block) => block.type === "heading" && /Polic/.test(block.text))).toBe(true);
  });

  it("removes a rule for an admin, with an audit entry, and answers show the standard alone again", async () => {
    await t.submit("alice", houseRule(POLICY));
    expect(notices(await t.ask("bob", "remove house rule for A.6.7"))).toMatch(/^Only ISMS admins/);
    expect(t.records.houseRules.get("A.6.7")).toBeDefined();
    expect(notices(await t.ask("alice", "remove house rule for A.6.7"))).toBe(
      "Removed our house rule for A.6.7. Answers about it show the standard alone again.",
    );
    expect(t.records.audit.list(1, "A.6.7")[0]?.action).toBe("house_rule.remove");
    expect(notices(await t.ask("bob", "A.6.7"))).toContain("We have no house rule for A.6.7 yet.");
    expect(notices(await t.ask("alice", "remove house rule for A.6.7"))).toBe(
      "There is no house rule for A.6.7 to remove.",
    );
  });
});
