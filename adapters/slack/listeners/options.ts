/** Options load for control pickers: the 93 controls are more than a static select may hold. */
import type { App } from "@slack/bolt";
import type { SlackCore } from "../context.js";
import { controlOptions } from "../render/control-options.js";

export function registerOptions(app: App, core: SlackCore): void {
  app.options<"block_suggestion">({ action_id: "value" }, async ({ ack, options }) => {
    await ack(controlOptions(core.searchControls(options.value)));
  });
}
