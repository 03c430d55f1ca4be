/**
 * Typo tolerance: a word the catalogue does not know is matched to the closest word it does ("bakups" → "backups",
 * "managment" → "management"). fuse.js proposes candidates from the catalogue's own words (split by first letter, so
 * a look-up stays well under a millisecond); an edit-distance check then keeps only true near-misses, so that
 * nonsense ("xyzzy", "plugh") is not turned into a confident answer.
 */
import Fuse from "fuse.js";

const FUSE_OPTIONS = { threshold: 0.4, includeScore: true, minMatchCharLength: 3 };

/** Edits (insert, delete, substitute, swap two neighbours) needed to turn a into b. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** How many edits a word of this length may be off by and still count as a typo. */
function allowedEdits(length: number): number {
  if (length < 4) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

export interface Correction {
  word: string;
  edits: number;
}

export class Speller {
  private readonly byFirstLetter = new Map<string, Fuse<string>>();

  constructor(private readonly vocabulary: ReadonlySet<string>) {
    const groups = new Map<string, string[]>();
    for (const word of vocabulary) {
      const letter = word[0] ?? "";
      groups.set(letter, [...(groups.get(letter) ?? []), word]);
    }
    for (const [letter, words] of groups) this.byFirstLetter.set(letter, new Fuse(words, FUSE_OPTIONS));
  }

  knows(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** The closest known word within the allowed edits, or undefined. */
  correct(word: string): Correction | undefined {
    const allowed = allowedEdits(word.length);
    if (allowed === 0 || /\d/.test(word)) return undefined;
    const candidates = this.byFirstLetter.get(word[0] ?? "")?.search(word, { limit: 8 }) ?? [];
    let best: Correction | undefined;
    for (const { item } of candidates) {
      const edits = editDistance(word, item);
      if (edits <= allowed && (!best || edits < best.edits)) best = { word: item, edits };
    }
    return best;
  }
}
