/** Calendar dates as "YYYY-MM-DD" strings, and evidence cadences in months. */
import type { Cadence } from "./types.js";

export const CADENCE_MONTHS: Record<Cadence, number> = {
  monthly: 1,
  quarterly: 3,
  half_yearly: 6,
  yearly: 12,
};

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The calendar day it is in a time zone ("2026-11-26" in Tokyo while it is still the 25th in UTC); UTC if none. */
export function todayIn(now: Date, timeZone: string | null | undefined): string {
  if (!timeZone) return isoDate(now);
  try {
    return new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(now);
  } catch {
    return isoDate(now);
  }
}

/** The same day `months` later (the last day of the month when that day does not exist: 31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return isoDate(target);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export function addDays(day: string, count: number): string {
  return isoDate(new Date(Date.parse(`${day}T00:00:00Z`) + count * 86_400_000));
}

export function addCadence(day: string, cadence: Cadence): string {
  return addMonths(day, CADENCE_MONTHS[cadence]);
}
