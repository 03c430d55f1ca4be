/** The App Home tab: the person's open items and quick actions, republished when their records change. */
import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Reply } from "../../../src/core/reply.js";
import { type SlackCore, slackMessage } from "../context.js";
import { homeView } from "../render/home.js";

const QUICK_ACTIONS: Reply = {
  text: "Quick actions",
  visibility: "private",
  blocks: [
    { type: "heading", text: "Quick actions" },
    {
      type: "actions",
      buttons: [
        { label: "Log a risk", ask: "log a risk", style: "primary" },
        { label: "Submit evidence", ask: "submit evidence" },
        { label: "Risks above appetite", ask: "risks above appetite" },
        { label: "Audit readiness", ask: "audit readiness" },
        { label: "Help", ask: "help" },
      ],
    },
  ],
};

export async function publishHome(client: WebClient, core: SlackCore, user: string): Promise<void> {
  const ask = (text: string) => core.handle(slackMessage(user, user, "im", text));
  // Quick actions first, so that a long list never pushes them off the tab.
  const sections = [
    QUICK_ACTIONS,
    await ask("my open items"),
    await ask("evidence due soon"),
    await ask("my risks"),
    await ask("risks above appetite"),
  ];
  await client.views.publish({ user_id: user, view: homeView(sections) });
}

export function registerHome(app: App, core: SlackCore): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    await publishHome(client, core, event.user);
  });
}
