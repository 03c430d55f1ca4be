/** Builders of record inputs for tests: a neutral risk or evidence item, with only what a test cares about set. */
import type { Records } from "../../src/records/records.js";
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

/**
 * Evidence that the policy review (A.5.1), the internal audit (9.2) and the management review (9.3) were held on
 * `day`: the ISMS calendar then stays quiet for most of a year, for tests about other reminders.
 */
export function calendarHeld(records: Records, day: string): void {
  for (const target of ["A.5.1", "9.2", "9.3"])
    records.evidence.submit(evidenceInput({ target, title: `Held on ${day}`, periodEnd: day }), null, "test");
}
