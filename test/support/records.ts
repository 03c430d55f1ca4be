/** Builders of record inputs for tests: a neutral risk or evidence item, with only what a test cares about set. */
import type { EvidenceInput, RiskInput } from "../../src/records/types.js";

export function riskInput(overrides: Partial<RiskInput> & Pick<RiskInput, "title" | "owner">): RiskInput {
  return {
    description: null,
    assets: null,
    threat: null,
    vulnerability: null,
    properties: [],
    likelihood: 3,
    impact: 3,
    treatment: null,
    controls: [],
    treatmentPlan: null,
    treatmentDue: null,
    residualLikelihood: null,
    residualImpact: null,
    nextReview: null,
    status: "open",
    ...overrides,
  };
}

export function evidenceInput(
  overrides: Partial<EvidenceInput> & Pick<EvidenceInput, "target" | "title">,
): EvidenceInput {
  return { description: null, link: null, fileName: null, periodStart: null, periodEnd: null, ...overrides };
}
