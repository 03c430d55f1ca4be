/**
 * When a weekly digest is due for a person: from the digest hour on the digest day, in their own time zone. When the
 * bot was down at that moment (it fell in a stretch without runs), the missed digest is caught up in the next three
 * days, in the person's working hours; after that, the next week's digest takes its place. A fresh install does not
 * send last week's digest.
 */
import { addDays, isoWeekday, todayIn } from "../records/dates.js";
import { localTime, validZone } from "./quiet-hours.js";
import type { Downtime } from "./reminder-ledger.js";

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
  downtimes: readonly Downtime[] = [],
): string | undefined {
  const zone = validZone(timeZone, timing.defaultTimeZone);
  const today = todayIn(at, zone);
  const since = (isoWeekday(today) - timing.weekday + 7) % 7;
  const day = addDays(today, -since);
  if (since === 0) return localTime(at, zone).hour >= timing.hour ? day : undefined;
  if (since > CATCH_UP_DAYS) return undefined;
  // Compared as local "YYYY-MM-DD HH": the last run before the downtime was before the digest hour, the first after
  // it at or after that hour. (Comparing with the latest run alone would lose the digest as soon as the bot, back at
  // night or before a person's working hours, ran once while it was held.)
  const hour = (moment: number) => String(moment).padStart(2, "0");
  const local = (moment: Date) => `${todayIn(moment, zone)} ${hour(localTime(moment, zone).hour)}`;
  const digestAt = `${day} ${hour(timing.hour)}`;
  return downtimes.some(({ from, to }) => local(from) < digestAt && local(to) >= digestAt) ? day : undefined;
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
