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

/** The same day `months` later (the last day of the month when that day does not exist: 31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return isoDate(target);
}

export function addCadence(day: string, cadence: Cadence): string {
  return addMonths(day, CADENCE_MONTHS[cadence]);
}
