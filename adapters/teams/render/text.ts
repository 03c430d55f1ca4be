/**
 * Text in Adaptive Cards. Every piece of text the bot shows is a TextRun inside a RichTextBlock: Teams never reads a
 * TextRun as markdown, so text from people and records (a risk title like "[Click](https://evil)" or "**urgent**")
 * shows exactly as typed, and no escaping can be forgotten or double-applied.
 */

/** Any card element or action, as plain JSON. */
export type CardElement = { type: string; [property: string]: unknown };

export interface RunStyle {
  weight?: "Bolder";
  size?: "Small" | "Medium" | "Large";
  color?: "Attention" | "Warning" | "Good" | "Accent";
  isSubtle?: boolean;
  italic?: boolean;
}

/** Long enough for any paragraph the core writes; a record field pasted in full is cut, never the card. */
const MAX_RUN = 5000;

/** Shortens `text` to at most `max` characters, at a word boundary when one is near, ending with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return "…".slice(0, Math.max(max, 0));
  let end = max - 1;
  for (let at = end; at > max / 2; at--) {
    if (/\s/.test(text.charAt(at))) {
      end = at;
      break;
    }
  }
  // A lone high surrogate would show as a broken character.
  const head = text
    .slice(0, end)
    .trimEnd()
    .replace(/[\ud800-\udbff]$/, "");
  return `${head}…`;
}

export function run(text: string, style: RunStyle = {}): CardElement {
  return { type: "TextRun", text: truncate(text, MAX_RUN), ...style };
}

/** One line of text; a RichTextBlock always wraps. */
export function line(runs: CardElement[], spacing?: "None" | "Small" | "Medium"): CardElement {
  return { type: "RichTextBlock", inlines: runs, ...(spacing ? { spacing } : {}) };
}

/** Text that may hold line breaks: one block per line, so that every client shows the breaks alike. */
export function lines(text: string, style: RunStyle = {}): CardElement[] {
  return text
    .trim()
    .split(/\r?\n/)
    .map((each) => each.trim())
    .filter((each) => each !== "")
    .map((each, index) => line([run(each, style)], index === 0 ? undefined : "None"));
}

/** "Label: value" on one line, the label in bold; a value with line breaks continues below. */
export function labelled(label: string, value: string): CardElement[] {
  const [first = "", ...rest] = value
    .trim()
    .split(/\r?\n/)
    .map((each) => each.trim())
    .filter((each) => each !== "");
  return [
    line([run(`${label.trim()}: `, { weight: "Bolder" }), run(first || "–")], "Small"),
    ...rest.map((each) => line([run(each)], "None")),
  ];
}
