/** Evidence submitted for a control or for a clause's mandatory documented information, and its review. */
import { type Db, prepared } from "../storage/database.js";
import type { AuditLog } from "./audit-log.js";
import type { EvidenceInput, EvidenceRecord, PersonKey, ReviewStatus } from "./types.js";

interface EvidenceRow {
  ref: string;
  target: string;
  title: string;
  description: string | null;
  link: string | null;
  file_name: string | null;
  period_start: string | null;
  period_end: string | null;
  submitted_by: string;
  submitted_at: string;
  valid_until: string | null;
  review_status: ReviewStatus;
  reviewed_by: string | null;
  reviewed_at: string | null;
  reject_reason: string | null;
}

function toRecord(row: EvidenceRow): EvidenceRecord {
  return {
    ref: row.ref,
    target: row.target,
    title: row.title,
    description: row.description,
    link: row.link,
    fileName: row.file_name,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    validUntil: row.valid_until,
    reviewStatus: row.review_status,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    rejectReason: row.reject_reason,
  };
}

export class EvidenceStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
  ) {}

  get(ref: string): EvidenceRecord | undefined {
    const row = prepared(this.db, "SELECT * FROM evidence WHERE ref = ?").get(ref.toUpperCase()) as
      | EvidenceRow
      | undefined;
    return row && toRecord(row);
  }

  /** Evidence for a control or clause, newest first. */
  forTarget(target: string): EvidenceRecord[] {
    return (
      prepared(this.db, "SELECT * FROM evidence WHERE target = ? ORDER BY id DESC").all(
        target,
      ) as EvidenceRow[]
    ).map(toRecord);
  }

  all(): EvidenceRecord[] {
    return (prepared(this.db, "SELECT * FROM evidence ORDER BY id").all() as EvidenceRow[]).map(toRecord);
  }

  awaitingReview(): EvidenceRecord[] {
    return (
      prepared(
        this.db,
        "SELECT * FROM evidence WHERE review_status = 'submitted' ORDER BY id",
      ).all() as EvidenceRow[]
    ).map(toRecord);
  }

  submit(input: EvidenceInput, validUntil: string | null, actor: PersonKey): EvidenceRecord {
    return this.db.transaction(() => {
      const next = (
        prepared(this.db, "SELECT COALESCE(MAX(id), 0) + 1 AS n FROM evidence").get() as { n: number }
      ).n;
      const ref = `E-${String(next).padStart(3, "0")}`;
      prepared(
        this.db,
        `INSERT INTO evidence (id, ref, target, title, description, link, file_name, period_start, period_end,
             submitted_by, submitted_at, valid_until)
           VALUES (@id, @ref, @target, @title, @description, @link, @fileName, @periodStart, @periodEnd, @actor, @at, @validUntil)`,
      ).run({ ...input, id: next, ref, actor, at: this.clock().toISOString(), validUntil });
      const record = this.get(ref) as EvidenceRecord;
      this.audit.append(actor, "evidence.submit", "evidence", ref, null, record);
      return record;
    })();
  }

  review(
    ref: string,
    decision: "accepted" | "rejected",
    reason: string | null,
    actor: PersonKey,
  ): EvidenceRecord {
    return this.db.transaction(() => {
      const before = this.get(ref);
      if (!before) throw new Error(`no evidence ${ref}`);
      prepared(
        this.db,
        "UPDATE evidence SET review_status = ?, reviewed_by = ?, reviewed_at = ?, reject_reason = ? WHERE ref = ?",
      ).run(decision, actor, this.clock().toISOString(), decision === "rejected" ? reason : null, before.ref);
      const after = this.get(ref) as EvidenceRecord;
      this.audit.append(
        actor,
        `evidence.${decision === "accepted" ? "accept" : "reject"}`,
        "evidence",
        before.ref,
        before,
        after,
      );
      return after;
    })();
  }
}
