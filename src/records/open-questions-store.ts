/**
 * Questions the bot could not answer with confidence, one record per question (however it was typed): how often it
 * was asked, the bot's best guess, who passed it on to the ISMS admins, and whether an admin answered or dismissed it.
 * A question marked answered that the bot is asked again is open again (the bot still cannot answer it); a dismissed
 * one stays closed until someone passes it on.
 */
import { type Db, prepared } from "../storage/database.js";
import type { AuditLog } from "./audit-log.js";
import { isKeptQuestion, questionKey, questionText } from "./open-question-key.js";
import type { PersonKey } from "./types.js";

export type QuestionStatus = "open" | "answered" | "dismissed";

export interface BestGuess {
  id: string;
  score: number;
}

export interface OpenQuestion {
  id: number;
  /** As first asked, on one line. */
  question: string;
  firstAskedAt: string;
  lastAskedAt: string;
  timesAsked: number;
  bestId: string | null;
  bestScore: number | null;
  /** How many people passed it on: each counts once, however often they press the button. */
  timesPassed: number;
  /** Everyone who passed it on, first one first. */
  passedBy: PersonKey[];
  /** When it was last passed on by someone new, or passed on again after an admin closed it. */
  passedAt: string | null;
  status: QuestionStatus;
  /**
   * Who closed it last, and when. On an open question, set only when an admin had marked it answered and it was
   * asked or passed on again since (a dismissal is forgotten once the question is passed on again).
   */
  closedBy: PersonKey | null;
  closedAt: string | null;
}

/** Whether an open question had been marked answered before it was asked again: who did, and when. */
export function markedAnsweredBefore(question: OpenQuestion): { by: PersonKey; at: string } | undefined {
  if (question.status !== "open" || !question.closedBy || !question.closedAt) return undefined;
  return { by: question.closedBy, at: question.closedAt };
}

/** Whether `actor` passing `question` on now would change nothing: they already did, and it is still open. */
export function alreadyPassedBy(question: OpenQuestion | undefined, actor: PersonKey): boolean {
  return question?.status === "open" && question.passedBy.includes(actor);
}

interface QuestionRow {
  id: number;
  question: string;
  first_asked_at: string;
  last_asked_at: string;
  times_asked: number;
  best_id: string | null;
  best_score: number | null;
  times_passed: number;
  passed_by: string;
  passed_at: string | null;
  status: QuestionStatus;
  closed_by: string | null;
  closed_at: string | null;
}

function toQuestion(row: QuestionRow): OpenQuestion {
  return {
    id: row.id,
    question: row.question,
    firstAskedAt: row.first_asked_at,
    lastAskedAt: row.last_asked_at,
    timesAsked: row.times_asked,
    bestId: row.best_id,
    bestScore: row.best_score,
    timesPassed: row.times_passed,
    passedBy: JSON.parse(row.passed_by) as PersonKey[],
    passedAt: row.passed_at,
    status: row.status,
    closedBy: row.closed_by,
    closedAt: row.closed_at,
  };
}

/**
 * One more ask of a question the bot answered weakly or not at all: a new record, or the same record counted again
 * with the latest best guess, and open again if an admin had marked it answered (who and when are kept, for the list
 * to say so). Nothing for a message with no word to answer ("ok", "thanks", "why?"). Not audit-logged: the bot keeps
 * this itself, nobody changed a record.
 */
export function recordQuestionAsked(db: Db, question: string, best: BestGuess | undefined, at: Date): void {
  const text = questionText(question);
  const key = questionKey(text);
  if (key === "" || !isKeptQuestion(text)) return;
  prepared(
    db,
    `INSERT INTO open_questions (question_key, question, first_asked_at, last_asked_at, times_asked, best_id, best_score)
       VALUES (@key, @text, @at, @at, 1, @bestId, @bestScore)
       ON CONFLICT (question_key) DO UPDATE
         SET times_asked = times_asked + 1,
             last_asked_at = MAX(last_asked_at, excluded.last_asked_at),
             best_id = excluded.best_id,
             best_score = excluded.best_score,
             status = CASE status WHEN 'answered' THEN 'open' ELSE status END`,
  ).run({ key, text, at: at.toISOString(), bestId: best?.id ?? null, bestScore: best?.score ?? null });
}

export class OpenQuestionsStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
  ) {}

  get(id: number): OpenQuestion | undefined {
    const row = prepared(this.db, "SELECT * FROM open_questions WHERE id = ?").get(id) as
      | QuestionRow
      | undefined;
    return row && toQuestion(row);
  }

  /** The record of this question however it is typed, if there is one. */
  find(question: string): OpenQuestion | undefined {
    const row = prepared(this.db, "SELECT * FROM open_questions WHERE question_key = ?").get(
      questionKey(question),
    ) as QuestionRow | undefined;
    return row && toQuestion(row);
  }

  /** The open questions, those passed on first, then the most asked, then the latest. */
  open(): OpenQuestion[] {
    return (
      prepared(
        this.db,
        `SELECT * FROM open_questions WHERE status = 'open'
           ORDER BY times_passed > 0 DESC, times_asked DESC, times_passed DESC, last_asked_at DESC, id`,
      ).all() as QuestionRow[]
    ).map(toQuestion);
  }

  /** How many questions are open, and how many of them were first asked or passed on since `since` (an ISO time). */
  counts(since: string): { open: number; new: number; passedOn: number } {
    return prepared(
      this.db,
      `SELECT COUNT(*) AS open,
              COALESCE(SUM(first_asked_at >= @since), 0) AS new,
              COALESCE(SUM(passed_at IS NOT NULL AND passed_at >= @since), 0) AS passedOn
         FROM open_questions WHERE status = 'open'`,
    ).get({ since }) as { open: number; new: number; passedOn: number };
  }

  /**
   * Passes a question on to the ISMS admins, with who and when, and open again if an admin had closed it. Each
   * person counts once: passing on again a question one already passed on, still open, changes nothing (a double
   * click, a redelivered button) and is not logged. A question never recorded is recorded now, as asked once.
   * Undefined for a question with no word to answer.
   */
  passOn(question: string, actor: PersonKey, best: BestGuess | undefined): OpenQuestion | undefined {
    const key = questionKey(question);
    if (key === "" || !isKeptQuestion(question)) return undefined;
    return this.db.transaction(() => {
      const before = this.find(question);
      if (alreadyPassedBy(before, actor)) return before;
      const at = this.clock().toISOString();
      if (!before) recordQuestionAsked(this.db, question, best, this.clock());
      const passedBy = [...new Set([...(before?.passedBy ?? []), actor])];
      // Reopening keeps who had marked it answered (the list says so) and forgets a dismissal.
      prepared(
        this.db,
        `UPDATE open_questions
           SET times_passed = @count, passed_by = @passedBy, passed_at = @at, status = 'open',
               closed_by = CASE status WHEN 'dismissed' THEN NULL ELSE closed_by END,
               closed_at = CASE status WHEN 'dismissed' THEN NULL ELSE closed_at END
         WHERE question_key = @key`,
      ).run({ count: passedBy.length, passedBy: JSON.stringify(passedBy), at, key });
      const after = this.find(question) as OpenQuestion;
      this.audit.append(actor, "question.pass", "question", `question:${after.id}`, before ?? null, after);
      return after;
    })();
  }

  /** Marks an open question answered or dismissed; undefined when there is no open question with this id. */
  close(id: number, status: Exclude<QuestionStatus, "open">, actor: PersonKey): OpenQuestion | undefined {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before?.status !== "open") return undefined;
      prepared(
        this.db,
        "UPDATE open_questions SET status = ?, closed_by = ?, closed_at = ? WHERE id = ?",
      ).run(status, actor, this.clock().toISOString(), id);
      const after = this.get(id) as OpenQuestion;
      this.audit.append(
        actor,
        status === "answered" ? "question.answer" : "question.dismiss",
        "question",
        `question:${id}`,
        before,
        after,
      );
      return after;
    })();
  }
}
