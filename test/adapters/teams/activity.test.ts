import { describe, expect, it } from "vitest";
import { personOf, questionText, teamsMessage } from "../../../adapters/teams/activity.js";

/** botbuilder's Activity, named without importing botbuilder outside the adapter. */
type Activity = Parameters<typeof questionText>[0];

const mention = (text: string, extra: Partial<Activity> = {}) =>
  ({
    type: "message",
    text,
    recipient: { id: "28:bot", name: "isms-bot" },
    from: { id: "29:alice", name: " Alice ", aadObjectId: "aad-alice" },
    conversation: { id: "19:c;messageid=1", conversationType: "channel" },
    entities: [{ type: "mention", text: "<at>isms-bot</at>", mentioned: { id: "28:bot", name: "isms-bot" } }],
    ...extra,
  }) as unknown as Activity;

describe("reading Teams activities", () => {
  it("takes the bot's mention out of the question, and other mentions down to the name", () => {
    expect(questionText(mention("<at>isms-bot</at> who owns A.8.9? ask <at>Bob</at>&nbsp;&amp; me\n"))).toBe(
      "who owns A.8.9? ask Bob & me",
    );
  });

  it("keys people by their Entra object id, else their Bot Framework id", () => {
    expect(personOf({ id: "29:alice", aadObjectId: "aad-alice" })).toBe("teams:aad-alice");
    expect(personOf({ id: "29:alice" })).toBe("teams:29:alice");
    expect(personOf(undefined)).toBeUndefined();
  });

  it("tells the core who asked, where, and their name", () => {
    expect(teamsMessage(mention("x"), "help")).toEqual({
      from: { platform: "teams", userId: "aad-alice", displayName: "Alice" },
      conversation: { id: "19:c;messageid=1", kind: "channel" },
      text: "help",
    });
    const personal = mention("x", { conversation: { id: "a:1", conversationType: "personal" } as never });
    expect(teamsMessage(personal, "help").conversation).toEqual({ id: "a:1", kind: "direct" });
  });
});
