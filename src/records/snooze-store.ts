/** Reminders a person snoozed: the item stays quiet for them until the given day. Every snooze is audit-logged. */
import { type Db, prepared } from "../storage/database.js";
import type { AuditLog } from "./audit-log.js";
import type { PersonKey } from "./types.js";

export class SnoozeStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {}

  snooze(itemKey: string, recipient: PersonKey, until: string): void {
    this.db.transaction(() => {
      prepared(
        this.db,
        "INSERT INTO snoozes (item_key, recipient, until) VALUES (?, ?, ?) ON CONFLICT (item_key, recipient) DO UPDATE SET until = excluded.until",
      ).run(itemKey, recipient, until);
      this.audit.append(recipient, "reminder.snooze", "reminder", itemKey, null, { until });
    })();
  }

  /** True while the person's snooze of this item lasts. */
  isSnoozed(itemKey: string, recipient: PersonKey, today: string): boolean {
    const row = prepared(this.db, "SELECT until FROM snoozes WHERE item_key = ? AND recipient = ?").get(
      itemKey,
      recipient,
    ) as { until: string } | undefined;
    return row !== undefined && today < row.until;
  }
}
