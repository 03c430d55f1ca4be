/**
 * How a question the bot could not answer is kept: one line of at most 300 characters, and a key that is the same
 * however the question is typed (case, spaces, punctuation, accents), so that asking it again finds the same record.
 * Only a real question is kept: "thanks", "ok" or "what?" has no word to answer.
 */
import { contentWords, foldText } from "../search/text.js";

/** The longest question kept, and the longest a pass-on button carries. */
export const MAX_QUESTION_LENGTH = 300;

/** The question on one line, cut to MAX_QUESTION_LENGTH characters (never inside a character). */
export function questionText(question: string): string {
  const line = question.replace(/\s+/g, " ").trim();
  return Array.from(line).slice(0, MAX_QUESTION_LENGTH).join("").trim();
}

/**
 * "Can we use  WhatsApp?" and "can we use whatsapp" have the same key. Written out here rather than borrowed from the
 * search's folding, so that keys already stored never change when the search is tuned.
 */
export function questionKey(question: string): string {
  return foldText(questionText(question));
}

/** Whether `question` has a word the bot could answer (as the search counts them): "ok", "thank you!", "why?" have none. */
export function isKeptQuestion(question: string): boolean {
  return contentWords(questionText(question)).length > 0;
}
