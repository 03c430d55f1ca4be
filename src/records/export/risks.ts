/** The risk register as a table: every field of every risk, blanks for what is not recorded yet. */
import type { PersonKey, RiskRecord } from "../types.js";
import type { Table, TableCell } from "./table.js";

const TREATMENT_WORDS = { modify: "Modify", retain: "Retain", avoid: "Avoid", share: "Share" } as const;
const STATUS_WORDS = { open: "Open", treating: "Treating", accepted: "Accepted", closed: "Closed" } as const;
const LEVEL_WORDS = { low: "Low", medium: "Medium", high: "High", critical: "Critical" } as const;

/** `personName` turns an owner's or acceptor's key into the name people know; without it the key is shown. */
export function riskTable(rows: RiskRecord[], personName: (key: PersonKey) => string = (key) => key): Table {
  const person = (key: PersonKey | null): string => (key === null ? "" : personName(key));
  const blank = (value: TableCell | null): TableCell => value ?? "";
  return {
    sheetName: "Risk register",
    columns: [
      { header: "ID", width: 8 },
      { header: "Title", width: 36 },
      { header: "Description", width: 50 },
      { header: "Assets", width: 24 },
      { header: "Threat", width: 30 },
      { header: "Vulnerability", width: 30 },
      { header: "C/I/A", width: 8 },
      { header: "Likelihood", width: 11 },
      { header: "Impact", width: 9 },
      { header: "Level", width: 10 },
      { header: "Owner", width: 22 },
      { header: "Treatment", width: 11 },
      { header: "Linked controls", width: 20 },
      { header: "Treatment plan", width: 50 },
      { header: "Treatment due", width: 14 },
      { header: "Residual likelihood", width: 11 },
      { header: "Residual impact", width: 11 },
      { header: "Residual level", width: 11 },
      { header: "Accepted by", width: 22 },
      { header: "Accepted at", width: 20 },
      { header: "Next review", width: 12 },
      { header: "Status", width: 10 },
    ],
    rows: rows.map((risk) => [
      risk.ref,
      risk.title,
      blank(risk.description),
      blank(risk.assets),
      blank(risk.threat),
      blank(risk.vulnerability),
      risk.properties.join(", "),
      risk.likelihood,
      risk.impact,
      LEVEL_WORDS[risk.level],
      person(risk.owner),
      risk.treatment === null ? "" : TREATMENT_WORDS[risk.treatment],
      risk.controls.join(", "),
      blank(risk.treatmentPlan),
      blank(risk.treatmentDue),
      blank(risk.residualLikelihood),
      blank(risk.residualImpact),
      risk.residualLevel === null ? "" : LEVEL_WORDS[risk.residualLevel],
      person(risk.acceptedBy),
      blank(risk.acceptedAt),
      blank(risk.nextReview),
      STATUS_WORDS[risk.status],
    ]),
  };
}
