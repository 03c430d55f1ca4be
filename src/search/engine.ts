/**
 * Ranked search over the catalogue's controls, clauses and topics. Each entry is indexed by field, with weights: title, everyday words
 * (keywords), summary, and more lightly its purpose and guidance. Words are folded and stemmed; a word the
 * catalogue does not know is corrected with fuse.js (see speller.ts). A second signal rewards entries whose
 * curated everyday phrases appear whole in the question. Scores are between 0 and 1, higher is better.
 */
import type { Catalogue } from "../catalogue/catalogue.js";
import type { Searchable } from "../catalogue/types.js";
import { Speller } from "./speller.js";
import { contentWords, foldText, isStopWord, isWordNumber, stem } from "./text.js";

export interface SearchHit {
  entry: Searchable;
  score: number;
}

/** Field weights: everyday words count most, then the title, then our summary; purpose and guidance add recall. */
export const FIELD_WEIGHTS = { keywords: 3, title: 2.5, summary: 1, purpose: 0.5, guidance: 0.7 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
const BEST_FIELD = FIELD_WEIGHTS.keywords;
/** A word found in several fields of one entry counts a little more than in one, not several times more. */
const STACKING = 0.25;
/** How much of the score comes from curated everyday phrases found whole in the question. */
const PHRASE_SHARE = 0.45;
/** The best score words alone can reach: only an id named outright scores 1. */
export const MAX_WORD_SCORE = 0.99;
/** How much a topic's score keeps when none of its everyday phrases is in the question. */
const TOPIC_WITHOUT_PHRASE = 0.6;
const ASKS_FOR_MEANING = /\bmean(?:s|ing)?\b|\bdefin(?:e|ition)\b|\bstand for\b/;
/** Below this share of recognised words ("qwxz flibber": one word unknown, one far-fetched), a match is only a guess. */
const HALF_UNDERSTOOD = 0.5;
const KIND_ORDER = { topic: 0, clause: 1, control: 2 } as const;
/** The share of the everyday-words weight a word gets when its phrase is only partly in the question. */
const PARTIAL_PHRASE = 0.75;

interface IndexedEntry {
  entry: Searchable;
  fields: Record<Field, Set<string>>;
  /** Each everyday phrase (and the title) as its stemmed words. */
  phrases: string[][];
  /** Everyday words that are a phrase on their own ("vpn", "backup"). */
  singleWords: Set<string>;
}

function fieldTexts(entry: Searchable): Record<Field, string[]> {
  if (entry.kind === "topic") {
    // A topic's points weigh like a control's purpose: they add recall, the everyday words and title lead.
    return {
      keywords: entry.keywords,
      title: [entry.title],
      summary: [entry.summary],
      purpose: entry.points,
      guidance: [],
    };
  }
  const titles = entry.kind === "control" ? [entry.title, ...entry.titleVariants] : [entry.title];
  const guidance = entry.kind === "control" ? entry.guidance : entry.documentedInformation;
  return {
    keywords: entry.keywords,
    title: titles,
    summary: [entry.summary],
    purpose: [entry.purpose],
    guidance,
  };
}

function indexEntry(entry: Searchable): IndexedEntry {
  const texts = fieldTexts(entry);
  const fields = Object.fromEntries(
    Object.entries(texts).map(([field, list]) => [
      field,
      new Set(list.flatMap((text) => contentWords(text))),
    ]),
  ) as Record<Field, Set<string>>;
  const phrases = [...texts.keywords, ...texts.title]
    .map((phrase) => contentWords(phrase))
    .filter((w) => w.length);
  const singleWords = new Set(phrases.filter((phrase) => phrase.length === 1).flat());
  return { entry, fields, phrases, singleWords };
}

interface QueryWord {
  word: string;
  /** 1 for a word the catalogue knows, less for a corrected or prefix-matched one. */
  confidence: number;
}

export class SearchEngine {
  private readonly entries: IndexedEntry[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly speller: Speller;
  /** For each word, the positions (ascending) of the entries that have it in any field: only those can score. */
  private readonly postings = new Map<string, number[]>();
  /** Each raw word of past questions, resolved: its stem and confidence, or null when it is dropped. */
  private readonly resolved = new Map<string, QueryWord | null>();

  constructor(catalogue: Catalogue) {
    this.entries = [...catalogue.controls, ...catalogue.clauses, ...catalogue.topics].map(indexEntry);
    this.entries.forEach(({ fields }, position) => {
      const words = new Set(Object.values(fields).flatMap((set) => [...set]));
      for (const word of words) {
        this.documentFrequency.set(word, (this.documentFrequency.get(word) ?? 0) + 1);
        const list = this.postings.get(word);
        if (list === undefined) this.postings.set(word, [position]);
        else list.push(position);
      }
    });
    const rawWords = this.entries.flatMap(({ entry }) =>
      Object.values(fieldTexts(entry)).flatMap((texts) => texts.flatMap((text) => foldText(text).split(" "))),
    );
    this.speller = new Speller(new Set(rawWords.filter((word) => word.length >= 3 && !isStopWord(word))));
  }

  search(query: string, limit = 5): SearchHit[] {
    const { words, understood } = this.understand(query);
    if (words.length === 0) return [];
    // "What does integrity mean?" asks about a concept, where a topic is the right answer even on a word alone.
    const definition = ASKS_FOR_MEANING.test(foldText(query));
    const present = new Set(words.map((w) => w.word));
    const idf = (word: string) => {
      const df = this.documentFrequency.get(word) ?? 0;
      return Math.log(1 + (this.entries.length - df + 0.5) / (df + 0.5));
    };
    const weights = new Map(words.map(({ word }) => [word, idf(word)]));
    const maximum = words.reduce((sum, { word }) => sum + (weights.get(word) ?? 0) * BEST_FIELD, 0);
    const hits: SearchHit[] = [];
    // Only entries sharing a word with the question can score above 0; the others were skipped below anyway.
    const candidates = new Set<number>();
    for (const { word } of words)
      for (const position of this.postings.get(word) ?? []) candidates.add(position);
    for (const position of [...candidates].sort((a, b) => a - b)) {
      const indexed = this.entries[position] as IndexedEntry;
      const phrases = this.matchPhrases(indexed, present);
      let text = 0;
      for (const { word, confidence } of words) {
        let best = 0;
        let rest = 0;
        for (const field of Object.keys(FIELD_WEIGHTS) as Field[]) {
          if (!indexed.fields[field].has(word)) continue;
          // A word from an everyday phrase counts fully only when the whole phrase is in the question:
          // "new" (from "new regulation") and "laptop" (from "travel with laptop") do not make "new laptop".
          const partial = field === "keywords" && !phrases.words.has(word) && !indexed.singleWords.has(word);
          const weight = partial ? FIELD_WEIGHTS.keywords * PARTIAL_PHRASE : FIELD_WEIGHTS[field];
          rest += Math.min(best, weight);
          best = Math.max(best, weight);
        }
        text += (weights.get(word) ?? 0) * (best + STACKING * rest) * confidence;
      }
      if (text === 0) continue;
      const textSignal = Math.min(1, text / maximum);
      const combined = (1 - PHRASE_SHARE) * textSignal + PHRASE_SHARE * phrases.signal;
      // A question only partly understood (unknown or corrected words) cannot be answered with full confidence.
      // Only an id named outright scores 1 (see lookup.ts); words alone stop just short of it.
      // A topic explains a concept: it should win when the question names that concept (one of its everyday
      // phrases), not because a word of it ("detect", "availability") also fits a control.
      const weight =
        indexed.entry.kind === "topic" && phrases.signal === 0 && !definition ? TOPIC_WITHOUT_PHRASE : 1;
      const score = Math.min(
        MAX_WORD_SCORE,
        combined * (understood < HALF_UNDERSTOOD ? 0.5 * understood : 0.4 + 0.6 * understood) * weight,
      );
      hits.push({ entry: indexed.entry, score: Math.round(score * 1000) / 1000 });
    }
    // On a tie a topic goes first: it explains the concept and links to the clauses and controls it ties with.
    return hits
      .sort(
        (a, b) =>
          b.score - a.score ||
          KIND_ORDER[a.entry.kind] - KIND_ORDER[b.entry.kind] ||
          a.entry.id.localeCompare(b.entry.id),
      )
      .slice(0, limit);
  }

  /**
   * The question's meaningful words, each known to the catalogue, corrected, or dropped; `understood` is the share
   * of its meaningful words that were recognised (corrected ones count a little less).
   */
  private understand(query: string): { words: QueryWord[]; understood: number } {
    let meaningful = 0;
    let recognised = 0;
    const seen = new Set<string>();
    const words: QueryWord[] = [];
    for (const raw of foldText(query).split(" ")) {
      if (raw.length < 2 || isStopWord(raw)) continue;
      // A number counts only when the catalogue has it ("93", "27005"); others ("3 laptops") are neither help nor harm.
      if (/^\d+$/.test(raw) && !(isWordNumber(raw) && this.documentFrequency.has(raw))) continue;
      meaningful++;
      const resolved = this.resolve(raw);
      if (resolved === null) continue;
      const { word, confidence } = resolved;
      recognised += confidence;
      if (seen.has(word)) continue;
      seen.add(word);
      words.push({ word, confidence });
    }
    return { words, understood: meaningful === 0 ? 0 : recognised / meaningful };
  }

  /** A raw question word as its stem, corrected if the catalogue does not know it; null when nothing is close. */
  private resolve(raw: string): QueryWord | null {
    const cached = this.resolved.get(raw);
    if (cached !== undefined) return cached;
    let result: QueryWord | null;
    const word = stem(raw);
    if (this.documentFrequency.has(word) || this.speller.knows(raw)) {
      result = { word, confidence: 1 };
    } else {
      const correction = this.speller.correct(raw);
      result = correction ? { word: stem(correction.word), confidence: 1 - 0.15 * correction.edits } : null;
    }
    // Questions are free text: the memo is bounded so that odd words cannot grow it without end.
    if (this.resolved.size >= 20_000) this.resolved.clear();
    this.resolved.set(raw, result);
    return result;
  }

  /**
   * The entry's curated everyday phrases found whole in the question: their words, and how much of the question
   * they cover (0 to 1).
   */
  private matchPhrases(indexed: IndexedEntry, present: Set<string>): { signal: number; words: Set<string> } {
    let longest = 0;
    const used = new Set<string>();
    for (const phrase of indexed.phrases) {
      if (phrase.every((word) => present.has(word))) {
        for (const word of phrase) used.add(word);
        longest = Math.max(longest, phrase.length);
      }
    }
    if (used.size === 0) return { signal: 0, words: used };
    return {
      signal: Math.min(1, (used.size / present.size) * 0.7 + Math.min(longest, 3) * 0.1),
      words: used,
    };
  }
}
