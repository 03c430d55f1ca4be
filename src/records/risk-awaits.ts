/**
 * What a risk still waits for from its owner before it counts as treated (ISO 27001 6.1.3): one rule for the owner's
 * open items, the reminders and the "where are we?" journey, so that they never disagree.
 */
import type { RiskRecord } from "./types.js";

/**
 * "treatment": a treatment and a residual rating; "acceptance": the owner's acceptance of the rated residual risk.
 * Undefined when nothing is left to do: the risk is closed, or its owner accepted what is left of it.
 */
export type RiskAwaiting = "treatment" | "acceptance";

export function riskAwaits(risk: RiskRecord): RiskAwaiting | undefined {
  if (risk.status === "closed" || risk.acceptedBy) return undefined;
  return risk.residualLevel ? "acceptance" : "treatment";
}
