/**
 * Finds control and clause ids in what people type: "A.8.9", "a.8.9", "8.9", "A 8 9", "control 8.9",
 * "clause 6.1.3", a main clause's number on its own ("9"), and 2013 ids such as "A.12.1.2". It only reads the text;
 * the catalogue decides what exists.
 * Ordinary numbers ("a 9.5 hour outage", "8.5 GB", "Windows 10.1") are not taken for ids.
 */

export type IdMention =
  | { hint: "control"; number: string; text: string } // "A.8.9", "control 8.9"  → 2022 control 8.9
  | { hint: "clause"; number: string; text: string } // "clause 6.1.3"          → clause 6.1.3
  | { hint: "legacy"; number: string; text: string } // "A.12.1.2"              → 2013 control
  | { hint: "any"; number: string; text: string }; // "5.1", "6.1.3"          → whatever exists

/** Two or three parts, all joined by dots ("8.9", "12.1.2") or all by spaces ("8 9"), never a mix. */
const NUMBER = String.raw`(\d{1,2}(?:\s*\.\s*\d{1,2}){1,2}|\d{1,2}(?:\s\d{1,2}){1,2})`;
const CLAUSE_NUMBER = String.raw`(\d{1,2}(?:\s*\.\s*\d{1,2}){0,2})`;

const PATTERNS: { hint: "annex" | "control" | "clause" | "any"; regex: RegExp }[] = [
  {
    hint: "clause",
    regex: new RegExp(String.raw`(?:\bclause|\bcl\.|§)\s*${CLAUSE_NUMBER}(?![\d.]*\d)`, "giu"),
  },
  {
    hint: "control",
    regex: new RegExp(
      String.raw`\bcontrols?\s*(?:no\.?|number|#)?\s*(?:a\s*[.\s]?\s*)?${NUMBER}(?!\.?\d)`,
      "giu",
    ),
  },
  {
    hint: "annex",
    regex: new RegExp(String.raw`\b(?:annex\s*)?(a)(\s*[.-]\s*|\s+|)${NUMBER}(?!\.?\d)`, "giu"),
  },
  { hint: "any", regex: /(?<![\w.])(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)(?![\w]|\.\d)/gu },
];

/** Words around a bare number that show it is a quantity, a time or a version, not an id. */
const UNIT_AFTER =
  /^\s*(?:%|percent|hours?|hrs?|h\b|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|gb|mb|kb|tb|gib|mib|ghz|mhz|k\b|m\b|million|billion|am\b|pm\b|€|\$|£|x\b|times|inch|inches|cm|mm|kg|users?|people|employees|stars?|out of)/i;
const WORD_BEFORE =
  /(?:windows|version|ver\.?|v|node|python|java|ios|android|macos|release|build|at|about|around|approx\.?|roughly|cvss|score|rated|costs?|paid|€|\$|£)\s*$/i;

function canonicalNumber(raw: string): string {
  return raw
    .trim()
    .split(/\s*\.\s*|\s+/)
    .map((part) => String(Number(part)))
    .join(".");
}

/** Every id mentioned in the text, in the order they appear, each once. */
export function findIdMentions(input: string): IdMention[] {
  const text = input.normalize("NFKC");
  // A message that is only a number from 4 to 10 names a main clause ("9" is clause 9 Performance evaluation).
  const alone = /^\s*(10|[4-9])\s*\??\s*$/.exec(text)?.[1];
  if (alone) return [{ hint: "clause", number: alone, text: alone }];
  const found: { at: number; end: number; mention: IdMention }[] = [];
  const overlaps = (at: number, end: number) => found.some((other) => at < other.end && end > other.at);
  for (const { hint, regex } of PATTERNS) {
    for (const match of text.matchAll(regex)) {
      const at = match.index ?? 0;
      const end = at + match[0].length;
      const raw = hint === "annex" ? match[3] : match[1];
      if (!raw || overlaps(at, end)) continue;
      if (hint === "annex") {
        // "a 9.5 hour outage": a lower-case article before a dotted number is not Annex A.
        const [, letter = "", separator = ""] = match;
        if (letter === "a" && /^\s+$/.test(separator) && raw.includes(".") && !/annex/i.test(match[0]))
          continue;
      }
      if (hint === "any" && (UNIT_AFTER.test(text.slice(end)) || WORD_BEFORE.test(text.slice(0, at))))
        continue;
      const number = canonicalNumber(raw);
      const parts = number.split(".").length;
      const resolved: IdMention["hint"] =
        hint === "annex" || hint === "control" ? (parts === 3 ? "legacy" : "control") : hint;
      found.push({ at, end, mention: { hint: resolved, number, text: match[0].trim() } });
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .map((item) => item.mention)
    .filter((mention) => {
      const key = `${mention.hint}:${mention.number}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
