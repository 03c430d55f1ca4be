/** People known to the bot, their manager, and who is an ISMS admin. */
import { type Db, prepared } from "../storage/database.js";
import type { AuditLog } from "./audit-log.js";
import type { PersonKey, PersonRecord } from "./types.js";

interface PersonRow {
  platform: string;
  user_id: string;
  display_name: string | null;
  email: string | null;
  manager: string | null;
  timezone: string | null;
  is_admin: number;
}

export function personKey(platform: string, userId: string): PersonKey {
  return `${platform}:${userId}`;
}

/** "console:alice" → ["console", "alice"]; undefined when the text is not a person key. */
export function splitPersonKey(key: string): [string, string] | undefined {
  const match = /^([a-z]+):(\S+)$/.exec(key.trim());
  return match ? [match[1] as string, match[2] as string] : undefined;
}

function toRecord(row: PersonRow): PersonRecord {
  return {
    key: personKey(row.platform, row.user_id),
    platform: row.platform,
    userId: row.user_id,
    displayName: row.display_name,
    email: row.email,
    manager: row.manager,
    timezone: row.timezone,
    isAdmin: row.is_admin === 1,
  };
}

export class PeopleStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
  ) {}

  get(key: PersonKey): PersonRecord | undefined {
    const parts = splitPersonKey(key);
    if (!parts) return undefined;
    const row = prepared(this.db, "SELECT * FROM people WHERE platform = ? AND user_id = ?").get(...parts) as
      | PersonRow
      | undefined;
    return row && toRecord(row);
  }

  /** A person by key, by user id on the given platform, or by display name or email (case-insensitive). */
  find(text: string, platform: string): PersonRecord | undefined {
    const wanted = text.trim().replace(/^@/, "");
    const byKey = this.get(wanted) ?? this.get(personKey(platform, wanted));
    if (byKey) return byKey;
    const row = prepared(
      this.db,
      "SELECT * FROM people WHERE lower(display_name) = lower(?) OR lower(email) = lower(?) LIMIT 2",
    ).all(wanted, wanted) as PersonRow[];
    return row.length === 1 ? toRecord(row[0] as PersonRow) : undefined;
  }

  name(key: PersonKey | null): string {
    if (!key) return "nobody";
    const person = this.get(key);
    return person?.displayName ? `${person.displayName} (${key})` : key;
  }

  admins(): PersonRecord[] {
    return (
      prepared(
        this.db,
        "SELECT * FROM people WHERE is_admin = 1 ORDER BY platform, user_id",
      ).all() as PersonRow[]
    ).map(toRecord);
  }

  /** The person's managers, nearest first (their manager, that manager's manager, …). */
  managersOf(key: PersonKey): PersonKey[] {
    const chain: PersonKey[] = [];
    let current = this.get(key)?.manager ?? null;
    while (current && !chain.includes(current) && current !== key) {
      chain.push(current);
      current = this.get(current)?.manager ?? null;
    }
    return chain;
  }

  /** Everyone someone reports to. */
  managers(): PersonKey[] {
    const rows = prepared(
      this.db,
      "SELECT DISTINCT manager FROM people WHERE manager IS NOT NULL ORDER BY manager",
    ).all() as {
      manager: string;
    }[];
    return rows.map((row) => row.manager);
  }

  /** People who report to this person, directly. */
  reportsOf(key: PersonKey): PersonKey[] {
    return (
      prepared(this.db, "SELECT platform, user_id FROM people WHERE manager = ?").all(key) as PersonRow[]
    ).map((row) => personKey(row.platform, row.user_id));
  }

  /** Makes someone an ISMS admin; creates the person if they have not spoken to the bot yet. */
  addAdmin(key: PersonKey, actor: PersonKey): PersonRecord {
    const parts = splitPersonKey(key);
    if (!parts)
      throw new Error(`"${key}" is not a person; write it as <platform>:<user id>, e.g. console:alice`);
    return this.db.transaction(() => {
      const before = this.get(key);
      const now = this.clock().toISOString();
      prepared(
        this.db,
        `INSERT INTO people (platform, user_id, first_seen_at, last_seen_at, is_admin) VALUES (?, ?, ?, ?, 1)
           ON CONFLICT (platform, user_id) DO UPDATE SET is_admin = 1`,
      ).run(parts[0], parts[1], now, now);
      const after = this.get(key) as PersonRecord;
      if (!before?.isAdmin) this.audit.append(actor, "admin.add", "person", key, before ?? null, after);
      return after;
    })();
  }

  setManager(key: PersonKey, manager: PersonKey | null, actor: PersonKey): void {
    this.db.transaction(() => {
      const before = this.get(key);
      if (!before) throw new Error(`${key} is not known to the bot yet`);
      prepared(this.db, "UPDATE people SET manager = ? WHERE platform = ? AND user_id = ?").run(
        manager,
        before.platform,
        before.userId,
      );
      this.audit.append(actor, "person.manager", "person", key, before, this.get(key));
    })();
  }

  /** Details the platforms tell us (email, timezone); not audited, they are not ISMS records. */
  updateProfile(key: PersonKey, profile: { email?: string | null; timezone?: string | null }): void {
    const parts = splitPersonKey(key);
    if (!parts) return;
    prepared(
      this.db,
      "UPDATE people SET email = COALESCE(?, email), timezone = COALESCE(?, timezone) WHERE platform = ? AND user_id = ?",
    ).run(profile.email ?? null, profile.timezone ?? null, parts[0], parts[1]);
  }
}
