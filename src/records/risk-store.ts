/** The risk register (ISO 27001 6.1.2 and 6.1.3): risks, their linked controls, treatment and residual acceptance. */
import { type Db, prepared } from "../storage/database.js";
import type { AuditLog } from "./audit-log.js";
import { isAboveAppetite, levelOf, type RiskMatrix } from "./risk-matrix.js";
import type { PersonKey, RiskInput, RiskRecord, RiskStatus, Treatment } from "./types.js";

interface RiskRow {
  id: number;
  ref: string;
  title: string;
  description: string | null;
  assets: string | null;
  threat: string | null;
  vulnerability: string | null;
  properties: string;
  likelihood: number;
  impact: number;
  owner: string;
  treatment: Treatment | null;
  treatment_plan: string | null;
  treatment_due: string | null;
  residual_likelihood: number | null;
  residual_impact: number | null;
  accepted_by: string | null;
  accepted_at: string | null;
  next_review: string | null;
  status: RiskStatus;
  created_by: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `title = @title, description = @description, assets = @assets, threat = @threat,
  vulnerability = @vulnerability, properties = @properties, likelihood = @likelihood, impact = @impact, owner = @owner,
  treatment = @treatment, treatment_plan = @treatmentPlan, treatment_due = @treatmentDue,
  residual_likelihood = @residualLikelihood, residual_impact = @residualImpact, next_review = @nextReview,
  status = @status, updated_at = @at`;

export class RiskStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
    private readonly matrix: () => RiskMatrix,
  ) {}

  private toRecord(row: RiskRow): RiskRecord {
    const matrix = this.matrix();
    const controls = (
      prepared(this.db, "SELECT control_id FROM risk_controls WHERE risk_id = ? ORDER BY control_id").all(
        row.id,
      ) as {
        control_id: string;
      }[]
    ).map((link) => link.control_id);
    const level = levelOf(matrix, row.likelihood, row.impact);
    const residualLevel =
      row.residual_likelihood !== null && row.residual_impact !== null
        ? levelOf(matrix, row.residual_likelihood, row.residual_impact)
        : null;
    return {
      ref: row.ref,
      title: row.title,
      description: row.description,
      assets: row.assets,
      threat: row.threat,
      vulnerability: row.vulnerability,
      properties: row.properties ? row.properties.split(",") : [],
      likelihood: row.likelihood,
      impact: row.impact,
      owner: row.owner,
      treatment: row.treatment,
      controls,
      treatmentPlan: row.treatment_plan,
      treatmentDue: row.treatment_due,
      residualLikelihood: row.residual_likelihood,
      residualImpact: row.residual_impact,
      nextReview: row.next_review,
      status: row.status,
      level,
      residualLevel,
      // A risk counts against the appetite at its residual level once that is known, else at its inherent level.
      aboveAppetite: isAboveAppetite(matrix, residualLevel ?? level),
      acceptedBy: row.accepted_by,
      acceptedAt: row.accepted_at,
      createdBy: row.created_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  get(ref: string): RiskRecord | undefined {
    const row = prepared(this.db, "SELECT * FROM risks WHERE ref = ?").get(ref.toUpperCase()) as
      | RiskRow
      | undefined;
    return row && this.toRecord(row);
  }

  all(): RiskRecord[] {
    return (prepared(this.db, "SELECT * FROM risks ORDER BY id").all() as RiskRow[]).map((row) =>
      this.toRecord(row),
    );
  }

  private params(input: RiskInput) {
    return { ...input, properties: input.properties.join(","), at: this.clock().toISOString() };
  }

  private linkControls(ref: string, controls: string[]): void {
    const { id } = prepared(this.db, "SELECT id FROM risks WHERE ref = ?").get(ref) as { id: number };
    prepared(this.db, "DELETE FROM risk_controls WHERE risk_id = ?").run(id);
    const link = prepared(this.db, "INSERT INTO risk_controls (risk_id, control_id) VALUES (?, ?)");
    for (const control of new Set(controls)) link.run(id, control);
  }

  /** Creates a risk with the next id (R-001, R-002, …); an import key makes a second import of it a no-op. */
  create(
    input: RiskInput,
    actor: PersonKey,
    importKey: string | null = null,
    action = "risk.create",
  ): RiskRecord {
    return this.db.transaction(() => {
      const next = (
        prepared(this.db, "SELECT COALESCE(MAX(id), 0) + 1 AS n FROM risks").get() as { n: number }
      ).n;
      const ref = `R-${String(next).padStart(3, "0")}`;
      prepared(
        this.db,
        `INSERT INTO risks (id, ref, title, description, assets, threat, vulnerability, properties, likelihood, impact,
             owner, treatment, treatment_plan, treatment_due, residual_likelihood, residual_impact, next_review, status,
             import_key, created_by, created_at, updated_at)
           VALUES (@id, @ref, @title, @description, @assets, @threat, @vulnerability, @properties, @likelihood, @impact,
             @owner, @treatment, @treatmentPlan, @treatmentDue, @residualLikelihood, @residualImpact, @nextReview, @status,
             @importKey, @actor, @at, @at)`,
      ).run({ ...this.params(input), id: next, ref, importKey, actor });
      this.linkControls(ref, input.controls);
      const record = this.get(ref) as RiskRecord;
      this.audit.append(actor, action, "risk", ref, null, record);
      return record;
    })();
  }

  /**
   * Saves a changed risk. A change to its rating (inherent or residual) withdraws the owner's acceptance: they accepted
   * a different risk, so it must be accepted again.
   */
  update(ref: string, input: RiskInput, actor: PersonKey): RiskRecord {
    return this.db.transaction(() => {
      const before = this.get(ref);
      if (!before) throw new Error(`no risk ${ref}`);
      const rated = (r: RiskInput) =>
        [r.likelihood, r.impact, r.residualLikelihood, r.residualImpact].join("/");
      const acceptanceStands =
        before.acceptedBy !== null && rated(before) === rated(input) && input.status === "accepted";
      const status = input.status === "accepted" && !acceptanceStands ? "treating" : input.status;
      prepared(this.db, `UPDATE risks SET ${COLUMNS} WHERE ref = @ref`).run({
        ...this.params({ ...input, status }),
        ref: before.ref,
      });
      if (!acceptanceStands) {
        prepared(this.db, "UPDATE risks SET accepted_by = NULL, accepted_at = NULL WHERE ref = ?").run(
          before.ref,
        );
      }
      this.linkControls(before.ref, input.controls);
      const after = this.get(ref) as RiskRecord;
      this.audit.append(actor, "risk.update", "risk", before.ref, before, after);
      return after;
    })();
  }

  /** The risk owner's acceptance of the residual risk (6.1.3 f): who and when, with the residual rating. */
  accept(ref: string, residual: { likelihood: number; impact: number }, actor: PersonKey): RiskRecord {
    return this.db.transaction(() => {
      const before = this.get(ref);
      if (!before) throw new Error(`no risk ${ref}`);
      prepared(
        this.db,
        `UPDATE risks SET residual_likelihood = ?, residual_impact = ?, accepted_by = ?, accepted_at = ?, status = 'accepted',
             updated_at = ? WHERE ref = ?`,
      ).run(
        residual.likelihood,
        residual.impact,
        actor,
        this.clock().toISOString(),
        this.clock().toISOString(),
        before.ref,
      );
      const after = this.get(ref) as RiskRecord;
      this.audit.append(actor, "risk.accept_residual", "risk", before.ref, before, after);
      return after;
    })();
  }

  knownImportKeys(): Set<string> {
    const rows = prepared(this.db, "SELECT import_key FROM risks WHERE import_key IS NOT NULL").all() as {
      import_key: string;
    }[];
    return new Set(rows.map((row) => row.import_key));
  }

  /** Creates every risk or none: one transaction for the whole import; rows already imported are skipped. */
  importAll(
    rows: { input: RiskInput; importKey: string }[],
    actor: PersonKey,
  ): { created: RiskRecord[]; skipped: number } {
    return this.db.transaction(() => {
      const known = this.knownImportKeys();
      const created: RiskRecord[] = [];
      let skipped = 0;
      for (const row of rows) {
        if (known.has(row.importKey)) {
          skipped++;
          continue;
        }
        known.add(row.importKey);
        created.push(this.create(row.input, actor, row.importKey, "risk.import"));
      }
      return { created, skipped };
    })();
  }
}
