/**
 * Migration 10's data step: the old `unanswered_questions` log (one row per ask) becomes one `open_questions` record per
 * question, grouped by its key, with how often and when it was asked and the latest best guess; then the log is dropped.
 */
import { questionKey, questionText } from "../records/open-question-key.js";
import type { Db } from "./database.js";

interface LoggedAsk {
  asked_at: string;
  question: string;
  best_id: string | null;
  best_score: number | null;
}

interface Grouped {
  question: string;
  first: string;
  last: string;
  times: number;
  bestId: string | null;
  bestScore: number | null;
}

export function moveUnansweredQuestions(db: Db): void {
  const asks = db
    .prepare("SELECT asked_at, question, best_id, best_score FROM unanswered_questions ORDER BY id")
    .all() as LoggedAsk[];
  const groups = new Map<string, Grouped>();
  for (const ask of asks) {
    const key = questionKey(ask.question);
    if (key === "") continue;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        question: questionText(ask.question),
        first: ask.asked_at,
        last: ask.asked_at,
        times: 1,
        bestId: ask.best_id,
        bestScore: ask.best_score,
      });
      continue;
    }
    group.times++;
    if (ask.asked_at < group.first) group.first = ask.asked_at;
    if (ask.asked_at >= group.last) {
      group.last = ask.asked_at;
      group.bestId = ask.best_id;
      group.bestScore = ask.best_score;
    }
  }
  const insert = db.prepare(
    `INSERT INTO open_questions (question_key, question, first_asked_at, last_asked_at, times_asked, best_id, best_score)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const [key, group] of groups)
    insert.run(key, group.question, group.first, group.last, group.times, group.bestId, group.bestScore);
  db.exec("DROP TABLE unanswered_questions");
}
