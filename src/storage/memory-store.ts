/** The bot's memory in SQLite: who has spoken to it, and which questions it could not answer well. */
import type { BotMemory } from "../core/bot.js";
import type { Person } from "../core/message.js";
import type { Db } from "./database.js";

export interface UnansweredQuestion {
  askedAt: string;
  question: string;
  bestId: string | null;
  bestScore: number | null;
}

export class SqliteMemory implements BotMemory {
  constructor(private readonly db: Db) {}

  rememberPerson(person: Person, at: Date): boolean {
    const known = this.db
      .prepare("SELECT 1 FROM people WHERE platform = ? AND user_id = ?")
      .get(person.platform, person.userId);
    this.db
      .prepare(
        `INSERT INTO people (platform, user_id, display_name, first_seen_at, last_seen_at)
         VALUES (@platform, @userId, @displayName, @at, @at)
         ON CONFLICT (platform, user_id) DO UPDATE
           SET last_seen_at = excluded.last_seen_at,
               display_name = COALESCE(excluded.display_name, people.display_name)`,
      )
      .run({
        platform: person.platform,
        userId: person.userId,
        displayName: person.displayName ?? null,
        at: at.toISOString(),
      });
    return known === undefined;
  }

  recordUnanswered(question: string, best: { id: string; score: number } | undefined, at: Date): void {
    this.db
      .prepare(
        "INSERT INTO unanswered_questions (asked_at, question, best_id, best_score) VALUES (?, ?, ?, ?)",
      )
      .run(at.toISOString(), question.slice(0, 500), best?.id ?? null, best?.score ?? null);
  }

  unanswered(limit = 50): UnansweredQuestion[] {
    return this.db
      .prepare(
        `SELECT asked_at AS askedAt, question, best_id AS bestId, best_score AS bestScore
         FROM unanswered_questions ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as UnansweredQuestion[];
  }
}
