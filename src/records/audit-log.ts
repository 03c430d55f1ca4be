/** The append-only audit log: who changed what, when, with the record before and after. */
import { type Db, prepared } from "../storage/database.js";
import type { AuditEntry, PersonKey } from "./types.js";

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

/** ": owner nobody → console:bob, status planned → implemented" — the fields that changed, for people to read. */
export function describeChange(before: unknown, after: unknown, most = 4): string {
  if (before === null || after === null || typeof before !== "object" || typeof after !== "object") return "";
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const show = (value: unknown) =>
    value === null || value === undefined || value === ""
      ? "none"
      : Array.isArray(value)
        ? value.join(", ") || "none"
        : String(value);
  const changed = Object.keys(now)
    .filter((key) => key !== "updatedAt" && JSON.stringify(was[key]) !== JSON.stringify(now[key]))
    .map((key) => `${key} ${show(was[key])} → ${show(now[key])}`);
  if (changed.length === 0) return "";
  return `: ${changed.slice(0, most).join(", ")}${changed.length > most ? `, and ${changed.length - most} more` : ""}`;
}

export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  /** Call inside the transaction that makes the change, so that the change and its entry commit together. */
  append(
    actor: PersonKey,
    action: string,
    entity: string,
    entityId: string,
    before: unknown,
    after: unknown,
  ): void {
    prepared(
      this.db,
      "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ).run(
      this.clock().toISOString(),
      actor,
      action,
      entity,
      entityId,
      before === undefined || before === null ? null : JSON.stringify(before),
      after === undefined || after === null ? null : JSON.stringify(after),
    );
  }

  /** The newest entries first. */
  list(limit = 50, entityId?: string): AuditEntry[] {
    const rows = (
      entityId
        ? prepared(this.db, "SELECT * FROM audit_log WHERE entity_id = ? ORDER BY id DESC LIMIT ?").all(
            entityId,
            limit,
          )
        : prepared(this.db, "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?").all(limit)
    ) as AuditRow[];
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      before: row.before === null ? null : JSON.parse(row.before),
      after: row.after === null ? null : JSON.parse(row.after),
    }));
  }
}
