/**
 * The reminder ledger: each reminder goes out once per item, recipient and period, across restarts and across
 * processes sharing the database. The order is claim, then send, then mark sent: a crash after the claim can lose
 * one delivery but never repeat it, and such a claim stays visible ("sending") so the admin digest can report it.
 * A send that fails is marked "failed" with its reason: it stays due, the next run claims it again, and the admin
 * digest lists it until it is delivered.
 */
import type { Db } from "../storage/database.js";
import type { PlannedReminder } from "./reminder-plan.js";

type Key = Pick<PlannedReminder, "itemKey" | "recipient" | "period">;

/** A stretch of more than an hour without a run: the bot was down (or paused) from one run to the next. */
export interface Downtime {
  from: Date;
  to: Date;
}

/** Runs follow each other every 15 minutes; a longer silence than this is downtime. */
const DOWNTIME_MS = 60 * 60_000;
/** Downtimes are kept as long as a missed digest may still be caught up, and a little longer. */
const KEEP_DOWNTIMES_MS = 8 * 86_400_000;

export interface FailedDelivery {
  itemKey: string;
  recipient: string;
  period: string;
  attempts: number;
  lastError: string | null;
}

export class ReminderLedger {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  /** Sent, or being sent right now (or lost in a crash); a failed reminder is still due. */
  has(reminder: Key): boolean {
    return (
      this.db
        .prepare(
          "SELECT 1 FROM reminder_ledger WHERE item_key = ? AND recipient = ? AND period = ? AND status IN ('sending', 'sent')",
        )
        .get(reminder.itemKey, reminder.recipient, reminder.period) !== undefined
    );
  }

  /** True for the one process (and the one time) that may send this reminder: new, or failed before. */
  claim(reminder: Key): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO reminder_ledger (item_key, recipient, period, status, claimed_at) VALUES (?, ?, ?, 'sending', ?)
         ON CONFLICT (item_key, recipient, period) DO UPDATE SET status = 'sending', claimed_at = excluded.claimed_at
         WHERE reminder_ledger.status = 'failed'`,
      )
      .run(reminder.itemKey, reminder.recipient, reminder.period, this.clock().toISOString());
    return result.changes === 1;
  }

  finish(reminder: Key): void {
    this.db
      .prepare(
        "UPDATE reminder_ledger SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE item_key = ? AND recipient = ? AND period = ?",
      )
      .run(this.clock().toISOString(), reminder.itemKey, reminder.recipient, reminder.period);
  }

  /** The send failed for good this time: kept with its reason, due again for the next run. */
  fail(reminder: Key, error: string): void {
    this.db
      .prepare(
        "UPDATE reminder_ledger SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE item_key = ? AND recipient = ? AND period = ?",
      )
      .run(error, reminder.itemKey, reminder.recipient, reminder.period);
  }

  /**
   * Claims that never finished (the process stopped between claiming and sending), for the admins to check: those of
   * the past eight days, like the failures, so that each reaches one weekly digest and is not repeated for ever.
   */
  unfinished(): { itemKey: string; recipient: string; period: string; claimedAt: string }[] {
    const since = new Date(this.clock().getTime() - 8 * 86_400_000).toISOString();
    return this.db
      .prepare(
        "SELECT item_key AS itemKey, recipient, period, claimed_at AS claimedAt FROM reminder_ledger WHERE status = 'sending' AND claimed_at >= ? ORDER BY claimed_at",
      )
      .all(since) as { itemKey: string; recipient: string; period: string; claimedAt: string }[];
  }

  /**
   * Reminders not delivered after one or more failed runs, for the admin digest: those whose last attempt was in
   * the past eight days, so each reaches one weekly digest at least. An older failure belongs to a stage that has
   * passed (the next stage's reminder replaces it) and is not listed week after week.
   */
  failures(): FailedDelivery[] {
    const since = new Date(this.clock().getTime() - 8 * 86_400_000).toISOString();
    return this.db
      .prepare(
        "SELECT item_key AS itemKey, recipient, period, attempts, last_error AS lastError FROM reminder_ledger WHERE status = 'failed' AND claimed_at >= ? ORDER BY claimed_at, item_key, recipient",
      )
      .all(since) as FailedDelivery[];
  }

  /** When the schedule last ran. */
  lastRun(): Date | undefined {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'reminders_last_run'").get() as
      | { value: string }
      | undefined;
    return row ? new Date(JSON.parse(row.value) as string) : undefined;
  }

  /**
   * When the schedule did not run for a while in the past week, so that a digest whose moment fell in such a stretch
   * is caught up (see digest-time.ts); a digest due while the bot was running went out then, or had nothing to say.
   */
  downtimes(): Downtime[] {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'reminders_downtimes'").get() as
      | { value: string }
      | undefined;
    const stored = row ? (JSON.parse(row.value) as [string, string][]) : [];
    return stored.map(([from, to]) => ({ from: new Date(from), to: new Date(to) }));
  }

  markRun(at: Date): void {
    const write = this.db.prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    this.db.transaction(() => {
      const last = this.lastRun();
      const downtimes = this.downtimes().filter(({ to }) => to.getTime() >= at.getTime() - KEEP_DOWNTIMES_MS);
      if (last && at.getTime() - last.getTime() > DOWNTIME_MS) downtimes.push({ from: last, to: at });
      write.run(
        "reminders_downtimes",
        JSON.stringify(downtimes.map(({ from, to }) => [from.toISOString(), to.toISOString()])),
      );
      write.run("reminders_last_run", JSON.stringify(at.toISOString()));
    })();
  }
}
