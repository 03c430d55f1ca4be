/** Recognises requests about the ISMS calendar: show it, ask when a standard date is, add, complete or cancel an item. */
import type { StandardCalendarKey } from "../scheduling/calendar-plan.js";

export type CalendarIntent =
  | { type: "calendar"; focus: StandardCalendarKey | undefined }
  | { type: "calendar-add" }
  | { type: "calendar-done"; id: number }
  | { type: "calendar-cancel"; id: number };

const STANDARD = /\b(policy reviews?|internal audits?|management reviews?)\b/;
const focusOf = (folded: string): StandardCalendarKey | undefined => {
  const named = STANDARD.exec(folded)?.[1];
  if (!named) return undefined;
  return named.startsWith("policy")
    ? "policy-review"
    : named.startsWith("internal")
      ? "internal-audit"
      : "management-review";
};

/** "is calendar item 3 done", "should we cancel calendar item 3": a question, answered, never acted on. */
const QUESTION =
  /^(?:is|are|was|were|when|will|would|should|shall|can|could|did|does|do|has|have|what|why|how|who)\b/;

/** Reads folded text (lower case, punctuation as spaces). */
export function recogniseCalendarIntent(folded: string): CalendarIntent | undefined {
  const item = /\bcalendar (?:item|entry|date) (\d{1,6})\b/.exec(folded);
  if (item && !QUESTION.test(folded)) {
    const id = Number(item[1]);
    if (/\b(?:cancel|delete|remove|drop)\w*\b/.test(folded)) return { type: "calendar-cancel", id };
    if (/\b(?:done|complete|completed|finished|held|mark)\b/.test(folded))
      return { type: "calendar-done", id };
  }
  if (/\b(?:add|new|create|put|enter|schedule)\b.*\bcalendar\b/.test(folded)) return { type: "calendar-add" };
  if (
    /^(?:show |open |see |list |view )?(?:me )?(?:the |our )?calendar$/.test(folded) ||
    /\b(?:isms|security|audit|compliance) calendar\b|\bcalendar items?\b/.test(folded)
  ) {
    return { type: "calendar", focus: focusOf(folded) };
  }
  if (STANDARD.test(folded) && /\b(?:when|next|due)\b/.test(folded))
    return { type: "calendar", focus: focusOf(folded) };
  return undefined;
}
