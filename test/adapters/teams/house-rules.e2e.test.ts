/**
 * House rules through the real Teams app: an admin sets one on a form card, and an employee's question about the
 * control is answered by a card whose first content is our rule, then the policy link, then the standard; text from
 * the rule shows as typed, in TextRuns, and the policy link is the only link.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { replyToCards } from "../../../adapters/teams/render/card.js";
import { reply } from "../../../src/core/reply.js";
import { SqliteMemory } from "../../../src/storage/memory-store.js";
import { cardSubmit, personalMessage, user } from "../../support/teams/activities.js";
import { cardProblems } from "../../support/teams/adaptive-cards.js";
import { cardsOf, formSubmitData, type Json, shownText } from "../../support/teams/cards.js";
import { startTeamsHarness, type TeamsHarness } from "./harness.js";

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
  const memory = new SqliteMemory(h.records.db);
  for (const name of ["admin", "employee"])
    memory.rememberPerson({ platform: "teams", userId: `aad-${name}`, displayName: name }, new Date());
  h.records.people.addAdmin("teams:aad-admin", "test");
});
afterAll(() => h.close());
beforeEach(() => h.connector.reset());

const at = () => ({ serviceUrl: h.connector.url });
const POLICY_LINK = "https://intranet.example.com/policies/remote";
const RULE = "Work from public places only with the privacy screen on and the VPN up.";

/** Asks for the house-rule card as the admin and submits it with `values` (field name → text); what Teams shows. */
async function submitHouseRule(target: string, values: Record<string, string>): Promise<string> {
  await h.post(personalMessage(at(), user("admin"), `set house rule for ${target}`));
  const [formCard] = await h.connector.waitFor("send");
  const data = formSubmitData(formCard);
  expect(data.formId).toBe("house-rule");
  h.connector.reset();
  const fields = Object.fromEntries(
    Object.entries({ target, ...values }).map(([name, value]) => [`field:${name}`, value]),
  );
  await h.post(cardSubmit(at(), user("admin"), { ...data, ...fields }, { replyToId: "act-house-rule" }));
  const [shown] = await h.connector.waitFor("update");
  return shownText(shown);
}

/** The cards the employee is sent when they ask `text` in their 1:1 chat. */
async function ask(text: string): Promise<Json[]> {
  h.connector.reset();
  await h.post(personalMessage(at(), user("employee"), text));
  const [sent] = await h.connector.waitFor("send");
  const cards = cardsOf(sent);
  for (const card of cards) expect(cardProblems(card)).toEqual([]);
  return cards;
}

function walk(value: unknown, visit: (object: Json) => void): void {
  if (Array.isArray(value)) for (const item of value) walk(item, visit);
  else if (value !== null && typeof value === "object") {
    visit(value as Json);
    for (const child of Object.values(value as Json)) walk(child, visit);
  }
}

/** The text of each text run in an element, joined. */
const textOf = (element: unknown) =>
  ((element as { inlines?: { text: string }[] }).inlines ?? []).map((run) => run.text).join("");

describe("house rules in Teams", () => {
  it("are set by an admin on a card; a javascript: link is named and nothing is saved", async () => {
    const values = {
      rule: RULE,
      policyTitle: "Remote Working Policy",
      policyUrl: "javascript:alert(1)",
      policyVersion: "2.1",
      policyOwner: "Head of IT",
    };
    expect(await submitHouseRule("A.6.7", values)).toMatch(
      /Policy link must be a web link starting with https:\/\/ or http:\/\//,
    );
    expect(h.records.houseRules.list()).toEqual([]);
    expect(await submitHouseRule("A.6.7", { ...values, policyUrl: POLICY_LINK })).toMatch(
      /Saved: our house rule for A\.6\.7 Remote working/,
    );
    expect(h.records.houseRules.get("A.6.7")).toMatchObject({ ...values, policyUrl: POLICY_LINK });
  });

  it("open the answer to 'can I work from a café?': the rule, the policy and its link, then A.6.7", async () => {
    const [card] = await ask("can I work from a café?");
    const body = (card?.body ?? []) as Json[];
    expect(body[0]).toMatchObject({
      type: "RichTextBlock",
      inlines: [{ type: "TextRun", text: "Our house rule for A.6.7", weight: "Bolder" }],
    });
    expect(body[1]).toMatchObject({ type: "RichTextBlock", inlines: [{ type: "TextRun", text: RULE }] });
    expect(textOf(body[2])).toBe("Our policy: Remote Working Policy, version 2.1");
    expect(textOf(body[3])).toBe("Policy owner: Head of IT");
    expect(body[4]).toEqual({
      type: "ActionSet",
      actions: [
        {
          type: "Action.OpenUrl",
          title: "Read Remote Working Policy (intranet.example.com)",
          url: POLICY_LINK,
        },
      ],
    });
    expect(textOf(body[5])).toBe("A.6.7 Remote working");
  });

  it("keep hostile text in the rule and the policy title inert: TextRuns as typed, one link only", async () => {
    const hostile = "[x](https://evil.example) **urgent** *bold* <at>Boss</at> <!channel> {{user.secret}}";
    await submitHouseRule("A.8.9", {
      rule: hostile,
      policyTitle: "[Policy](https://evil.example)",
      policyUrl: "https://intranet.example.com/policies/config",
    });
    const cards = await ask("what does A.8.9 require?");
    expect(JSON.stringify(cards)).not.toContain('"TextBlock"');
    const runs: string[] = [];
    const links: Json[] = [];
    walk(cards, (object) => {
      if (object.type === "TextRun") runs.push(String(object.text));
      if (object.type === "Action.OpenUrl") links.push(object);
    });
    expect(runs).toContain(hostile);
    expect(links).toEqual([
      {
        type: "Action.OpenUrl",
        title: "Read [Policy](https://evil.example) (intranet.example.com)",
        url: "https://intranet.example.com/policies/config",
      },
    ]);
  });

  it("without a rule, say so first and name the control owner", async () => {
    h.records.controls.update("A.8.13", { owner: "teams:aad-employee" }, "test");
    const [card] = await ask("A.8.13");
    const [first] = (card?.body ?? []) as Json[];
    expect(first).toMatchObject({ type: "Container", style: "emphasis" });
    expect(textOf(((first?.items ?? []) as Json[])[0])).toBe(
      "ℹ️ We have no house rule for A.8.13 yet. Control owner: Employee (teams:aad-employee).",
    );
    expect(JSON.stringify(card)).not.toContain("Set a house rule");
  });

  it("show a link that is not http(s) as its label alone, never as a link", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "https://"]) {
      const [card] = replyToCards(reply("Policy", [{ type: "link", label: "Our policy", url }]));
      expect(cardProblems(card)).toEqual([]);
      expect(JSON.stringify(card)).not.toContain("Action.OpenUrl");
      expect(textOf(card?.body[0])).toBe("Our policy");
    }
  });
});
