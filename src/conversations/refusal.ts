/** The answer to an action the person may not take: why, and who can help. Always private. */
import { type Reply, reply } from "../core/reply.js";

export function refusal(decision: { reason: string; help: string }): Reply {
  const text = `${decision.reason} ${decision.help}`;
  return reply(text, [{ type: "notice", tone: "warning", text }], "private");
}
