/**
 * Numbered schema migrations, applied in order on start. Never edit one that has shipped: add the next number.
 */

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "people and unanswered questions",
    sql: `
      CREATE TABLE people (
        platform      TEXT NOT NULL,
        user_id       TEXT NOT NULL,
        display_name  TEXT,
        first_seen_at TEXT NOT NULL,
        last_seen_at  TEXT NOT NULL,
        PRIMARY KEY (platform, user_id)
      ) STRICT;

      CREATE TABLE unanswered_questions (
        id         INTEGER PRIMARY KEY,
        asked_at   TEXT NOT NULL,
        question   TEXT NOT NULL,
        best_id    TEXT,
        best_score REAL
      ) STRICT;
    `,
  },
];
