/** A policy link's label names the site it really opens, so a link cannot pass for the intranet. */
import { afterEach, expect, it } from "vitest";
import { type TestBot, testBot } from "../support/bot.js";

let bot: TestBot;
afterEach(() => bot.close());

it("labels the policy link with the host it opens, even when the link hides it", async () => {
  bot = testBot();
  bot.records.houseRules.set(
    {
      target: "A.6.7",
      rule: "Work from public places only with the privacy screen on and VPN up.",
      policyTitle: "Remote working policy",
      policyUrl: "https://intranet.example.com@evil.example/remote",
      policyVersion: null,
      policyOwner: null,
    },
    "console:alice",
  );
  const answer = await bot.ask("U1", "can I work from a café?");
  const link = answer.blocks.find((block) => block.type === "link");
  expect(link).toEqual({
    type: "link",
    label: "Read Remote working policy (evil.example)",
    url: "https://intranet.example.com@evil.example/remote",
  });
});
