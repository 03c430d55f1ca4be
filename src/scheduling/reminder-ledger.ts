/**
 * The reminder ledger: each reminder goes out once per item, recipient and period, across restarts and across
 * processes sharing the database. The order is claim, then send, then mark sent: a crash after the claim can lose
 * one delivery but never repeat it, and such a claim stays visible ("sending") so the admin digest can report it.
 */
import type { Db } from "../storage/database.js";
import type { PlannedReminder } from "./reminder-plan.js";

type Key = Pick<PlannedReminder, "itemKey" | "recipient" | "period">;

export class ReminderLedger {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  has(reminder: Key): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM reminder_ledger WHERE item_key = ? AND recipient = ? AND period = ?")
        .get(reminder.itemKey, reminder.recipient, reminder.period) !== undefined
    );
  }

  /** True for the one process (and the one time) that may send this reminder. */
  claim(reminder: Key): boolean {
    const result = this.db
      .prepare(
        "INSERT OR IGNORE INTO reminder_ledger (item_key, recipient, period, status, claimed_at) VALUES (?, ?, ?, 'sending', ?)",
      )
      .run(reminder.itemKey, reminder.recipient, reminder.period, this.clock().toISOString());
    return result.changes === 1;
  }

  finish(reminder: Key, status: "sent" | "failed"): void {
    this.db
      .prepare(
        "UPDATE reminder_ledger SET status = ?, sent_at = ? WHERE item_key = ? AND recipient = ? AND period = ?",
      )
      .run(status, this.clock().toISOString(), reminder.itemKey, reminder.recipient, reminder.period);
  }

  /** A failed send stays due: forgetting its claim lets the next run try again. */
  release(reminder: Key): void {
    this.db
      .prepare(
        "DELETE FROM reminder_ledger WHERE item_key = ? AND recipient = ? AND period = ? AND status != 'sent'",
      )
      .run(reminder.itemKey, reminder.recipient, reminder.period);
  }

  /** Claims that never finished (the process stopped between claiming and sending), for the admins to check. */
  unfinished(): { itemKey: string; recipient: string; period: string; claimedAt: string }[] {
    return this.db
      .prepare(
        "SELECT item_key AS itemKey, recipient, period, claimed_at AS claimedAt FROM reminder_ledger WHERE status = 'sending' ORDER BY claimed_at",
      )
      .all() as { itemKey: string; recipient: string; period: string; claimedAt: string }[];
  }
}
