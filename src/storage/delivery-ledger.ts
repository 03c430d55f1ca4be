/**
 * Remembers which platform deliveries (Slack event ids, Teams activity ids) were already handled, so that a
 * redelivery or a duplicate never produces a second answer or record. Shared by every process on the database.
 */
import { type Db, prepared } from "./database.js";
import { storageTrouble } from "./errors.js";

export class DeliveryLedger {
  private prunedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
    /** How long an id is remembered; platforms redeliver within minutes. */
    private readonly keepHours = 24,
  ) {}

  /** True the first time this id is seen (and it is then claimed); false for every later delivery of it. */
  claim(platform: string, deliveryId: string): boolean {
    const now = this.clock();
    let inserted: { changes: number };
    try {
      inserted = prepared(
        this.db,
        "INSERT OR IGNORE INTO deliveries (platform, delivery_id, seen_at) VALUES (?, ?, ?)",
      ).run(platform, deliveryId, now.toISOString());
    } catch (error) {
      // A delivery that cannot be recorded (the database busy or full) is handled rather than dropped: the person
      // then hears that the records are busy, or gets what can be read. Forms carry their own key, so even a
      // redelivery handled this way saves nothing twice.
      if (storageTrouble(error)) return true;
      throw error;
    }
    if (now.getTime() - this.prunedAt > 3_600_000) {
      try {
        this.prune(now);
      } catch (error) {
        if (!storageTrouble(error)) throw error; // pruning waits for the next hour
      }
    }
    return inserted.changes === 1;
  }

  prune(now = this.clock()): void {
    this.prunedAt = now.getTime();
    const before = new Date(now.getTime() - this.keepHours * 3_600_000).toISOString();
    prepared(this.db, "DELETE FROM deliveries WHERE seen_at < ?").run(before);
  }
}
