/** Renders the App Home tab: several replies one under the other, within Slack's 100 blocks per view. */
import type { HomeView, KnownBlock } from "@slack/types";
import type { Reply } from "../../../src/core/reply.js";
import { replyToMessages } from "./blocks.js";

const MAX_BLOCKS = 100;
const MORE: KnownBlock = {
  type: "context",
  elements: [{ type: "mrkdwn", text: "…and more: type 'my open items' in a DM" }],
};

/** The Home tab for `sections`, separated by dividers; past 100 blocks the end is dropped and a pointer left. */
export function homeView(sections: Reply[]): HomeView {
  const blocks: KnownBlock[] = [];
  for (const section of sections) {
    const rendered = replyToMessages(section).flatMap((message) => message.blocks);
    if (rendered.length === 0) continue;
    if (blocks.length > 0) blocks.push({ type: "divider" });
    blocks.push(...rendered);
  }
  if (blocks.length <= MAX_BLOCKS) return { type: "home", blocks };
  const kept = blocks.slice(0, MAX_BLOCKS - 1);
  // A divider or heading left last would separate or introduce nothing.
  while (kept.length > 0 && ["divider", "header"].includes(kept[kept.length - 1]?.type ?? "")) kept.pop();
  return { type: "home", blocks: [...kept, MORE] };
}
