/**
 * Whether a risk's residual risk can be accepted now. An old "accept risk R-001" button, or an acceptance form left
 * open, may arrive after the risk was closed or already accepted: it is answered with what happened, not saved again.
 */
import type { RiskRecord } from "../records/types.js";
import type { ConversationContext } from "./context.js";

/** Why accepting `risk` now would be wrong, or undefined when it may be accepted. */
export function acceptanceRefused(ctx: ConversationContext, risk: RiskRecord): string | undefined {
  if (risk.status === "closed")
    return `${risk.ref} is closed, so there is no residual risk to accept. Nothing was changed.`;
  if (risk.acceptedBy) {
    const when = risk.acceptedAt ? ` on ${risk.acceptedAt.slice(0, 10)}` : "";
    const level = risk.residualLevel ? ` (residual level ${risk.residualLevel})` : "";
    return `The residual risk of ${risk.ref} was already accepted by ${ctx.records.people.name(risk.acceptedBy)}${when}${level}. Nothing was changed.`;
  }
  return undefined;
}
