import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolvePerson } from "../../src/conversations/context.js";
import { Permissions } from "../../src/records/permissions.js";
import { type TestBot, testBot } from "../support/bot.js";
import { realCatalogue } from "../support/catalogue.js";

let bot: TestBot;
beforeEach(() => {
  bot = testBot();
});
afterEach(() => bot.close());

describe("a person picked on a platform", () => {
  it("is accepted by their platform id: Slack user ids and Teams Entra object ids, not typed console names", () => {
    const ctx = {
      ...realCatalogue(),
      records: bot.records,
      permissions: new Permissions(bot.records),
      clock: () => new Date(),
    };
    const guid = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    expect(resolvePerson(ctx, { key: "teams:x", platform: "teams" }, `teams:${guid}`)).toBe(`teams:${guid}`);
    expect(resolvePerson(ctx, { key: "slack:U1", platform: "slack" }, "slack:U024BE7LH")).toBe(
      "slack:U024BE7LH",
    );
    expect(resolvePerson(ctx, { key: "teams:x", platform: "teams" }, "teams:not-a-guid")).toBeUndefined();
    expect(resolvePerson(ctx, { key: "teams:x", platform: "teams" }, `slack:U024BE7LH`)).toBeUndefined();
    expect(resolvePerson(ctx, { key: "console:a", platform: "console" }, "console:nobody")).toBeUndefined();
  });
});
