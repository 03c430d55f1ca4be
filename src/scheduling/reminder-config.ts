/**
 * The reminder settings an admin can change: lead times, grace period, review cadences, digest day and hour, working
 * hours and time zone, the ISMS calendar's cadences. One table of settings serves the config file, the CLI's `--set`
 * and the chat form alike: each setting has a name, a label, a parser that explains what is wrong, and a formatter.
 * The effective settings are the defaults, overlaid by the config file, overlaid by what admins changed in chat or CLI.
 */
import type { RiskLevel } from "../records/types.js";
import type { QuietRules } from "./quiet-hours.js";
import type { ReminderSettings } from "./reminder-plan.js";

export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ReminderConfig {
  "lead-days": number[];
  "grace-days": number;
  "review-critical": number;
  "review-high": number;
  "review-medium": number;
  "review-low": number;
  "digest-day": Weekday;
  "digest-hour": number;
  "time-zone": string;
  "work-start": number;
  "work-end": number;
  weekends: boolean;
  "calendar-lead-days": number[];
  "policy-review-months": number;
  "internal-audit-months": number;
  "management-review-months": number;
}

export type SettingName = keyof ReminderConfig;
export type ConfigLayer = Partial<ReminderConfig>;

export const DEFAULT_REMINDER_CONFIG: ReminderConfig = {
  "lead-days": [14, 3],
  "grace-days": 7,
  "review-critical": 1,
  "review-high": 3,
  "review-medium": 6,
  "review-low": 12,
  "digest-day": "monday",
  "digest-hour": 9,
  "time-zone": "UTC",
  "work-start": 9,
  "work-end": 18,
  weekends: false,
  "calendar-lead-days": [30, 7],
  "policy-review-months": 12,
  "internal-audit-months": 12,
  "management-review-months": 12,
};

type Parsed<T> = { value: T } | { error: string };

interface Setting<T> {
  label: string;
  hint: string;
  /** Reads the value from text (chat, CLI) or from the config file's YAML value. */
  parse: (raw: unknown) => Parsed<T>;
  format: (value: T) => string;
}

const text = (raw: unknown) => (typeof raw === "string" ? raw.trim() : String(raw ?? "").trim());

function wholeNumber(label: string, min: number, max: number, unit: string): Setting<number> {
  return {
    label,
    hint: `${min} to ${max} ${unit}`,
    parse: (raw) => {
      const value = Number(text(raw));
      return Number.isInteger(value) && value >= min && value <= max && text(raw) !== ""
        ? { value }
        : { error: `${label} must be a whole number from ${min} to ${max} (${unit}).` };
    },
    format: (value) => String(value),
  };
}

function dayList(label: string): Setting<number[]> {
  return {
    label,
    hint: "days before the date, comma-separated, e.g. 14, 3",
    parse: (raw) => {
      const items = Array.isArray(raw) ? raw.map(text) : text(raw).split(/[,;\s]+/);
      const values = items.filter((item) => item !== "").map(Number);
      const ok =
        values.length >= 1 &&
        values.length <= 5 &&
        values.every((value) => Number.isInteger(value) && value >= 1 && value <= 90);
      return ok
        ? { value: [...new Set(values)].sort((a, b) => b - a) }
        : { error: `${label} must be one to five whole numbers of days from 1 to 90, e.g. "14, 3".` };
    },
    format: (value) => value.join(", "),
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone !== "";
  } catch {
    return false;
  }
}

export const SETTINGS: { [K in SettingName]: Setting<ReminderConfig[K]> } = {
  "lead-days": dayList("Evidence reminder lead days"),
  "grace-days": wholeNumber("Grace days before escalation", 1, 60, "days"),
  "review-critical": wholeNumber("Critical risk review every", 1, 24, "months"),
  "review-high": wholeNumber("High risk review every", 1, 24, "months"),
  "review-medium": wholeNumber("Medium risk review every", 1, 24, "months"),
  "review-low": wholeNumber("Low risk review every", 1, 24, "months"),
  "digest-day": {
    label: "Digest day",
    hint: "monday to sunday",
    parse: (raw) => {
      const day = text(raw).toLowerCase();
      const match = WEEKDAYS.find((weekday) => weekday === day || weekday.slice(0, 3) === day);
      return match ? { value: match } : { error: "Digest day must be a day of the week, e.g. monday." };
    },
    format: (value) => value.charAt(0).toUpperCase() + value.slice(1),
  },
  "digest-hour": wholeNumber("Digest hour", 0, 23, "o'clock, local time"),
  "time-zone": {
    label: "Organisation time zone",
    hint: "an IANA time zone, e.g. Europe/Berlin",
    parse: (raw) =>
      isTimeZone(text(raw))
        ? { value: text(raw) }
        : { error: `Time zone must be an IANA time zone such as Europe/Berlin, not "${text(raw)}".` },
    format: (value) => value,
  },
  "work-start": wholeNumber("Working hours start", 0, 23, "o'clock"),
  "work-end": wholeNumber("Working hours end", 1, 24, "o'clock"),
  weekends: {
    label: "Remind at weekends",
    hint: "yes or no",
    parse: (raw) => {
      if (typeof raw === "boolean") return { value: raw };
      const answer = text(raw).toLowerCase();
      if (["yes", "true", "on"].includes(answer)) return { value: true };
      if (["no", "false", "off"].includes(answer)) return { value: false };
      return { error: "Remind at weekends must be yes or no." };
    },
    format: (value) => (value ? "yes" : "no"),
  },
  "calendar-lead-days": dayList("ISMS calendar lead days"),
  "policy-review-months": wholeNumber("Policy review (A.5.1) every", 1, 36, "months"),
  "internal-audit-months": wholeNumber("Internal audit (9.2) every", 1, 36, "months"),
  "management-review-months": wholeNumber("Management review (9.3) every", 1, 36, "months"),
};

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

export function isSettingName(name: string): name is SettingName {
  return Object.hasOwn(SETTINGS, name);
}

export function parseSetting<K extends SettingName>(name: K, raw: unknown): Parsed<ReminderConfig[K]> {
  return SETTINGS[name].parse(raw);
}

export function formatSetting<K extends SettingName>(name: K, value: ReminderConfig[K]): string {
  return SETTINGS[name].format(value);
}

/** Checks a whole layer (from the config file, or from a form): every value parsed, every problem named. */
export function parseLayer(raw: Record<string, unknown>): {
  layer: ConfigLayer;
  problems: Record<string, string>;
} {
  const layer: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!isSettingName(name)) {
      problems[name] = `"${name}" is not a reminder setting; the settings are: ${SETTING_NAMES.join(", ")}.`;
      continue;
    }
    const parsed = parseSetting(name, value);
    if ("error" in parsed) problems[name] = parsed.error;
    else layer[name] = parsed.value;
  }
  return { layer: layer as ConfigLayer, problems };
}

/** Problems that involve two settings at once, judged on the settings as they would be in effect. */
export function crossCheck(config: ReminderConfig): Record<string, string> {
  const problems: Record<string, string> = {};
  if (config["work-start"] >= config["work-end"])
    problems["work-end"] = "Working hours must end after they start.";
  else if (config["digest-hour"] < config["work-start"] || config["digest-hour"] >= config["work-end"])
    problems["digest-hour"] =
      `Digest hour must be within working hours (${config["work-start"]} to ${config["work-end"]}), or the digest would wait for the next day.`;
  if (!config.weekends && (config["digest-day"] === "saturday" || config["digest-day"] === "sunday"))
    problems["digest-day"] =
      "Digest day falls on a weekend, when nothing is sent; choose a weekday or allow weekends.";
  return problems;
}

export function effectiveConfig(...layers: ConfigLayer[]): ReminderConfig {
  return Object.assign({}, DEFAULT_REMINDER_CONFIG, ...layers);
}

/** The planner's view of the settings. */
export function planSettings(config: ReminderConfig): ReminderSettings {
  const reviewMonths: Record<RiskLevel, number> = {
    critical: config["review-critical"],
    high: config["review-high"],
    medium: config["review-medium"],
    low: config["review-low"],
  };
  return { leadDays: config["lead-days"], graceDays: config["grace-days"], reviewMonths };
}

export function quietRules(config: ReminderConfig): QuietRules {
  return {
    defaultTimeZone: config["time-zone"],
    startHour: config["work-start"],
    endHour: config["work-end"],
    weekends: config.weekends,
  };
}

/** 1 = Monday … 7 = Sunday, as isoWeekday counts. */
export function digestWeekday(config: ReminderConfig): number {
  return WEEKDAYS.indexOf(config["digest-day"]) + 1;
}
