/**
 * The way to certification, worked out from the records: the six steps of an ISO/IEC 27001 implementation, each done,
 * in progress or not started, with what is missing and what to do next, and the mandatory documented information
 * clause by clause. Pure: the records, the catalogue and the clock in, a neutral model out.
 */
import type { Catalogue } from "../catalogue/catalogue.js";
import { joinWithAnd } from "../core/answers/cards.js";
import type { Button } from "../core/reply.js";
import { addMonths, isoDate } from "../records/dates.js";
import type { Records } from "../records/records.js";
import { riskAwaits } from "../records/risk-awaits.js";
import type { RiskRecord } from "../records/types.js";
import { lastHeld, STANDARD_CALENDAR_ITEMS } from "../scheduling/calendar-plan.js";
import { hasCurrentEvidence, mandatoryDocuments, soaRows } from "./readiness.js";

/** "ready" is the certification audit's own: steps 1 to 5 are done and it can be booked. */
export type StepStatus = "done" | "in progress" | "not started" | "ready";

export interface JourneyStep {
  number: number;
  title: string;
  status: StepStatus;
  /** Where the step stands, in a sentence. */
  summary: string;
  /** What is still missing, in plain words; empty when done. */
  missing: string[];
  /** What to do next, as buttons: each says what the person would type. */
  next: Button[];
}

/** The mandatory documented information of one clause (4 to 10). */
export interface ClauseDocuments {
  clause: string;
  title: string;
  onFile: number;
  total: number;
  /** "6.1.3 The Statement of Applicability (SoA)". */
  missing: string[];
}

export interface Journey {
  steps: JourneyStep[];
  clauses: ClauseDocuments[];
}

export interface JourneyInput {
  catalogue: Catalogue;
  records: Records;
  clock: () => Date;
  /** How recent the internal audit and the management review must be, in months (the calendar's; 12 by default). */
  internalAuditMonths?: number;
  managementReviewMonths?: number;
}

const plural = (count: number, one: string, several = `${one}s`) => `${count} ${count === 1 ? one : several}`;
const has = (count: number) => (count === 1 ? "has" : "have");

/** "A.5.1, A.5.2 and A.5.3", or the first few "and 40 more". */
function named(items: string[], most = 5): string {
  const shown = items.slice(0, most);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(", ")} and ${rest} more`;
  return joinWithAnd(shown);
}

const evidenceFor = (clause: string, label: string): Button => ({
  label,
  ask: `submit evidence for clause ${clause}`,
});

function scopeStep(records: Records, documents: Map<string, boolean>): JourneyStep {
  const step = { number: 1, title: "Scope" };
  if (documents.get("4.3") === true)
    return {
      ...step,
      status: "done",
      summary: "A current scope document is on file (clause 4.3).",
      missing: [],
      next: [],
    };
  const next = [evidenceFor("4.3", "Submit the scope (4.3)")];
  if (records.evidence.forTarget("4.3").length > 0)
    return {
      ...step,
      status: "in progress",
      summary: "A scope document was handed in, but none on file is current.",
      missing: [
        "The scope on file was rejected or is past its validity: submit the current scope as evidence for clause 4.3.",
      ],
      next,
    };
  return {
    ...step,
    status: "not started",
    summary: "No scope document is on file yet.",
    missing: [
      "Write down what the ISMS covers (locations, teams, systems, services) and what it leaves out, then submit it as evidence for clause 4.3.",
    ],
    next,
  };
}

/**
 * Why an open risk does not count as treated yet, or undefined when it does. Whether it does is riskAwaits's rule, the
 * one the owner's open items and reminders follow (treated once its owner accepted what is left of it); this only
 * says in a few words what is still missing.
 */
function treatmentGap(risk: RiskRecord): string | undefined {
  const awaits = riskAwaits(risk);
  if (awaits === undefined) return undefined;
  if (awaits === "acceptance") return `residual risk ${risk.residualLevel} not yet accepted by its owner`;
  if (risk.treatment === null) return "no treatment decided";
  const needsPlan = risk.treatment === "modify" || risk.treatment === "share";
  if (needsPlan && risk.controls.length === 0 && !risk.treatmentPlan?.trim())
    return `to be ${risk.treatment === "modify" ? "modified" : "shared"}, but with no plan or controls yet`;
  return "no residual rating yet";
}

function riskStep(records: Records, documents: Map<string, boolean>): JourneyStep {
  const step = { number: 2, title: "Risk assessment" };
  const method = documents.get("6.1.2") === true;
  const results = documents.get("8.2") === true;
  const risks = records.risks.all();
  const live = risks.filter((risk) => risk.status !== "closed");
  const untreated = live.flatMap((risk) => {
    const gap = treatmentGap(risk);
    return gap ? [{ risk, gap }] : [];
  });
  const summary = `${plural(risks.length, "risk")} in the register, ${live.length - untreated.length} of ${plural(live.length, "open risk")} treated; the method is ${method ? "" : "not "}on file, the results are ${results ? "" : "not "}on file.`;
  if (method && results && risks.length > 0 && untreated.length === 0)
    return { ...step, status: "done", summary, missing: [], next: [] };
  const missing: string[] = [];
  const next: Button[] = [];
  if (!method) {
    missing.push(
      "The risk assessment method is not on file (clause 6.1.2): how risks are found, rated and compared with the risk appetite.",
    );
    next.push(evidenceFor("6.1.2", "Submit the method (6.1.2)"));
  }
  if (risks.length === 0) {
    missing.push("The risk register is empty: log the risks to the information in scope.");
    next.push({ label: "Log a risk", ask: "log a risk" });
  }
  if (untreated.length > 0) {
    missing.push(
      `${plural(untreated.length, "open risk is", "open risks are")} not treated yet: ${named(untreated.map(({ risk, gap }) => `${risk.ref} ${risk.title} (${gap})`))}.`,
    );
    // Only the owner can accept a residual risk: for one waiting on that, the button shows the risk instead.
    const first = untreated[0]?.risk;
    if (first && riskAwaits(first) === "acceptance")
      next.push({ label: `Show ${first.ref}`, ask: `show risk ${first.ref}` });
    else if (first) next.push({ label: `Treat ${first.ref}`, ask: `update risk ${first.ref}` });
  }
  if (!results) {
    missing.push("The results of the risk assessment are not on file (clause 8.2).");
    next.push(evidenceFor("8.2", "Submit the results (8.2)"));
  }
  const started = method || results || risks.length > 0;
  return { ...step, status: started ? "in progress" : "not started", summary, missing, next };
}

function soaStep(catalogue: Catalogue, records: Records): JourneyStep {
  const step = { number: 3, title: "Controls and Statement of Applicability" };
  const rows = soaRows(catalogue, records);
  const undecided = rows.filter((row) => row.applicable === null).map((row) => row.controlId);
  const unjustified = rows
    .filter((row) => row.applicable !== null && !row.justification.trim())
    .map((row) => row.controlId);
  const applicable = rows.filter((row) => row.applicable === true).length;
  const decided = rows.length - undecided.length;
  const summary = `${decided} of ${rows.length} controls decided: ${applicable} applicable, ${decided - applicable} not applicable.`;
  const exportSoa: Button = { label: "Export the SoA", ask: "export soa" };
  if (undecided.length === 0 && unjustified.length === 0)
    return { ...step, status: "done", summary, missing: [], next: [exportSoa] };
  const missing = [
    ...(undecided.length > 0
      ? [
          `${plural(undecided.length, "control has", "controls have")} no applicability decision yet: ${named(undecided)}.`,
        ]
      : []),
    ...(unjustified.length > 0
      ? [
          `${plural(unjustified.length, "decision has", "decisions have")} no justification: ${named(unjustified)}.`,
        ]
      : []),
  ];
  const first = undecided[0] ?? unjustified[0] ?? "";
  const next: Button[] = [{ label: `Decide ${first}`, ask: `set applicability of ${first}` }];
  if (decided > 0) next.push(exportSoa);
  return { ...step, status: decided > 0 ? "in progress" : "not started", summary, missing, next };
}

function implementationStep(catalogue: Catalogue, records: Records, today: string): JourneyStep {
  const step = { number: 4, title: "Implementation" };
  const applicable = catalogue.controls
    .map((control) => records.controls.get(control.id))
    .filter((state) => state.applicable === true);
  if (applicable.length === 0)
    return {
      ...step,
      status: "not started",
      summary: "No control is marked applicable yet.",
      missing: [
        "Decide which controls apply first (step 3); then give each an owner and collect its evidence.",
      ],
      next: [],
    };
  const noOwner = applicable.filter((state) => !state.owner).map((state) => state.controlId);
  const noEvidence = applicable
    .filter((state) => !hasCurrentEvidence(records, state.controlId, today))
    .map((state) => state.controlId);
  const overdue = applicable
    .filter((state) => state.nextEvidenceDue !== null && state.nextEvidenceDue < today)
    .sort((a, b) => (a.nextEvidenceDue ?? "").localeCompare(b.nextEvidenceDue ?? ""));
  const n = applicable.length;
  const summary = `Of ${plural(n, "applicable control")}, ${n - noOwner.length} with an owner, ${n - noEvidence.length} with current evidence, ${overdue.length} overdue.`;
  if (noOwner.length === 0 && noEvidence.length === 0 && overdue.length === 0)
    return { ...step, status: "done", summary, missing: [], next: [] };
  const missing: string[] = [];
  const next: Button[] = [];
  if (noOwner.length > 0) {
    missing.push(`${noOwner.length} of ${n} ${has(noOwner.length)} no owner: ${named(noOwner)}.`);
    next.push({ label: `Set the owner of ${noOwner[0]}`, ask: `set owner of ${noOwner[0]}` });
  }
  if (noEvidence.length > 0) {
    missing.push(
      `${noEvidence.length} of ${n} ${has(noEvidence.length)} no current evidence: ${named(noEvidence)}.`,
    );
    next.push({ label: "Controls without evidence", ask: "which applicable controls have no evidence" });
  }
  if (overdue.length > 0)
    missing.push(
      `${overdue.length} ${overdue.length === 1 ? "is" : "are"} overdue for evidence: ${named(overdue.map((state) => `${state.controlId} (due ${state.nextEvidenceDue})`))}.`,
    );
  const evidenceNext = overdue[0]?.controlId ?? noEvidence[0];
  if (evidenceNext)
    next.push({ label: `Submit evidence for ${evidenceNext}`, ask: `submit evidence for ${evidenceNext}` });
  const started = noOwner.length < n || noEvidence.length < n;
  return { ...step, status: started ? "in progress" : "not started", summary, missing, next };
}

function auditAndReviewStep(records: Records, today: string, input: JourneyInput): JourneyStep {
  const step = { number: 5, title: "Internal audit and management review" };
  const checks = [
    {
      key: "internal-audit",
      name: "internal audit",
      clause: "9.2",
      months: input.internalAuditMonths ?? 12,
      todo: "plan the audit programme, hold the audit and submit its report",
    },
    {
      key: "management-review",
      name: "management review",
      clause: "9.3",
      months: input.managementReviewMonths ?? 12,
      todo: "hold a management review with top management and submit its minutes",
    },
  ].map((check) => {
    const targets = STANDARD_CALENDAR_ITEMS.find((item) => item.key === check.key)?.targets ?? [check.clause];
    const held = lastHeld(records, targets);
    return { ...check, held, current: held !== null && addMonths(held, check.months) >= today };
  });
  const summary = checks
    .map((check) => `${check.name}: ${check.held ? `last held ${check.held}` : "none on record"}`)
    .join("; ")
    .replace(/^./, (first) => first.toUpperCase());
  if (checks.every((check) => check.current))
    return { ...step, status: "done", summary: `${summary}.`, missing: [], next: [] };
  const stale = checks.filter((check) => !check.current);
  const missing = stale.map((check) =>
    check.held
      ? `The last ${check.name} on record is from ${check.held}, more than ${plural(check.months, "month")} ago: hold the next one and submit it as evidence for clause ${check.clause}.`
      : `No ${check.name} is on record: ${check.todo} as evidence for clause ${check.clause}.`,
  );
  const next = [
    ...stale.map((check) => evidenceFor(check.clause, `Submit the ${check.name} (${check.clause})`)),
    { label: "Show the ISMS calendar", ask: "show the ISMS calendar" },
  ];
  const status = checks.some((check) => check.held) ? "in progress" : "not started";
  return { ...step, status, summary: `${summary}.`, missing, next };
}

function certificationStep(before: JourneyStep[]): JourneyStep {
  const step = { number: 6, title: "Certification audit" };
  const blocking = before.filter((each) => each.status !== "done");
  if (blocking.length === 0)
    return {
      ...step,
      status: "ready",
      summary:
        "Steps 1 to 5 are done: the certification audit can be booked with an accredited certification body.",
      missing: [],
      next: [
        { label: "Export the SoA", ask: "export soa" },
        { label: "Show readiness", ask: "audit readiness" },
      ],
    };
  return {
    ...step,
    status: "not started",
    summary: "Book it once steps 1 to 5 are done.",
    missing: blocking.map((each) => `Step ${each.number} (${each.title}) is ${each.status}.`),
    next: [{ label: "Show readiness", ask: "audit readiness" }],
  };
}

/** Clauses 4 to 10: how many of each one's mandatory documents are on file, and which are missing. */
function clauseDocuments(catalogue: Catalogue, records: Records): ClauseDocuments[] {
  const documents = mandatoryDocuments(catalogue, records);
  return ["4", "5", "6", "7", "8", "9", "10"].map((clause) => {
    const own = documents.filter((document) => document.clause.id.split(".")[0] === clause);
    const count = (list: typeof own) =>
      list.reduce((sum, document) => sum + document.clause.documentedInformation.length, 0);
    return {
      clause,
      title: catalogue.clause(clause)?.title ?? "",
      onFile: count(own.filter((document) => document.present)),
      total: count(own),
      missing: own
        .filter((document) => !document.present)
        .flatMap((document) =>
          document.clause.documentedInformation.map((text) => `${document.clause.id} ${text}`),
        ),
    };
  });
}

export function journey(input: JourneyInput): Journey {
  const { catalogue, records } = input;
  const today = isoDate(input.clock());
  const documents = new Map(
    mandatoryDocuments(catalogue, records).map((document) => [document.clause.id, document.present]),
  );
  const steps = [
    scopeStep(records, documents),
    riskStep(records, documents),
    soaStep(catalogue, records),
    implementationStep(catalogue, records, today),
    auditAndReviewStep(records, today, input),
  ];
  return { steps: [...steps, certificationStep(steps)], clauses: clauseDocuments(catalogue, records) };
}
