/**
 * House rules through the real Slack app: an admin sets one in a modal, and an employee's question about the control
 * is answered with our rule and the policy link first, the rule's text unable to mention, broadcast or link.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { replyToMessages } from "../../../adapters/slack/render/blocks.js";
import { reply } from "../../../src/core/reply.js";
import { SqliteMemory } from "../../../src/storage/memory-store.js";
import {
  dmMessage,
  eventCallback,
  slashCommand,
  stateValue,
  viewSubmission,
} from "../../support/slack/signed-request.js";
import { type SlackHarness, startSlackHarness } from "./harness.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  const memory = new SqliteMemory(h.records.db);
  for (const userId of ["UADMIN001", "UEMP00001"])
    memory.rememberPerson({ platform: "slack", userId, displayName: userId }, new Date());
  h.records.people.addAdmin("slack:UADMIN001", "test");
});
afterAll(() => h.close());
beforeEach(() => h.slack.reset());

const POLICY_LINK = "https://intranet.example.com/policies/remote";
type SlackBlock = { type: string; text?: { type: string; text: string; verbatim?: boolean } };

/** Opens the house-rule modal as the admin, and submits it with `values` (field name → text). */
async function submitHouseRule(target: string, values: Record<string, string>) {
  await h.post(slashCommand(`set house rule for ${target}`, "UADMIN001", { command: "/isms" }));
  const [opened] = (await h.slack.waitFor("views.open")).slice(-1);
  const view = opened?.args.view as { callback_id: string; private_metadata: string };
  expect(view.callback_id).toBe("form:house-rule");
  h.slack.reset();
  const state = Object.fromEntries(
    // The modal holds the prefilled control as its first field's value.
    Object.entries({ target, ...values }).map(([name, value]) => [
      name,
      { value: name === "policyUrl" ? { type: "url_text_input", value } : stateValue.plainText(value) },
    ]),
  );
  return h.post(viewSubmission("UADMIN001", view.callback_id, view.private_metadata, state));
}

/** What the employee is sent when they ask `text` in a DM. */
async function ask(text: string): Promise<{ text: string; blocks: SlackBlock[] }> {
  h.slack.reset();
  await h.post(eventCallback(dmMessage("UEMP00001", text)));
  const [post] = await h.slack.waitFor("chat.postMessage");
  return { text: String(post?.args.text), blocks: post?.args.blocks as SlackBlock[] };
}

describe("house rules in Slack", () => {
  it("are set by an admin in a modal; a javascript: link is named under its field and nothing is saved", async () => {
    const values = {
      rule: "Work from public places only with the privacy screen on and the VPN up.",
      policyTitle: "Remote Working Policy",
      policyUrl: "javascript:alert(document.cookie)",
      policyVersion: "2.1",
      policyOwner: "Head of IT",
    };
    const refused = await submitHouseRule("A.6.7", values);
    expect(refused.json).toEqual({
      response_action: "errors",
      errors: { policyUrl: "Policy link must be a web link starting with https:// or http://." },
    });
    expect(h.records.houseRules.list()).toEqual([]);

    const saved = await submitHouseRule("A.6.7", { ...values, policyUrl: POLICY_LINK });
    expect(saved.status).toBe(200);
    expect(h.records.houseRules.get("A.6.7")).toMatchObject({ ...values, policyUrl: POLICY_LINK });
  });

  it("come first in the answer to 'can I work from a café?', then the policy link, then A.6.7", async () => {
    const answer = await ask("can I work from a café?");
    expect(answer.text).toMatch(/^Our house rule for A\.6\.7: Work from public places only/);
    expect(answer.blocks[0]?.text?.text).toBe(
      "*Our house rule for A.6.7*\nWork from public places only with the privacy screen on and the VPN up.",
    );
    const link = answer.blocks.findIndex(
      (block) => block.text?.text === `<${POLICY_LINK}|Read Remote Working Policy (intranet.example.com)>`,
    );
    const heading = answer.blocks.findIndex(
      (block) => block.type === "header" && block.text?.text === "A.6.7 Remote working",
    );
    expect(link).toBeGreaterThan(0);
    expect(heading).toBeGreaterThan(link);
    expect(JSON.stringify(answer.blocks)).toContain("Remote Working Policy, version 2.1");
  });

  it("keep hostile text in the rule and the policy title inert: no mention, broadcast or other link", async () => {
    const hostile = "<!channel> *bold* [x](https://evil.example) <https://evil.example|click> <@U123> & co";
    await submitHouseRule("A.8.9", {
      rule: hostile,
      policyTitle: "<!here> Policy|<https://evil.example>",
      policyUrl: "https://intranet.example.com/policies/config?a=1&b=<x>|y",
    });
    const answer = await ask("what does A.8.9 require?");
    const texts = answer.blocks.flatMap((block) => (block.text?.type === "mrkdwn" ? [block.text] : []));
    for (const text of texts) expect(text.verbatim).toBe(true);
    const shown = texts.map((text) => text.text).join("\n");
    // The one link is the policy's, its "|" and "<>" encoded so that the label cannot become part of the URL.
    const link =
      "<https://intranet.example.com/policies/config?a=1&amp;b=&lt;x&gt;%7Cy|Read &lt;!here&gt; Policy|&lt;https://evil.example&gt; (intranet.example.com)>";
    expect(shown).toContain(link);
    expect(shown.replace(link, "")).not.toMatch(/<[!@#]|<https?:/);
    expect(shown).toContain(
      "&lt;!channel&gt; *bold* [x](https://evil.example) &lt;https://evil.example|click&gt; &lt;@U123&gt; &amp; co",
    );
    expect(answer.text).not.toMatch(/<[!@#]|<https?:/);
  });

  it("without a rule, say so first and name the control owner", async () => {
    h.records.controls.update("A.8.13", { owner: "slack:UEMP00001" }, "test");
    const answer = await ask("A.8.13");
    expect(answer.blocks[0]).toMatchObject({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "ℹ️ We have no house rule for A.8.13 yet. Control owner: UEMP00001 (slack:UEMP00001).",
        },
      ],
    });
    expect(JSON.stringify(answer.blocks)).not.toContain("Set a house rule");
  });

  it("show a link that is not http(s) as its label alone, never as a link", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "https://"]) {
      const [message] = replyToMessages(reply("Policy", [{ type: "link", label: "Our policy", url }]));
      expect(JSON.stringify(message?.blocks)).not.toContain(url.slice(0, 8));
      expect(message?.blocks[0]).toMatchObject({ type: "section", text: { text: "Our policy" } });
    }
  });
});
