/**
 * Audit readiness from the records: per theme, how many applicable controls have an owner, current evidence, or are
 * overdue; per clause, whether each mandatory document is on file. Also the Statement of Applicability rows.
 */
import type { Catalogue } from "../catalogue/catalogue.js";
import { THEMES } from "../catalogue/types.js";
import { isoDate } from "../records/dates.js";
import type { Records } from "../records/records.js";
import type { SoaRow } from "../records/types.js";

export interface ThemeReadiness {
  theme: string;
  total: number;
  decided: number;
  applicable: number;
  withOwner: number;
  withCurrentEvidence: number;
  overdue: number;
}

/** Evidence counts as current when accepted or awaiting review, and not past its validity. */
export function hasCurrentEvidence(records: Records, target: string, today: string): boolean {
  return records.evidence
    .forTarget(target)
    .some(
      (item) => item.reviewStatus !== "rejected" && (item.validUntil === null || item.validUntil >= today),
    );
}

export function themeReadiness(catalogue: Catalogue, records: Records): ThemeReadiness[] {
  const today = isoDate(records.clock());
  return THEMES.map((theme) => {
    const states = catalogue.controls.filter((c) => c.theme === theme).map((c) => records.controls.get(c.id));
    const applicable = states.filter((s) => s.applicable === true);
    return {
      theme,
      total: states.length,
      decided: states.filter((s) => s.applicable !== null).length,
      applicable: applicable.length,
      withOwner: applicable.filter((s) => s.owner).length,
      withCurrentEvidence: applicable.filter((s) => hasCurrentEvidence(records, s.controlId, today)).length,
      overdue: applicable.filter((s) => s.nextEvidenceDue !== null && s.nextEvidenceDue < today).length,
    };
  });
}

/** For each clause that mandates documented information: is there evidence on file for it (or a subclause)? */
export function mandatoryDocuments(catalogue: Catalogue, records: Records, scope?: string) {
  const today = isoDate(records.clock());
  return catalogue.clauses
    .filter((clause) => clause.documentedInformation.length > 0)
    .filter((clause) => !scope || clause.id === scope || clause.id.startsWith(`${scope}.`))
    .map((clause) => ({
      clause,
      present:
        hasCurrentEvidence(records, clause.id, today) ||
        (clause.parent ? hasCurrentEvidence(records, clause.parent, today) : false),
    }));
}

export function soaRows(catalogue: Catalogue, records: Records): SoaRow[] {
  const risks = records.risks.all();
  return catalogue.controls.map((control) => {
    const state = records.controls.get(control.id);
    const linked = risks.filter((risk) => risk.controls.includes(control.id)).map((risk) => risk.ref);
    const latest = records.evidence.forTarget(control.id)[0];
    const justification =
      state.justification ??
      (state.applicable && linked.length > 0 ? `Treats risks ${linked.join(", ")}` : "");
    return {
      controlId: control.id,
      title: control.title,
      theme: control.theme,
      applicable: state.applicable,
      justification,
      status: state.status,
      owner: state.owner ? records.people.name(state.owner) : "",
      linkedRisks: linked,
      latestEvidence: latest
        ? `${latest.ref} ${latest.title} (${latest.reviewStatus}${latest.validUntil ? `, valid until ${latest.validUntil}` : ""})`
        : "",
    };
  });
}
