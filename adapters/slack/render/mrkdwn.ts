/**
 * Text helpers for Slack: escaping so that text from people and records can never form a mention or a link, and
 * cutting text to Block Kit's length limits without breaking a word, an emoji or an escape sequence.
 */

/** Escapes the three characters Slack's markup gives a meaning to, so `<!channel>` shows as text and notifies no one. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cutting "&amp;" to "&am" would show a stray "&"; a lone high surrogate would show as a broken character. */
function cleanCut(text: string): string {
  return text.replace(/&(a|am|amp|l|lt|g|gt)?$/, "").replace(/[\ud800-\udbff]$/, "");
}

const isSpace = (char: string) => /\s/.test(char);
const isNewline = (char: string) => char === "\n";

/** Where to end a start of `text` of at most `max` characters: at a break when one is not too far back. */
function breakPoint(text: string, max: number, isBreak: (char: string) => boolean): number {
  if (isBreak(text.charAt(max))) return max;
  for (let index = max - 1; index > max / 2; index--) if (isBreak(text.charAt(index))) return index;
  return max;
}

/** Shortens `text` to at most `max` characters, cutting at a word boundary and ending with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return "…".slice(0, Math.max(max, 0));
  const head = text.slice(0, breakPoint(text, max - 1, isSpace)).trimEnd();
  return `${cleanCut(head) || cleanCut(text.slice(0, max - 1))}…`;
}

/** Splits `text` into pieces of at most `max` characters, preferring line breaks, then spaces; no piece is empty. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const lineBreak = breakPoint(rest, max, isNewline);
    const end = lineBreak < max ? lineBreak : breakPoint(rest, max, isSpace);
    const piece = cleanCut(rest.slice(0, end)).trimEnd() || rest.slice(0, max);
    pieces.push(piece);
    rest = rest.slice(piece.length).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}
