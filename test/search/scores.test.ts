import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONFIDENT_SCORE } from "../../src/core/answers/search-answer.js";
import { lookup } from "../../src/search/lookup.js";
import { realCatalogue } from "../support/catalogue.js";

const { catalogue, search } = realCatalogue();

describe("search scores", () => {
  it("are between 0 and 1, best first, for any text at all", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200, unit: "binary" }),
        fc.integer({ min: 1, max: 20 }),
        (query, limit) => {
          const results = lookup(catalogue, search, query, limit);
          expect(results.length).toBeLessThanOrEqual(limit);
          for (const [index, result] of results.entries()) {
            expect(result.score).toBeGreaterThanOrEqual(0);
            expect(result.score).toBeLessThanOrEqual(1);
            if (index > 0) expect(result.score).toBeLessThanOrEqual(results[index - 1]?.score ?? 1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("give an exact id the full score", () => {
    expect(lookup(catalogue, search, "A.8.9")[0]).toEqual({
      kind: "control",
      id: "A.8.9",
      title: "Configuration management",
      score: 1,
    });
  });

  it("stay below the confidence line for nonsense, so the bot says it is not sure", () => {
    for (const nonsense of ["xyzzy plugh", "lorem ipsum dolor", "qwertyuiop", "blorp the snazzle"]) {
      const best = lookup(catalogue, search, nonsense)[0];
      expect(best?.score ?? 0, nonsense).toBeLessThan(CONFIDENT_SCORE);
    }
  });

  it("stay above the confidence line for clear questions", () => {
    for (const clear of ["password manager", "visitor badge", "ransomware", "shredding paper"]) {
      expect(lookup(catalogue, search, clear)[0]?.score ?? 0, clear).toBeGreaterThanOrEqual(CONFIDENT_SCORE);
    }
  });
});
