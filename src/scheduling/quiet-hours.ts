/**
 * Quiet rules: reminders reach people in their working hours, in their own time zone (the organisation's when they
 * have none), and never at the weekend unless configured; a reminder held back simply stays due for a later run,
 * so a weekend send becomes a Monday-morning one.
 */

export interface QuietRules {
  /** The organisation's time zone, for people whose own is unknown. */
  defaultTimeZone: string;
  /** Local hours when reminders may go out: from `startHour` (inclusive) to `endHour` (exclusive). */
  startHour: number;
  endHour: number;
  weekends: boolean;
}

export const DEFAULT_QUIET_RULES: QuietRules = {
  defaultTimeZone: "UTC",
  startHour: 9,
  endHour: 18,
  weekends: false,
};

/** The weekday (0 = Sunday) and hour at this moment in the time zone; daylight saving is the zone's own. */
export function localTime(at: Date, timeZone: string): { weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    hour: "numeric",
    hourCycle: "h23",
  }).formatToParts(at);
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(
    parts.find((p) => p.type === "weekday")?.value ?? "",
  );
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  return { weekday, hour };
}

/** The person's time zone when it is a real one, else the organisation's. */
export function validZone(timeZone: string | null | undefined, fallback: string): string {
  if (!timeZone) return fallback;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return fallback;
  }
}

export function mayRemindNow(
  at: Date,
  timeZone: string | null | undefined,
  rules: QuietRules = DEFAULT_QUIET_RULES,
): boolean {
  const { weekday, hour } = localTime(at, validZone(timeZone, rules.defaultTimeZone));
  if (!rules.weekends && (weekday === 0 || weekday === 6)) return false;
  return hour >= rules.startHour && hour < rules.endHour;
}
