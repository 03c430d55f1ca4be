/**
 * House rules in the console chat: an admin fills the form field by field, and the answer about the control shows our
 * rule and the policy link before the standard, text from the rule as typed without terminal control codes.
 */
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../../adapters/console/console-chat.js";
import { renderReply } from "../../../adapters/console/render.js";
import { reply } from "../../../src/core/reply.js";
import { type TestBot, testBot } from "../../support/bot.js";

let t: TestBot;
beforeEach(async () => {
  t = testBot();
  for (const user of ["alice", "bob"]) await t.ask(user, "hello");
  t.records.people.addAdmin("console:alice", "cli");
});
afterEach(() => t.close());

async function chat(user: string, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += chunk;
  });
  const done = runConsoleChat({ bot: t.bot, input, output, user, interactive: false });
  input.end(lines.map((line) => `${line}\n`).join(""));
  await done;
  return printed;
}

describe("house rules in the console", () => {
  it("are set by an admin field by field, and come first in the answer about the control", async () => {
    await chat("alice", [
      "set house rule for A.6.7",
      "", // keeps the control shown
      "Work from public places only with the privacy screen on and the VPN up.",
      "Remote Working Policy",
      "javascript:alert(1)",
      "2.1",
      "Head of IT",
      "https://intranet.example.com/policies/remote", // asked again: the link was refused
    ]);
    expect(t.records.houseRules.get("A.6.7")?.policyUrl).toBe("https://intranet.example.com/policies/remote");

    const printed = await chat("bob", ["can I work from a café?"]);
    const answer = printed.slice(printed.indexOf("\n") + 1);
    expect(answer).toMatch(
      /^Our house rule for A\.6\.7:\n {2}Work from public places only with the privacy screen on and the VPN up\.\nOur policy: Remote Working Policy, version 2\.1\nPolicy owner: Head of IT\nRead Remote Working Policy \(intranet\.example\.com\): https:\/\/intranet\.example\.com\/policies\/remote\n\nA\.6\.7 Remote working\n/,
    );
  });

  it("say plainly when there is no rule yet, and who owns the control", async () => {
    t.records.controls.update("A.6.7", { owner: "console:bob" }, "console:alice");
    const { text } = renderReply(await t.ask("bob", "A.6.7"));
    expect(text.split("\n")[0]).toBe(
      "i We have no house rule for A.6.7 yet. Control owner: bob (console:bob).",
    );
  });

  it("show hostile text in the rule as typed, with terminal control codes removed", async () => {
    const hostile = "<!channel> *bold* [x](https://evil.example) \u001b[31mred\u0007 end";
    t.records.houseRules.set(
      {
        target: "A.6.7",
        rule: hostile,
        policyTitle: "Policy \u001b[2J",
        policyUrl: "https://intranet.example.com/p",
        policyVersion: null,
        policyOwner: null,
      },
      "console:alice",
    );
    const { text } = renderReply(await t.ask("bob", "A.6.7"));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that none is left.
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain("<!channel> *bold* [x](https://evil.example) [31mred end");
    expect(text).toContain("Read Policy [2J (intranet.example.com): https://intranet.example.com/p");
  });

  it("show a link that is not http(s) as its label alone", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"])
      expect(renderReply(reply("Policy", [{ type: "link", label: "Our policy", url }])).text).toBe(
        "Our policy",
      );
  });
});
