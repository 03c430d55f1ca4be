/** The Statement of Applicability as a table: one row per Annex A control, in the words an auditor expects. */
import type { ImplementationStatus, SoaRow } from "../types.js";
import type { Table } from "./table.js";

export const STATUS_WORDS: Record<ImplementationStatus, string> = {
  not_started: "Not started",
  planned: "Planned",
  partially_implemented: "Partially implemented",
  implemented: "Implemented",
};

/** `generatedAt` goes into the title, so a printed or shared copy says how current it is. */
export function soaTable(rows: SoaRow[], generatedAt: string): Table {
  return {
    sheetName: "Statement of Applicability",
    title: `Statement of Applicability (generated ${generatedAt})`,
    columns: [
      { header: "Control", width: 10 },
      { header: "Title", width: 36 },
      { header: "Theme", width: 14 },
      { header: "Applicable", width: 11 },
      { header: "Justification", width: 50 },
      { header: "Implementation status", width: 22 },
      { header: "Owner", width: 22 },
      { header: "Linked risks", width: 18 },
      { header: "Latest evidence", width: 50 },
    ],
    rows: rows.map((row) => [
      row.controlId,
      row.title,
      row.theme,
      row.applicable === null ? "Not decided" : row.applicable ? "Yes" : "No",
      row.justification,
      STATUS_WORDS[row.status],
      row.owner,
      row.linkedRisks.join(", "),
      row.latestEvidence,
    ]),
  };
}
