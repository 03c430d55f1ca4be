/**
 * The organisation's own house rules: for a control ("A.6.7") or a clause ("5.2"), a short rule in plain words and the
 * policy behind it (title, link, version, owner). Every change is written in one transaction with its audit entry.
 */
import { type Db, prepared } from "../storage/database.js";
import type { AuditLog } from "./audit-log.js";
import type { PersonKey } from "./types.js";

/** What an admin (or an import) gives; checked by the caller against the catalogue and the form's rules. */
export interface HouseRuleInput {
  /** A control id ("A.6.7") or a clause id ("5.2"), canonical. */
  target: string;
  rule: string;
  policyTitle: string | null;
  /** Only ever an http(s) link. */
  policyUrl: string | null;
  policyVersion: string | null;
  policyOwner: string | null;
}

export interface HouseRule extends HouseRuleInput {
  updatedBy: PersonKey;
  updatedAt: string;
}

interface HouseRuleRow {
  target: string;
  rule: string;
  policy_title: string | null;
  policy_url: string | null;
  policy_version: string | null;
  policy_owner: string | null;
  updated_by: string;
  updated_at: string;
}

function toRule(row: HouseRuleRow): HouseRule {
  return {
    target: row.target,
    rule: row.rule,
    policyTitle: row.policy_title,
    policyUrl: row.policy_url,
    policyVersion: row.policy_version,
    policyOwner: row.policy_owner,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** Clauses first (4 … 10.2), then controls (A.5.1 … A.8.34), each in number order rather than text order. */
export function compareTargets(a: string, b: string): number {
  const key = (id: string) => [id.startsWith("A.") ? 1 : 0, ...id.replace(/^A\./, "").split(".").map(Number)];
  const [left, right] = [key(a), key(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? -1) - (right[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

const sameRule = (a: HouseRuleInput, b: HouseRuleInput) =>
  a.rule === b.rule &&
  a.policyTitle === b.policyTitle &&
  a.policyUrl === b.policyUrl &&
  a.policyVersion === b.policyVersion &&
  a.policyOwner === b.policyOwner;

export class HouseRuleStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
  ) {}

  get(target: string): HouseRule | undefined {
    const row = prepared(this.db, "SELECT * FROM house_rules WHERE target = ?").get(target) as
      | HouseRuleRow
      | undefined;
    return row && toRule(row);
  }

  /** Every house rule, clauses first, then controls, in number order. */
  list(): HouseRule[] {
    const rows = prepared(this.db, "SELECT * FROM house_rules").all() as HouseRuleRow[];
    return rows.map(toRule).sort((a, b) => compareTargets(a.target, b.target));
  }

  /**
   * Creates or replaces the house rule for its target, with its audit entry; a rule given again unchanged writes
   * nothing. `outcome` says which happened. Call inside a wider transaction to save several together.
   */
  set(
    input: HouseRuleInput,
    actor: PersonKey,
    action = "house_rule.set",
  ): { rule: HouseRule; outcome: "created" | "updated" | "unchanged" } {
    return this.db.transaction(() => {
      const before = this.get(input.target);
      if (before && sameRule(before, input)) return { rule: before, outcome: "unchanged" as const };
      prepared(
        this.db,
        `INSERT INTO house_rules (target, rule, policy_title, policy_url, policy_version, policy_owner, updated_by, updated_at)
           VALUES (@target, @rule, @policyTitle, @policyUrl, @policyVersion, @policyOwner, @updatedBy, @updatedAt)
           ON CONFLICT (target) DO UPDATE SET rule = excluded.rule, policy_title = excluded.policy_title,
             policy_url = excluded.policy_url, policy_version = excluded.policy_version,
             policy_owner = excluded.policy_owner, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ).run({
        target: input.target,
        rule: input.rule,
        policyTitle: input.policyTitle,
        policyUrl: input.policyUrl,
        policyVersion: input.policyVersion,
        policyOwner: input.policyOwner,
        updatedBy: actor,
        updatedAt: this.clock().toISOString(),
      });
      const rule = this.get(input.target) as HouseRule;
      this.audit.append(actor, action, "house_rule", input.target, before ?? null, rule);
      return { rule, outcome: before ? ("updated" as const) : ("created" as const) };
    })();
  }

  /** Removes the house rule for `target`; undefined (and nothing logged) when there was none. */
  remove(target: string, actor: PersonKey): HouseRule | undefined {
    return this.db.transaction(() => {
      const before = this.get(target);
      if (!before) return undefined;
      prepared(this.db, "DELETE FROM house_rules WHERE target = ?").run(target);
      this.audit.append(actor, "house_rule.remove", "house_rule", target, before, null);
      return before;
    })();
  }
}
