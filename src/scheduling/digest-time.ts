/**
 * When a weekly digest is due for a person: from the digest hour on the digest day, in their own time zone. When the
 * bot was down at that moment (its last run was before it), the missed digest is caught up in the next three days;
 * after that, the next week's digest takes its place. A fresh install does not send last week's digest.
 */
import { addDays, isoWeekday, todayIn } from "../records/dates.js";
import { localTime, validZone } from "./quiet-hours.js";

const CATCH_UP_DAYS = 3;

export interface DigestTiming {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  defaultTimeZone: string;
}

/** The local date of the digest this moment belongs to ("2026-11-30"), or undefined when none is due. */
export function digestDue(
  at: Date,
  timeZone: string | null | undefined,
  timing: DigestTiming,
  lastRun?: Date,
): string | undefined {
  const zone = validZone(timeZone, timing.defaultTimeZone);
  const today = todayIn(at, zone);
  const since = (isoWeekday(today) - timing.weekday + 7) % 7;
  const day = addDays(today, -since);
  if (since === 0) return localTime(at, zone).hour >= timing.hour ? day : undefined;
  if (since > CATCH_UP_DAYS || !lastRun) return undefined;
  const hour = (moment: number) => String(moment).padStart(2, "0");
  const lastLocal = `${todayIn(lastRun, zone)} ${hour(localTime(lastRun, zone).hour)}`;
  return lastLocal < `${day} ${hour(timing.hour)}` ? day : undefined;
}

/** The next moment a digest goes out, for showing the schedule: "Monday 2026-11-30 at 09:00 (Europe/Berlin)". */
export function nextDigest(at: Date, timing: DigestTiming): string {
  const zone = timing.defaultTimeZone;
  const today = todayIn(at, zone);
  let ahead = (timing.weekday - isoWeekday(today) + 7) % 7;
  if (ahead === 0 && localTime(at, zone).hour >= timing.hour) ahead = 7;
  const day = addDays(today, ahead);
  const name = new Intl.DateTimeFormat("en-GB", { weekday: "long", timeZone: "UTC" }).format(
    new Date(`${day}T12:00:00Z`),
  );
  return `${name} ${day} at ${String(timing.hour).padStart(2, "0")}:00 (${zone})`;
}
