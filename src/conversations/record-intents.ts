/** Recognises requests about the ISMS records: forms to fill in and questions about risks, evidence and controls. */
import { foldText } from "../search/text.js";
import { type CalendarIntent, recogniseCalendarIntent } from "./calendar-intents.js";
import { type HouseRuleIntent, recogniseHouseRuleIntent } from "./house-rule-intents.js";
import { isJourneyQuestion } from "./journey-intent.js";
import { type OpenQuestionIntent, recogniseOpenQuestionIntent } from "./open-question-intents.js";
import { type ReminderIntent, recogniseReminderIntent } from "./reminder-answers.js";

export type RecordIntent =
  | ReminderIntent
  | { type: "new-risk"; about: string | undefined }
  | { type: "update-risk"; ref: string }
  | { type: "accept-risk"; ref: string }
  | { type: "show-risk"; ref: string }
  | { type: "list-risks"; aboveAppetite: boolean }
  | { type: "submit-evidence"; target: string | undefined }
  | { type: "review-evidence"; ref: string }
  | { type: "show-evidence"; ref: string }
  | { type: "evidence-for"; target: string }
  | { type: "awaiting-review" }
  | { type: "set-control"; target: string }
  | { type: "my-items" }
  | { type: "snooze"; itemKey: string }
  | { type: "mark-reviewed"; ref: string }
  | { type: "my-risks" }
  | { type: "evidence-due-soon" }
  | { type: "controls-without-evidence" }
  | { type: "readiness"; scope: string | undefined }
  | { type: "audit-log" }
  | { type: "whoami" }
  | { type: "export"; what: "soa" | "risks"; format: "xlsx" | "csv" | "md" }
  | CalendarIntent
  | HouseRuleIntent
  | { type: "journey" }
  | OpenQuestionIntent;

const ref = (text: string, letter: "R" | "E") => {
  const match = new RegExp(String.raw`\b${letter}\s?-?\s?(\d{1,4})\b`, "i").exec(text);
  return match ? `${letter}-${String(Number(match[1])).padStart(3, "0")}` : undefined;
};
const controlOrClause = (text: string) => {
  const control = /\b(?:a\s*\.?\s*)?([5-8])\s*\.\s*(\d{1,2})\b/i.exec(text);
  if (control && /\ba\s*\.?\s*[5-8]\s*\.|\bcontrol/i.test(text))
    return `A.${control[1]}.${Number(control[2])}`;
  const clause = /\bclause\s*(\d{1,2}(?:\.\d{1,2}){0,2})\b/i.exec(text);
  if (clause) return clause[1];
  if (control) return `A.${control[1]}.${Number(control[2])}`;
  // Clauses 4, 9 and 10 have no control of the same number: "submit evidence for 9.2" means clause 9.2.
  return /(?<![\w.])(?:4|9|10)(?:\.\d{1,2}){1,2}(?![\w.])/.exec(text)?.[0];
};

export function recogniseRecordIntent(text: string): RecordIntent | undefined {
  const folded = foldText(text);
  const risk = ref(text, "R");
  const evidence = ref(text, "E");
  // First: a question passed on to the admins may contain any words at all.
  const openQuestion = recogniseOpenQuestionIntent(text, folded);
  if (openQuestion) return openQuestion;
  if (isJourneyQuestion(folded)) return { type: "journey" };
  if (/^(?:who am i|whoami|my roles?|what are my roles)$/.test(folded)) return { type: "whoami" };
  const houseRule = recogniseHouseRuleIntent(folded, text);
  if (houseRule) return houseRule;
  const reminders = recogniseReminderIntent(folded);
  if (reminders) return reminders;
  const snooze = /^snooze\s+(?:(a\.\d{1,2}\.\d{1,2})|(r-?\d{1,4}))\b/i.exec(text.trim());
  if (snooze)
    return { type: "snooze", itemKey: snooze[1] ? `control:${snooze[1].toUpperCase()}` : `risk:${risk}` };
  const snoozeCalendar = /^snooze\s+(policy-review|internal-audit|management-review|\d{1,6})$/i.exec(
    text.trim(),
  );
  if (snoozeCalendar) return { type: "snooze", itemKey: `calendar:${snoozeCalendar[1]?.toLowerCase()}` };
  const calendar = recogniseCalendarIntent(folded);
  if (calendar) return calendar;
  if (risk && /^mark\b.*\breviewed$/.test(folded)) return { type: "mark-reviewed", ref: risk };
  if (/\baudit (?:log|trail)\b/.test(folded)) return { type: "audit-log" };
  if (/\bexport\b/.test(folded)) {
    const format = /\bcsv\b/.test(folded) ? "csv" : /\b(?:md|markdown)\b/.test(folded) ? "md" : "xlsx";
    if (/\b(?:soa|statement of applicability)\b/.test(folded)) return { type: "export", what: "soa", format };
    if (/\brisks?\b|\brisk register\b/.test(folded)) return { type: "export", what: "risks", format };
  }
  if (risk) {
    if (/\baccept\w*\b/.test(folded)) return { type: "accept-risk", ref: risk };
    if (/\b(?:update|edit|change|modify|treat)\w*\b/.test(folded)) return { type: "update-risk", ref: risk };
    return { type: "show-risk", ref: risk };
  }
  if (evidence) {
    if (/\b(?:review|approve|accept|reject)\w*\b/.test(folded))
      return { type: "review-evidence", ref: evidence };
    return { type: "show-evidence", ref: evidence };
  }
  if (
    /\bmy (?:open )?(?:items|tasks|todos?|to dos?)\b|\bwhat do i (?:need|have) to do\b|\bwhats on my plate\b/.test(
      folded,
    )
  ) {
    return { type: "my-items" };
  }
  if (/^(?:show |list )?(?:the )?(?:risks i own|my risks)$/.test(folded)) return { type: "my-risks" };
  if (/\bevidence (?:due|expiring) soon\b|\bdue soon\b/.test(folded)) return { type: "evidence-due-soon" };
  if (/\brisks? (?:above|over|exceeding|outside|beyond) (?:the |our )?(?:risk )?appetite\b/.test(folded)) {
    return { type: "list-risks", aboveAppetite: true };
  }
  if (/^(?:show |list )?(?:all |the |our |my )*(?:risks|risk register)$/.test(folded))
    return { type: "list-risks", aboveAppetite: false };
  if (
    /\b(?:log|report|add|record|raise|register|create|new|enter)\b.*\brisk\b/.test(folded) &&
    !/\bcontrol/.test(folded.split("risk")[0] ?? "")
  ) {
    const about = /\b(?:about|regarding|concerning|on|for|of|:)\s+(.{3,})$/i.exec(text.trim())?.[1];
    return { type: "new-risk", about: about?.replace(/[.?!]+$/, "") };
  }
  if (/\b(?:submit|upload|add|attach|file|provide|send|save)\b.*\bevidence\b/.test(folded)) {
    return { type: "submit-evidence", target: controlOrClause(text) };
  }
  if (/\b(?:evidence )?(?:waiting|awaiting|pending|needs?) (?:for )?(?:a )?review\b/.test(folded))
    return { type: "awaiting-review" };
  if (/\bcontrols?\b.*\b(?:no|without|missing|lacking)\b.*\bevidence\b/.test(folded))
    return { type: "controls-without-evidence" };
  if (/\bevidence\b/.test(folded)) {
    const target = controlOrClause(text);
    if (target) return { type: "evidence-for", target };
  }
  if (/\b(?:set|assign|change|make)\b.*\b(?:owner|applicab\w*|cadence|status)\b|\bwho owns\b/.test(folded)) {
    const target = controlOrClause(text);
    if (target?.startsWith("A.") && !/\bwho owns\b/.test(folded)) return { type: "set-control", target };
  }
  // "ICT readiness for business continuity" is control A.5.30, not audit readiness.
  if (
    /(?<!\bict )\b(?:audit )?readiness\b(?! for business)|\bready for (?:the )?(?:certification )?audit\b/.test(
      folded,
    )
  ) {
    return { type: "readiness", scope: undefined };
  }
  const status = /\bstatus of (?:clause |theme )?([a-z]+|\d{1,2}(?:\.\d{1,2})?)\b/.exec(folded);
  // "status of A.6.7" is the control's own answer, which shows where we stand on it.
  if (status && !controlOrClause(text)?.startsWith("A.")) return { type: "readiness", scope: status[1] };
  return undefined;
}
