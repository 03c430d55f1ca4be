/** The ISMS records: people and roles, the per-control state (SoA row), risks, evidence and the audit log. */

/** A person's key across the records: "<platform>:<user id>", e.g. "console:alice", "slack:U024BE7LH". */
export type PersonKey = string;

export interface PersonRecord {
  key: PersonKey;
  platform: string;
  userId: string;
  displayName: string | null;
  email: string | null;
  manager: PersonKey | null;
  timezone: string | null;
  isAdmin: boolean;
}

export const IMPLEMENTATION_STATUSES = [
  "not_started",
  "planned",
  "partially_implemented",
  "implemented",
] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

export const CADENCES = ["monthly", "quarterly", "half_yearly", "yearly"] as const;
export type Cadence = (typeof CADENCES)[number];

/** Our own state of one Annex A control: a row of the Statement of Applicability. */
export interface ControlState {
  controlId: string; // "A.8.13"
  /** null until someone decides. */
  applicable: boolean | null;
  /** The justification as recorded; when empty and applicable, answers show the linked risks instead. */
  justification: string | null;
  status: ImplementationStatus;
  owner: PersonKey | null;
  cadence: Cadence | null;
  nextEvidenceDue: string | null; // YYYY-MM-DD
}

export const TREATMENTS = ["modify", "retain", "avoid", "share"] as const;
export type Treatment = (typeof TREATMENTS)[number];

export const RISK_STATUSES = ["open", "treating", "accepted", "closed"] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export type RiskLevel = "low" | "medium" | "high" | "critical";

/** What a person (or an import) gives to create or update a risk. */
export interface RiskInput {
  title: string;
  description: string | null;
  assets: string | null;
  threat: string | null;
  vulnerability: string | null;
  /** Affected properties, a subset of "C", "I", "A". */
  properties: string[];
  likelihood: number;
  impact: number;
  owner: PersonKey;
  treatment: Treatment | null;
  controls: string[]; // ["A.8.1", "A.5.17"]
  treatmentPlan: string | null;
  treatmentDue: string | null; // YYYY-MM-DD
  residualLikelihood: number | null;
  residualImpact: number | null;
  nextReview: string | null; // YYYY-MM-DD
  status: RiskStatus;
}

export interface RiskRecord extends RiskInput {
  ref: string; // "R-001"
  level: RiskLevel;
  residualLevel: RiskLevel | null;
  aboveAppetite: boolean;
  acceptedBy: PersonKey | null;
  acceptedAt: string | null;
  createdBy: PersonKey;
  createdAt: string;
  updatedAt: string;
}

export const REVIEW_STATUSES = ["submitted", "accepted", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface EvidenceInput {
  /** An Annex A control ("A.8.13") or a clause with mandatory documented information ("9.2"). */
  target: string;
  title: string;
  description: string | null;
  link: string | null;
  fileName: string | null;
  periodStart: string | null; // YYYY-MM-DD
  periodEnd: string | null; // YYYY-MM-DD
}

export interface EvidenceRecord extends EvidenceInput {
  ref: string; // "E-001"
  submittedBy: PersonKey;
  submittedAt: string;
  validUntil: string | null; // YYYY-MM-DD
  reviewStatus: ReviewStatus;
  reviewedBy: PersonKey | null;
  reviewedAt: string | null;
  rejectReason: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: PersonKey;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** One row of the Statement of Applicability, as exported. */
export interface SoaRow {
  controlId: string;
  title: string;
  theme: string;
  applicable: boolean | null;
  justification: string;
  status: ImplementationStatus;
  owner: string; // display name or person key, "" when none
  linkedRisks: string[]; // ["R-001"]
  latestEvidence: string; // "E-004 Backup restore test (accepted, valid until 2027-01-31)" or ""
}
