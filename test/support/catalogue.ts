/** Loads the real catalogue once per test file, and reads the reference facts tables for independent checks. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Catalogue } from "../../src/catalogue/catalogue.js";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { SearchEngine } from "../../src/search/engine.js";

export const ROOT = join(import.meta.dirname, "..", "..");
export const DATA_DIR = join(ROOT, "data");

let cached: { catalogue: Catalogue; search: SearchEngine } | undefined;

export function realCatalogue(): { catalogue: Catalogue; search: SearchEngine } {
  if (!cached) {
    const catalogue = loadCatalogue(DATA_DIR);
    cached = { catalogue, search: new SearchEngine(catalogue) };
  }
  return cached;
}

/** Rows of a facts table as plain objects, read here without the app's loader. */
export function factsTable(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(DATA_DIR, "facts", name), "utf8")
    .trim()
    .split("\n");
  const columns = (header ?? "").split("\t");
  return lines.map((line) => Object.fromEntries(line.split("\t").map((cell, i) => [columns[i], cell])));
}

export interface QuestionCase {
  q: string;
  expect: string[];
}

export function questionSet(file: string): QuestionCase[] {
  const raw = parse(readFileSync(join(ROOT, "test", "fixtures", file), "utf8")) as {
    q: string;
    expect: unknown[];
  }[];
  return raw.map(({ q, expect }) => ({ q, expect: expect.map(String) }));
}
