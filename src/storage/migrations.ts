/**
 * Numbered schema migrations, applied in order on start. Never edit one that has shipped: add the next number.
 */
import type { Db } from "./database.js";
import { moveUnansweredQuestions } from "./open-questions-migration.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Moves data where SQL alone cannot; runs after `sql`, in the same transaction. */
  data?: (db: Db) => void;
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
  {
    version: 2,
    name: "ISMS records: roles, control state, risks, evidence, submissions, audit log, settings",
    sql: `
      ALTER TABLE people ADD COLUMN email TEXT;
      ALTER TABLE people ADD COLUMN manager TEXT;
      ALTER TABLE people ADD COLUMN timezone TEXT;
      ALTER TABLE people ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1));

      CREATE TABLE control_state (
        control_id   TEXT PRIMARY KEY,
        applicable   INTEGER CHECK (applicable IN (0, 1)),
        justification TEXT,
        status       TEXT NOT NULL DEFAULT 'not_started'
                     CHECK (status IN ('not_started', 'planned', 'partially_implemented', 'implemented')),
        owner        TEXT,
        cadence      TEXT CHECK (cadence IN ('monthly', 'quarterly', 'half_yearly', 'yearly')),
        next_due     TEXT,
        updated_at   TEXT NOT NULL
      ) STRICT;

      CREATE TABLE risks (
        id                  INTEGER PRIMARY KEY,
        ref                 TEXT NOT NULL UNIQUE,
        title               TEXT NOT NULL,
        description         TEXT,
        assets              TEXT,
        threat              TEXT,
        vulnerability       TEXT,
        properties          TEXT NOT NULL DEFAULT '',
        likelihood          INTEGER NOT NULL,
        impact              INTEGER NOT NULL,
        owner               TEXT NOT NULL,
        treatment           TEXT CHECK (treatment IN ('modify', 'retain', 'avoid', 'share')),
        treatment_plan      TEXT,
        treatment_due       TEXT,
        residual_likelihood INTEGER,
        residual_impact     INTEGER,
        accepted_by         TEXT,
        accepted_at         TEXT,
        next_review         TEXT,
        status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'treating', 'accepted', 'closed')),
        import_key          TEXT UNIQUE,
        created_by          TEXT NOT NULL,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      ) STRICT;

      CREATE TABLE risk_controls (
        risk_id    INTEGER NOT NULL REFERENCES risks (id),
        control_id TEXT NOT NULL,
        PRIMARY KEY (risk_id, control_id)
      ) STRICT;

      CREATE TABLE evidence (
        id            INTEGER PRIMARY KEY,
        ref           TEXT NOT NULL UNIQUE,
        target        TEXT NOT NULL,
        title         TEXT NOT NULL,
        description   TEXT,
        link          TEXT,
        file_name     TEXT,
        period_start  TEXT,
        period_end    TEXT,
        submitted_by  TEXT NOT NULL,
        submitted_at  TEXT NOT NULL,
        valid_until   TEXT,
        review_status TEXT NOT NULL DEFAULT 'submitted' CHECK (review_status IN ('submitted', 'accepted', 'rejected')),
        reviewed_by   TEXT,
        reviewed_at   TEXT,
        reject_reason TEXT
      ) STRICT;
      CREATE INDEX evidence_by_target ON evidence (target, submitted_at);

      -- One row per submitted form, so that submitting the same form twice creates one record.
      CREATE TABLE submissions (
        key        TEXT PRIMARY KEY,
        form_id    TEXT NOT NULL,
        result     TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- Append-only: the triggers refuse any change or removal of a written entry.
      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        before    TEXT,
        after     TEXT
      ) STRICT;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
  {
    version: 3,
    name: "deliveries seen, so a platform's redelivery is answered once",
    sql: `
      CREATE TABLE deliveries (
        platform    TEXT NOT NULL,
        delivery_id TEXT NOT NULL,
        seen_at     TEXT NOT NULL,
        PRIMARY KEY (platform, delivery_id)
      ) STRICT;
    `,
  },
  {
    version: 4,
    name: "reminder ledger: each reminder once per item, recipient and period",
    sql: `
      CREATE TABLE reminder_ledger (
        item_key   TEXT NOT NULL,
        recipient  TEXT NOT NULL,
        period     TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
        claimed_at TEXT NOT NULL,
        sent_at    TEXT,
        PRIMARY KEY (item_key, recipient, period)
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: "snoozed reminders",
    sql: `
      CREATE TABLE snoozes (
        item_key  TEXT NOT NULL,
        recipient TEXT NOT NULL,
        until     TEXT NOT NULL,
        PRIMARY KEY (item_key, recipient)
      ) STRICT;
    `,
  },
  {
    version: 6,
    name: "the ISMS calendar: dated items for the admins, one-off or repeating",
    sql: `
      CREATE TABLE calendar_items (
        id            INTEGER PRIMARY KEY,
        title         TEXT NOT NULL,
        due_date      TEXT NOT NULL,
        repeat_months INTEGER CHECK (repeat_months IS NULL OR repeat_months BETWEEN 1 AND 60),
        about         TEXT,
        status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        created_by    TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 7,
    name: "failed deliveries kept for the admin digest; weekly counts for the digest's trend",
    sql: `
      ALTER TABLE reminder_ledger ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE reminder_ledger ADD COLUMN last_error TEXT;

      CREATE TABLE digest_snapshots (
        week     TEXT PRIMARY KEY,
        taken_at TEXT NOT NULL,
        counts   TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 8,
    name: "conversation references: where a chat platform lets the bot write to a person first",
    sql: `
      CREATE TABLE conversation_refs (
        person     TEXT PRIMARY KEY,
        platform   TEXT NOT NULL,
        reference  TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 9,
    name: "house rules: the organisation's own rule and policy link for a control or clause",
    sql: `
      CREATE TABLE house_rules (
        target         TEXT PRIMARY KEY,
        rule           TEXT NOT NULL,
        policy_title   TEXT,
        policy_url     TEXT,
        policy_version TEXT,
        policy_owner   TEXT,
        updated_by     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 10,
    name: "questions the bot could not answer: one record each, how often asked, who passed it on, open or closed",
    sql: `
      CREATE TABLE open_questions (
        id             INTEGER PRIMARY KEY,
        question_key   TEXT NOT NULL UNIQUE,
        question       TEXT NOT NULL,
        first_asked_at TEXT NOT NULL,
        last_asked_at  TEXT NOT NULL,
        times_asked    INTEGER NOT NULL DEFAULT 1,
        best_id        TEXT,
        best_score     REAL,
        times_passed   INTEGER NOT NULL DEFAULT 0,
        passed_by      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(passed_by)),
        passed_at      TEXT,
        status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'dismissed')),
        closed_by      TEXT,
        closed_at      TEXT
      ) STRICT;
      CREATE INDEX open_questions_by_status ON open_questions (status, last_asked_at);
    `,
    // The old log's rows, grouped by question; the log itself is dropped.
    data: moveUnansweredQuestions,
  },
];
