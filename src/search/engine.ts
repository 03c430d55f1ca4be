/**
 * Ranked search over the catalogue. fuse.js token search over weighted keys (id, title, everyday words, summary)
 * finds candidates with typo tolerance; a curated-phrase signal then rewards entries whose everyday words appear
 * in the question. Scores are between 0 and 1, higher is better.
 */
import Fuse, { type FuseIndex } from "fuse.js";
import type { Catalogue } from "../catalogue/catalogue.js";
import type { Entry } from "../catalogue/types.js";
import { contentWords, stem } from "./text.js";

export interface SearchHit {
  entry: Entry;
  score: number;
}

interface Document {
  entry: Entry;
  id: string[];
  title: string[];
  keywords: string[];
  summary: string;
  /** Each everyday phrase as its stemmed words, for the phrase signal. */
  phrases: string[][];
  titleWords: Set<string>;
}

export const SEARCH_KEYS = [
  { name: "id", weight: 1 },
  { name: "title", weight: 2.5 },
  { name: "keywords", weight: 3 },
  { name: "summary", weight: 0.8 },
] as const;

const FUSE_OPTIONS = {
  keys: SEARCH_KEYS.map((key) => ({ ...key })),
  includeScore: true,
  useTokenSearch: true,
  ignoreDiacritics: true,
  threshold: 0.3,
  minMatchCharLength: 2,
  tokenize: (text: string) => contentWords(text),
};

function toDocument(entry: Entry): Document {
  const titles = entry.kind === "control" ? [entry.title, ...entry.titleVariants] : [entry.title];
  return {
    entry,
    id: entry.kind === "control" ? [entry.id, entry.number] : [entry.id],
    title: titles,
    keywords: entry.keywords,
    summary: entry.summary,
    phrases: [...entry.keywords, entry.title].map((phrase) => contentWords(phrase)).filter((w) => w.length > 0),
    titleWords: new Set(titles.flatMap((title) => contentWords(title))),
  };
}

export class SearchEngine {
  private readonly documents: Document[];
  private readonly fuse: Fuse<Document>;
  private readonly vocabulary: Set<string>;
  private readonly speller: Fuse<string>;

  constructor(catalogue: Catalogue) {
    this.documents = [...catalogue.controls, ...catalogue.clauses].map(toDocument);
    const index: FuseIndex<Document> = Fuse.createIndex(FUSE_OPTIONS.keys, this.documents);
    this.fuse = new Fuse(this.documents, FUSE_OPTIONS, index);
    this.vocabulary = new Set(
      this.documents.flatMap((doc) => [...doc.phrases.flat(), ...contentWords(doc.summary)]),
    );
    this.speller = new Fuse([...this.vocabulary], { threshold: 0.34, includeScore: true, minMatchCharLength: 3 });
  }

  /** A word the catalogue does not know is replaced by the closest one it does ("bakup" → "backup"). */
  private correct(word: string): string {
    if (this.vocabulary.has(word) || word.length < 4 || /\d/.test(word)) return word;
    const best = this.speller.search(word, { limit: 1 })[0];
    return best ? best.item : word;
  }

  search(query: string, limit = 5): SearchHit[] {
    const words = contentWords(query).map((word) => this.correct(word));
    if (words.length === 0) return [];
    const present = new Set(words);
    const fuzzy = this.fuse.search(words.join(" "));
    const hits = fuzzy.map(({ item, score = 1 }) => {
      const phraseSignal = this.phraseSignal(item, present);
      const titleSignal = [...present].filter((word) => item.titleWords.has(word)).length / present.size;
      const combined = 0.45 * (1 - score) + 0.4 * phraseSignal + 0.15 * titleSignal;
      return { entry: item.entry, score: Math.round(Math.min(1, combined) * 1000) / 1000 };
    });
    return hits.sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id)).slice(0, limit);
  }

  /** How much of the question is covered by this entry's curated everyday phrases (0 to 1). */
  private phraseSignal(doc: Document, present: Set<string>): number {
    let covered = 0;
    const used = new Set<string>();
    for (const phrase of doc.phrases) {
      if (phrase.every((word) => present.has(word))) {
        for (const word of phrase) used.add(word);
        covered = Math.max(covered, phrase.length);
      }
    }
    if (used.size === 0) return 0;
    return Math.min(1, (used.size / present.size) * 0.7 + Math.min(covered, 3) * 0.1);
  }
}

export { stem };
