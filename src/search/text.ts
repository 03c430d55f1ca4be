/** Text normalisation shared by the index and the queries: folding, word splitting, stop words, light stemming. */

/** Words that carry no meaning in a question to the bot ("can I …", "what does … require"). */
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any anyone anything are as at be been before being below
  between both but by can cannot could did do does doing done down during each else ever every few for from further
  get gets getting got had has have having he her here hers him his how however i if in into is it its itself just
  let like me might mine more most must my myself need needed needs no nor not now of off ok okay on once only or
  other our ours out over own please same shall she should so some someone something such than thanks thank that
  the their theirs them then there these they this those through to too under until up upon us very via want wants
  was we were what whats when where which while who whom whose why will with would yes yet you your yours hi hello
  hey tell explain say says said mean means meaning know allowed allow okay am iso iec annex
  require requires required requirement requirements control controls clause clauses actually really still
  anybody somebody thing things stuff way ways question wondering guys team`.split(/\s+/),
);

/** Lower case, accents removed ("café" → "cafe"), apostrophes dropped, other punctuation turned into spaces. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Removes common English endings so that "backups", "working" and "encrypted" meet "backup", "work", "encrypt". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const rules: [RegExp, string][] = [
    [/ies$/, "y"],
    [/(ss|us|is)$/, "$1"],
    [/sses$/, "ss"],
    [/([^s])s$/, "$1"],
    [/ings?$/, ""],
    [/(.{3})ed$/, "$1"],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(word)) {
      const stemmed = word.replace(pattern, replacement);
      return stemmed.length >= 3 ? stemmed : word;
    }
  }
  return word;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Single digits are not words; numbers like 93, 2013 or 27005 are ("all 93 controls", "what is 27005"). */
export function isWordNumber(word: string): boolean {
  return /^\d+$/.test(word) && word.length >= 2 && word.length <= 5;
}

/** The meaningful words of a text, folded and stemmed, in order (duplicates kept). */
export function contentWords(text: string): string[] {
  return foldText(text)
    .split(" ")
    .filter((word) => word.length > 1 && (!/^\d+$/.test(word) || isWordNumber(word)) && !isStopWord(word))
    .map(stem);
}
