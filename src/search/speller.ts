/**
 * Typo tolerance: a word the catalogue does not know is matched to the closest word it does ("bakups" → "backup",
 * "managment" → "management") with fuse.js. The vocabulary is split by first letter so that one look-up stays
 * well under a millisecond; a typo in the first letter is tried against the whole vocabulary only when needed.
 */
import Fuse from "fuse.js";

const OPTIONS = { threshold: 0.34, includeScore: true, minMatchCharLength: 3, ignoreLocation: false };

export class Speller {
  private readonly byFirstLetter = new Map<string, Fuse<string>>();

  constructor(private readonly vocabulary: ReadonlySet<string>) {
    const groups = new Map<string, string[]>();
    for (const word of vocabulary) {
      const letter = word[0] ?? "";
      groups.set(letter, [...(groups.get(letter) ?? []), word]);
    }
    for (const [letter, words] of groups) this.byFirstLetter.set(letter, new Fuse(words, OPTIONS));
  }

  knows(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** The closest known word, or undefined when nothing is close enough. */
  suggest(word: string): { word: string; closeness: number } | undefined {
    if (word.length < 4 || /\d/.test(word)) return undefined;
    const best = this.byFirstLetter.get(word[0] ?? "")?.search(word, { limit: 1 })[0];
    if (!best) return undefined;
    return { word: best.item, closeness: 1 - (best.score ?? 1) };
  }
}
