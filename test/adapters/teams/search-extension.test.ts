/** The messaging extension answers within Teams' 5 seconds, however slow building its cards gets. */
import { describe, expect, it } from "vitest";
import type { TeamsDeps } from "../../../adapters/teams/context.js";
import { searchExtension } from "../../../adapters/teams/handlers/search-extension.js";
import type { Reply } from "../../../src/core/reply.js";

type Context = Parameters<typeof searchExtension>[1];

const context = {
  activity: {
    from: { id: "29:alice", aadObjectId: "aad-alice" },
    conversation: { id: "a:1", conversationType: "personal" },
  },
} as unknown as Context;

function deps(handled: string[]): TeamsDeps {
  const answer = (text: string): Reply => ({
    text,
    visibility: "public",
    blocks: [
      { type: "heading", text: `${text} in full` },
      { type: "actions", buttons: [{ label: "Related", ask: `related ${text}` }] },
    ],
  });
  return {
    core: {
      handle: async (message: { text: string }) => {
        handled.push(message.text);
        return answer(message.text);
      },
      lookup: () => [
        { kind: "control", id: "A.8.13", title: "Information backup", score: 0.9 },
        { kind: "clause", id: "8.1", title: "Operational planning and control", score: 0.5 },
      ],
      claimDelivery: () => true,
      references: { save: () => undefined, get: () => undefined },
    },
    log: () => undefined,
  } as unknown as TeamsDeps;
}

const query = (text: string, skip = 0) => ({
  commandId: "searchControls",
  parameters: [{ name: "query", value: text }],
  queryOptions: { skip, count: 25 },
});

describe("the search messaging extension", () => {
  it("shares each result as the card the bot would answer with, without its buttons", async () => {
    const handled: string[] = [];
    const response = await searchExtension(deps(handled), context, query("backup"));
    expect(handled).toEqual(["A.8.13", "clause 8.1"]);
    const json = JSON.stringify(response);
    expect(json).toContain("A.8.13 in full");
    expect(json).not.toContain("Action.Submit");
  });

  it("stops building full cards when the time budget is spent, and still lists every result", async () => {
    const handled: string[] = [];
    let now = 0;
    const clock = () => {
      const at = now;
      now += 2000; // each look at the clock is two seconds later
      return at;
    };
    const response = await searchExtension(deps(handled), context, query("backup"), clock);
    expect(handled).toEqual(["A.8.13"]);
    const result = response.composeExtension;
    expect(result.type === "result" && result.attachments.map((each) => each.preview.content.title)).toEqual([
      "A.8.13 Information backup",
      "8.1 Operational planning and control",
    ]);
  });

  it("answers an unknown command, a second page and nothing found with a message or an empty list", async () => {
    const none = { ...deps([]), core: { ...deps([]).core, lookup: () => [] } } as TeamsDeps;
    expect(await searchExtension(deps([]), context, { ...query("x"), commandId: "other" })).toMatchObject({
      composeExtension: { type: "message" },
    });
    expect(await searchExtension(deps([]), context, query("backup", 25))).toEqual({
      composeExtension: { type: "result", attachmentLayout: "list", attachments: [] },
    });
    expect(await searchExtension(none, context, query("zzzz"))).toMatchObject({
      composeExtension: { type: "message", text: expect.stringMatching(/Nothing .* matches "zzzz"/) },
    });
  });
});
