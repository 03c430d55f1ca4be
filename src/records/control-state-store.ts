/** Our own state of each Annex A control (the Statement of Applicability row): applicability, status, owner, cadence. */
import { type Db, prepared } from "../storage/database.js";
import type { AuditLog } from "./audit-log.js";
import type { Cadence, ControlState, ImplementationStatus, PersonKey } from "./types.js";

interface StateRow {
  control_id: string;
  applicable: number | null;
  justification: string | null;
  status: ImplementationStatus;
  owner: string | null;
  cadence: Cadence | null;
  next_due: string | null;
}

export type ControlChanges = Partial<Omit<ControlState, "controlId">>;

function undecided(controlId: string): ControlState {
  return {
    controlId,
    applicable: null,
    justification: null,
    status: "not_started",
    owner: null,
    cadence: null,
    nextEvidenceDue: null,
  };
}

export class ControlStateStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
  ) {}

  private row(controlId: string): StateRow | undefined {
    return prepared(this.db, "SELECT * FROM control_state WHERE control_id = ?").get(controlId) as
      | StateRow
      | undefined;
  }

  get(controlId: string): ControlState {
    const row = this.row(controlId);
    if (!row) return undecided(controlId);
    return {
      controlId,
      applicable: row.applicable === null ? null : row.applicable === 1,
      justification: row.justification,
      status: row.status,
      owner: row.owner,
      cadence: row.cadence,
      nextEvidenceDue: row.next_due,
    };
  }

  /** Every control someone has decided something about (controls never touched are "not decided yet"). */
  all(): ControlState[] {
    const rows = prepared(
      this.db,
      "SELECT control_id FROM control_state ORDER BY control_id",
    ).all() as StateRow[];
    return rows.map((row) => this.get(row.control_id));
  }

  ownedBy(owner: PersonKey): ControlState[] {
    const rows = prepared(this.db, "SELECT control_id FROM control_state WHERE owner = ?").all(
      owner,
    ) as StateRow[];
    return rows.map((row) => this.get(row.control_id));
  }

  /** Applies the changes and records them in the audit log, in one transaction; call inside a wider one if needed. */
  update(
    controlId: string,
    changes: ControlChanges,
    actor: PersonKey,
    action = "control.update",
  ): ControlState {
    return this.db.transaction(() => {
      const before = this.get(controlId);
      const after: ControlState = { ...before, ...changes, controlId };
      prepared(
        this.db,
        `INSERT INTO control_state (control_id, applicable, justification, status, owner, cadence, next_due, updated_at)
           VALUES (@controlId, @applicable, @justification, @status, @owner, @cadence, @nextEvidenceDue, @at)
           ON CONFLICT (control_id) DO UPDATE SET applicable = excluded.applicable, justification = excluded.justification,
             status = excluded.status, owner = excluded.owner, cadence = excluded.cadence, next_due = excluded.next_due,
             updated_at = excluded.updated_at`,
      ).run({
        ...after,
        applicable: after.applicable === null ? null : after.applicable ? 1 : 0,
        at: this.clock().toISOString(),
      });
      this.audit.append(actor, action, "control", controlId, before, after);
      return after;
    })();
  }
}
