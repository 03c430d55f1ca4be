/**
 * The bot's memory in SQLite: who has spoken to it, and which questions it could not answer well (one record per
 * question, counted each time it is asked again; see open-questions-store.ts). This is bookkeeping:
 * when the database is busy or full it is skipped at once, so that a question can still be answered from what can be
 * read.
 */
import type { BotMemory } from "../core/bot.js";
import type { Person } from "../core/message.js";
import { recordQuestionAsked } from "../records/open-questions-store.js";
import { type Db, prepared, withoutWaiting } from "./database.js";
import { storageTrouble } from "./errors.js";

export interface UnansweredQuestion {
  /** The latest time it was asked. */
  askedAt: string;
  timesAsked: number;
  question: string;
  bestId: string | null;
  bestScore: number | null;
}

/** How long a known person's `last_seen_at` may lag behind: it is written at most this often per person. */
export const LAST_SEEN_EVERY_MS = 5 * 60_000;

export class SqliteMemory implements BotMemory {
  /** The people this process has written, with when and under which name, so that most messages write nothing. */
  private readonly seen = new Map<string, { at: number; displayName: string | null }>();

  constructor(private readonly db: Db) {}

  rememberPerson(person: Person, at: Date): boolean {
    const key = `${person.platform}\u0000${person.userId}`;
    const displayName = person.displayName ?? null;
    const last = this.seen.get(key);
    if (
      last !== undefined &&
      at.getTime() - last.at < LAST_SEEN_EVERY_MS &&
      at.getTime() >= last.at &&
      (displayName === null || displayName === last.displayName)
    ) {
      return false;
    }
    return this.bookkeeping(() => {
      const firstTime = this.upsertPerson(person, at);
      this.seen.set(key, { at: at.getTime(), displayName: displayName ?? last?.displayName ?? null });
      return firstTime;
    }, false);
  }

  private upsertPerson(person: Person, at: Date): boolean {
    const known = prepared(this.db, "SELECT 1 FROM people WHERE platform = ? AND user_id = ?").get(
      person.platform,
      person.userId,
    );
    prepared(
      this.db,
      `INSERT INTO people (platform, user_id, display_name, first_seen_at, last_seen_at)
         VALUES (@platform, @userId, @displayName, @at, @at)
         ON CONFLICT (platform, user_id) DO UPDATE
           SET last_seen_at = excluded.last_seen_at,
               display_name = COALESCE(excluded.display_name, people.display_name)`,
    ).run({
      platform: person.platform,
      userId: person.userId,
      displayName: person.displayName ?? null,
      at: at.toISOString(),
    });
    return known === undefined;
  }

  recordUnanswered(question: string, best: { id: string; score: number } | undefined, at: Date): void {
    this.bookkeeping(() => recordQuestionAsked(this.db, question, best, at), undefined);
  }

  /** Runs a write that may be skipped: without waiting for a lock, and giving `skipped` on a busy or full database. */
  private bookkeeping<T>(write: () => T, skipped: T): T {
    try {
      return withoutWaiting(this.db, write);
    } catch (error) {
      if (storageTrouble(error)) return skipped;
      throw error;
    }
  }

  unanswered(limit = 50): UnansweredQuestion[] {
    return prepared(
      this.db,
      `SELECT last_asked_at AS askedAt, times_asked AS timesAsked, question, best_id AS bestId,
              best_score AS bestScore
         FROM open_questions ORDER BY last_asked_at DESC, id DESC LIMIT ?`,
    ).all(limit) as UnansweredQuestion[];
  }
}
