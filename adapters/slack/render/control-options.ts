/** The options Slack loads into a control picker (an external select) as the person types. */
import { truncate } from "./mrkdwn.js";

/** Slack shows at most 100 options, each at most 75 characters. */
export function controlOptions(results: { id: string; title: string }[]): {
  options: { text: { type: "plain_text"; text: string }; value: string }[];
} {
  return {
    options: results.slice(0, 100).map((control) => ({
      text: { type: "plain_text", text: truncate(`${control.id} ${control.title}`, 75) },
      value: control.id,
    })),
  };
}
