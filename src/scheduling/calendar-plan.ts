/**
 * The ISMS calendar and its reminders to the admins: the yearly policy review (A.5.1), the internal audit (9.2) and
 * the management review (9.3), each due a number of months after the last one on record, plus the dated items admins
 * add. Reminders are planned like the evidence reminders: before the date, on the day, then weekly while overdue;
 * when a standard item was never held, once a month.
 */
import { addMonths } from "../records/dates.js";
import type { Records } from "../records/records.js";
import type { EvidenceRecord, PersonKey } from "../records/types.js";
import type { ReminderConfig } from "./reminder-config.js";
import type { PlannedReminder } from "./reminder-plan.js";

export interface CalendarSettings {
  /** Days before a date when the admins are reminded (default 30 and 7). */
  leadDays: number[];
  /** Months between policy reviews, internal audits and management reviews (default 12 each). */
  policyReviewMonths: number;
  internalAuditMonths: number;
  managementReviewMonths: number;
}

export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = {
  leadDays: [30, 7],
  policyReviewMonths: 12,
  internalAuditMonths: 12,
  managementReviewMonths: 12,
};

/** The calendar's view of the reminder settings admins can change. */
export function calendarSettings(config: ReminderConfig): CalendarSettings {
  return {
    leadDays: config["calendar-lead-days"],
    policyReviewMonths: config["policy-review-months"],
    internalAuditMonths: config["internal-audit-months"],
    managementReviewMonths: config["management-review-months"],
  };
}

/** The three dates every ISMS keeps; each is "held" when evidence for its control or clause is handed in. */
export const STANDARD_CALENDAR_ITEMS = [
  {
    key: "policy-review",
    title: "Policy review",
    about: "A.5.1",
    targets: ["A.5.1"],
    months: (settings: CalendarSettings) => settings.policyReviewMonths,
    todo: "Review the information security policies with their owners, then submit the review as evidence for A.5.1.",
  },
  {
    key: "internal-audit",
    title: "Internal audit",
    about: "9.2",
    targets: ["9.2", "9.2.1", "9.2.2"],
    months: (settings: CalendarSettings) => settings.internalAuditMonths,
    todo: "Plan the audit programme and hold an internal audit, then submit its report as evidence for 9.2.",
  },
  {
    key: "management-review",
    title: "Management review",
    about: "9.3",
    targets: ["9.3", "9.3.1", "9.3.2", "9.3.3"],
    months: (settings: CalendarSettings) => settings.managementReviewMonths,
    todo: "Hold a management review with top management, then submit its minutes as evidence for 9.3.",
  },
] as const;

export type StandardCalendarKey = (typeof STANDARD_CALENDAR_ITEMS)[number]["key"];

/** One line of the calendar, standard or added, as the planner, the chat and the CLI read it. */
export interface CalendarEntry {
  /** "calendar:internal-audit", "calendar:7". */
  itemKey: string;
  /** "Internal audit", or the title an admin gave. */
  title: string;
  /** The control or clause it is about, if any. */
  about: string | null;
  /** The next date; null for a standard item never held. */
  due: string | null;
  /** Standard items: the date of the latest evidence on record. */
  lastHeld: string | null;
  repeatMonths: number | null;
  /** Added items: their number ("calendar item 7"). */
  id: number | null;
  /** Standard items: what to do when none is on record. */
  todo: string | null;
  /** What the reminder's main button asks on the admin's behalf. */
  ask: string;
}

/** The day the evidence covers: the end of its period, else the day it was handed in. */
const heldOn = (item: EvidenceRecord) => item.periodEnd ?? item.submittedAt.slice(0, 10);

/** The latest day a standard item was held: its newest evidence that was not rejected. */
export function lastHeld(records: Records, targets: readonly string[]): string | null {
  const days = targets
    .flatMap((target) => records.evidence.forTarget(target))
    .filter((item) => item.reviewStatus !== "rejected")
    .map(heldOn)
    .sort();
  return days.at(-1) ?? null;
}

/** The whole calendar: the standard items, then the open items admins added. */
export function calendarEntries(
  records: Records,
  settings: CalendarSettings = DEFAULT_CALENDAR_SETTINGS,
): CalendarEntry[] {
  const standard = STANDARD_CALENDAR_ITEMS.map((item): CalendarEntry => {
    const held = lastHeld(records, item.targets);
    const months = item.months(settings);
    return {
      itemKey: `calendar:${item.key}`,
      title: item.title,
      about: item.about,
      due: held ? addMonths(held, months) : null,
      lastHeld: held,
      repeatMonths: months,
      id: null,
      todo: item.todo,
      ask: `submit evidence for ${item.about}`,
    };
  });
  const added = records.calendar.open().map(
    (item): CalendarEntry => ({
      itemKey: `calendar:${item.id}`,
      title: item.title,
      about: item.about,
      due: item.dueDate,
      lastHeld: null,
      repeatMonths: item.repeatMonths,
      id: item.id,
      todo: null,
      ask: "show the ISMS calendar",
    }),
  );
  return [...standard, ...added];
}

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** "The internal audit (9.2)", or "Penetration test (calendar item 7, about A.8.8)". */
export function entryName(entry: CalendarEntry): string {
  if (entry.id === null) return `The ${entry.title.toLowerCase()} (${entry.about})`;
  return `${entry.title} (calendar item ${entry.id}${entry.about ? `, about ${entry.about}` : ""})`;
}

/** The stage an entry is in today, as period and text; undefined between stages. */
function stage(
  entry: CalendarEntry,
  today: string,
  leadDays: number[],
): { period: string; text: string } | undefined {
  const name = entryName(entry);
  if (entry.due === null) {
    // Never held: a nudge once a month until evidence is on record.
    return {
      period: `never:${today.slice(0, 7)}`,
      text: `No ${entry.title.toLowerCase()} (${entry.about}) is on record. ${entry.todo ?? ""}`.trim(),
    };
  }
  const late = daysBetween(entry.due, today);
  const doneHint = entry.id === null ? "" : ` Say "calendar item ${entry.id} done" once it is done.`;
  if (late < 0) {
    const lead = [...leadDays].sort((a, b) => a - b).find((n) => -late <= n);
    if (lead === undefined) return undefined;
    return {
      period: `${entry.due}:before-${lead}`,
      text: `${name} is due on ${entry.due} (in ${plural(-late, "day")}).`,
    };
  }
  if (late === 0) return { period: `${entry.due}:due`, text: `${name} is due today.${doneHint}` };
  const week = Math.floor((late - 1) / 7);
  return {
    period: `${entry.due}:overdue-${week}`,
    text: `${name} is ${plural(late, "day")} overdue (due ${entry.due}).${doneHint}`,
  };
}

/** The calendar's reminders for today, one per entry in a stage, to every admin. Pure: the entries are given. */
export function planCalendar(
  entries: CalendarEntry[],
  today: string,
  admins: PersonKey[],
  leadDays: number[] = DEFAULT_CALENDAR_SETTINGS.leadDays,
): PlannedReminder[] {
  return entries.flatMap((entry) => {
    const now = stage(entry, today, leadDays);
    if (!now) return [];
    return admins.map(
      (admin): PlannedReminder => ({
        recipient: admin,
        kind: "calendar",
        itemKey: entry.itemKey,
        period: now.period,
        text: now.text,
        ask: entry.ask,
      }),
    );
  });
}

/** The calendar's reminders from the records, for `Reminders.due`. */
export function planCalendarReminders(
  records: Records,
  today: string,
  admins: PersonKey[],
  settings: CalendarSettings = DEFAULT_CALENDAR_SETTINGS,
): PlannedReminder[] {
  if (admins.length === 0) return [];
  return planCalendar(calendarEntries(records, settings), today, admins, settings.leadDays);
}
