/** Parsers for risk register cell values: scores, dates, C/I/A, treatments, statuses and control ids. */
import type { RiskStatus, Treatment } from "../types.js";

/** What a cell holds once read: text (all of a CSV), or a number or date from Excel. */
export type Cell = string | number | Date | null;

/** Text without case, spaces or punctuation, for comparing headers and words. */
export const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** Reports a problem with the named field of the row being read. */
type Fail<Field extends string> = (field: Field, message: string) => void;

export function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return isoDate(cell) ?? "";
  return String(cell).trim();
}

/** "4" and Excel's 4, also "4 - Likely" as many registers write it; not 4.5. */
export function parseScore(cell: Cell): number | undefined {
  if (typeof cell === "number") return Number.isInteger(cell) ? cell : undefined;
  const match = /^(\d+)(?:(?:\s+|\s*[-–:(]\s*)\p{L}.*)?$/su.exec(cellText(cell));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function parseDate(cell: Cell): string | undefined {
  if (cell instanceof Date) return isoDate(cell);
  // A date typed into a "General" Excel cell arrives as its serial number; 1970..2099 keeps plain numbers out.
  if (typeof cell === "number") {
    return cell >= 25_569 && cell < 73_051
      ? isoDate(new Date(EXCEL_EPOCH + Math.floor(cell) * DAY_MS))
      : undefined;
  }
  const text = cellText(cell);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const european = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (european) return calendarDate(Number(european[3]), Number(european[2]), Number(european[1]));
  return undefined;
}

function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? isoDate(date) : undefined;
}

function isoDate(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

const PROPERTY_WORDS: Record<string, string> = { confidentiality: "C", integrity: "I", availability: "A" };

/** "C,I,A", "CIA", "C/I" and "Confidentiality, Availability" all work; the result is in C, I, A order. */
export function parseProperties(text: string, fail: Fail<"properties">): string[] {
  const found = new Set<string>();
  for (const word of text.toLowerCase().split(/[\s,;/&+]+/)) {
    if (word === "" || word === "and") continue;
    const letters = PROPERTY_WORDS[word] ?? (/^[cia]+$/.test(word) ? word.toUpperCase() : undefined);
    if (letters === undefined) {
      fail(
        "properties",
        `properties must be C, I and/or A (confidentiality, integrity, availability), got '${text}'`,
      );
      return [];
    }
    for (const letter of letters) found.add(letter);
  }
  return ["C", "I", "A"].filter((letter) => found.has(letter));
}

const TREATMENT_WORDS = wordsFor<Treatment>({
  modify: ["modify", "modification", "mitigate", "mitigation", "reduce", "reduction", "treat"],
  retain: ["retain", "retention", "accept", "acceptance", "tolerate"],
  avoid: ["avoid", "avoidance", "terminate", "termination"],
  share: ["share", "sharing", "transfer", "insure", "insurance"],
});

/** "Mitigate", "Risk acceptance" and "transfer" all name one of ISO 27005's four options. */
export function parseTreatment(text: string, fail: Fail<"treatment">): Treatment | null {
  if (text === "") return null;
  const treatment = TREATMENT_WORDS.get(squash(text.toLowerCase().replace(/\brisk\b/g, "")));
  if (treatment === undefined) {
    fail(
      "treatment",
      `treatment must be modify, retain, avoid or share (or mitigate, accept, transfer…), got '${text}'`,
    );
  }
  return treatment ?? null;
}

const STATUS_WORDS = wordsFor<RiskStatus>({
  open: ["open", "new", "identified"],
  treating: ["treating", "in treatment", "being treated", "in progress", "treatment in progress", "ongoing"],
  accepted: ["accepted"],
  closed: ["closed", "done", "resolved"],
});

/** Turns value → words into a lookup by squashed word. */
function wordsFor<T extends string>(words: Record<T, string[]>): Map<string, T> {
  const entries = Object.entries(words) as [T, string[]][];
  return new Map(entries.flatMap(([value, list]) => list.map((word) => [squash(word), value] as const)));
}

export function parseStatus(text: string, fail: Fail<"status">): RiskStatus {
  if (text === "") return "open";
  const status = STATUS_WORDS.get(squash(text));
  if (status === undefined) fail("status", `status must be open, treating or closed, got '${text}'`);
  // Only the risk owner accepts a residual risk, in chat, where who and when are recorded.
  if (status === "accepted") {
    fail(
      "status",
      "status 'accepted' cannot be imported: import it as open or treating, then its owner accepts it in chat",
    );
  }
  return status ?? "open";
}

/** "A.8.1", "8.1" and "a.8.1", separated by commas, semicolons or spaces, become "A.8.1". */
export function parseControls(
  text: string,
  isControl: (id: string) => boolean,
  fail: Fail<"controls">,
): string[] {
  const controls: string[] = [];
  for (const token of text.split(/[\s,;]+/)) {
    if (token === "") continue;
    const match = /^(?:a\.?)?(\d{1,2})\.(\d{1,2})$/i.exec(token);
    const id = match ? `A.${Number(match[1])}.${Number(match[2])}` : undefined;
    if (id === undefined) fail("controls", `'${token}' is not an Annex A control id like A.8.1`);
    else if (!isControl(id)) fail("controls", `${id} is not an Annex A control`);
    else if (!controls.includes(id)) controls.push(id);
  }
  return controls;
}
