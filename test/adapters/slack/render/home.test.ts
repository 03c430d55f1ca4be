import { describe, expect, it } from "vitest";
import { homeView } from "../../../../adapters/slack/render/home.js";
import { type Block, reply } from "../../../../src/core/reply.js";

const paragraphs = (count: number, prefix: string): Block[] =>
  Array.from({ length: count }, (_, i) => ({ type: "paragraph", text: `${prefix} ${i + 1}` }));

describe("homeView", () => {
  it("stacks the replies' blocks with a divider between them", () => {
    const view = homeView([
      reply("Open items", [{ type: "heading", text: "Your open items" }, ...paragraphs(1, "R-003")]),
      reply("Nothing above appetite"),
      reply("Quick actions", [
        { type: "actions", buttons: [{ label: "Log a risk", ask: "log a risk", style: "primary" }] },
      ]),
    ]);
    expect(view).toEqual({
      type: "home",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "Your open items" } },
        { type: "section", text: { type: "mrkdwn", text: "R-003 1", verbatim: true } },
        { type: "divider" },
        {
          type: "actions",
          elements: [
            {
              type: "button",
              action_id: "ask:1",
              text: { type: "plain_text", text: "Log a risk" },
              value: "log a risk",
              style: "primary",
            },
          ],
        },
      ],
    });
  });

  it("escapes what the replies say", () => {
    const view = homeView([reply("x", [{ type: "paragraph", text: "<!channel> & <@U1>" }])]);
    expect(view.blocks).toEqual([
      {
        type: "section",
        text: { type: "mrkdwn", text: "&lt;!channel&gt; &amp; &lt;@U1&gt;", verbatim: true },
      },
    ]);
  });

  it("keeps at most 100 blocks, dropping from the end and saying where to see the rest", () => {
    const view = homeView([
      reply("Open items", paragraphs(60, "R")),
      reply("Above appetite", [{ type: "heading", text: "Above appetite" }, ...paragraphs(60, "A")]),
    ]);
    expect(view.blocks).toHaveLength(100);
    expect(view.blocks.at(-1)).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "…and more: type 'my open items' in a DM" }],
    });
    expect(view.blocks.at(-2)).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "A 37", verbatim: true },
    });
  });

  it("leaves no divider or heading dangling before the pointer to the rest", () => {
    const view = homeView([
      reply("Open items", paragraphs(98, "R")),
      reply("Above appetite", [{ type: "heading", text: "Above appetite" }, ...paragraphs(5, "A")]),
    ]);
    expect(view.blocks.map((block) => block.type).slice(-3)).toEqual(["section", "section", "context"]);
    expect(view.blocks).toHaveLength(99);
  });
});
