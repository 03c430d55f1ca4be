/**
 * The admin digest's figures, kept once per digest week, so that next week's digest can say what changed: "evidence
 * overdue 5 (+2 since last week)". The first figures of a week are kept; later runs of the same week do not move them.
 */
import type { Db } from "../storage/database.js";

export interface DigestCounts {
  applicable: number;
  withOwner: number;
  evidenceOverdue: number;
  openRisks: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
  aboveAppetite: number;
}

export class DigestSnapshots {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  save(week: string, counts: DigestCounts): void {
    this.db
      .prepare("INSERT OR IGNORE INTO digest_snapshots (week, taken_at, counts) VALUES (?, ?, ?)")
      .run(week, this.clock().toISOString(), JSON.stringify(counts));
  }

  /** The latest figures from a week before this one. */
  before(week: string): { week: string; counts: DigestCounts } | undefined {
    const row = this.db
      .prepare("SELECT week, counts FROM digest_snapshots WHERE week < ? ORDER BY week DESC LIMIT 1")
      .get(week) as { week: string; counts: string } | undefined;
    return row && { week: row.week, counts: JSON.parse(row.counts) as DigestCounts };
  }
}
