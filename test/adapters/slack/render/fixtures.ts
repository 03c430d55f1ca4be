/** Shared test data for the Slack renderers: a realistic risk, hostile text, and a way to collect shown text. */
import type { RiskRecord } from "../../../../src/records/types.js";

/** Text that would notify the whole channel and mention someone if it reached Slack unescaped. */
export const hostileText = "<!channel> & <@U1>";

export const realisticRisk: RiskRecord = {
  ref: "R-003",
  title: "Laptop theft",
  description: "Laptops left in cars are stolen.",
  assets: "Laptops",
  threat: "Theft",
  vulnerability: "No disk encryption",
  properties: ["C", "A"],
  likelihood: 3,
  impact: 4,
  owner: "slack:U024BE7LH",
  treatment: "modify",
  controls: ["A.8.1", "A.8.24"],
  treatmentPlan: "Enable FileVault on all Macs.",
  treatmentDue: "2026-12-31",
  residualLikelihood: null,
  residualImpact: null,
  nextReview: "2027-06-30",
  status: "treating",
  level: "high",
  residualLevel: null,
  aboveAppetite: true,
  acceptedBy: null,
  acceptedAt: null,
  createdBy: "slack:U024BE7LH",
  createdAt: "2026-11-02T09:00:00Z",
  updatedAt: "2026-11-20T14:30:00Z",
};

/** Every text object (plain_text or mrkdwn) in a piece of Block Kit JSON, in order. */
export function textsOf(json: unknown): string[] {
  if (Array.isArray(json)) return json.flatMap(textsOf);
  if (json === null || typeof json !== "object") return [];
  const object = json as Record<string, unknown>;
  const own =
    (object.type === "plain_text" || object.type === "mrkdwn") && typeof object.text === "string"
      ? [object.text]
      : [];
  return [...own, ...Object.values(object).flatMap(textsOf)];
}
