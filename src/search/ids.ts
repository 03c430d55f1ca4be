/**
 * Finds control and clause ids in what people type: "A.8.9", "a.8.9", "8.9", "A 8 9", "control 8.9",
 * "clause 6.1.3", and 2013 ids such as "A.12.1.2". It only reads the text; the catalogue decides what exists.
 */

export type IdMention =
  | { hint: "control"; number: string; text: string } // "A.8.9", "control 8.9"  → 2022 control 8.9
  | { hint: "clause"; number: string; text: string } // "clause 6.1.3"          → clause 6.1.3
  | { hint: "legacy"; number: string; text: string } // "A.12.1.2"              → 2013 control
  | { hint: "any"; number: string; text: string }; // "5.1", "6.1.3"          → whatever exists

const NUMBER = String.raw`(\d{1,2}(?:\s*[.\s]\s*\d{1,2}){1,2})`;
const PATTERNS: { hint: "annex" | "control" | "clause" | "any"; regex: RegExp }[] = [
  { hint: "clause", regex: /\b(?:clause|cl\.|section|§)\s*(\d{1,2}(?:\s*\.\s*\d{1,2}){0,2})\b/giu },
  {
    hint: "control",
    regex: new RegExp(String.raw`\bcontrols?\s*(?:no\.?|number|#)?\s*(?:a\s*[.\s]?\s*)?${NUMBER}\b`, "giu"),
  },
  { hint: "annex", regex: new RegExp(String.raw`\b(?:annex\s*)?a\s*[.\s-]?\s*${NUMBER}\b`, "giu") },
  { hint: "any", regex: /(?<![\w.])(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)(?![\w]|\.\d)/gu },
];

function canonicalNumber(raw: string): string {
  return raw
    .trim()
    .split(/\s*[.\s]\s*/)
    .map((part) => String(Number(part)))
    .join(".");
}

/** Every id mentioned in the text, in the order they appear, each once. */
export function findIdMentions(text: string): IdMention[] {
  const found: { at: number; end: number; mention: IdMention }[] = [];
  const overlaps = (at: number, end: number) => found.some((other) => at < other.end && end > other.at);
  for (const { hint, regex } of PATTERNS) {
    for (const match of text.matchAll(regex)) {
      const at = match.index ?? 0;
      const end = at + match[0].length;
      const raw = match[1];
      if (!raw || overlaps(at, end)) continue;
      const number = canonicalNumber(raw);
      const parts = number.split(".").length;
      if (hint === "annex" && parts === 1) continue;
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
