/**
 * Remembers which platform deliveries (Slack event ids, Teams activity ids) were already handled, so that a
 * redelivery or a duplicate never produces a second answer or record. Shared by every process on the database.
 */
import type { Db } from "./database.js";

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
    const inserted = this.db
      .prepare("INSERT OR IGNORE INTO deliveries (platform, delivery_id, seen_at) VALUES (?, ?, ?)")
      .run(platform, deliveryId, now.toISOString());
    if (now.getTime() - this.prunedAt > 3_600_000) this.prune(now);
    return inserted.changes === 1;
  }

  prune(now = this.clock()): void {
    this.prunedAt = now.getTime();
    const before = new Date(now.getTime() - this.keepHours * 3_600_000).toISOString();
    this.db.prepare("DELETE FROM deliveries WHERE seen_at < ?").run(before);
  }
}
