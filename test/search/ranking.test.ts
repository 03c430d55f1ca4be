import { describe, expect, it } from "vitest";
import { lookup } from "../../src/search/lookup.js";
import { questionSet, realCatalogue } from "../support/catalogue.js";

const { catalogue, search } = realCatalogue();

function accuracy(file: string) {
  const questions = questionSet(file);
  const misses: string[] = [];
  let top1 = 0;
  let top3 = 0;
  for (const { q, expect: wanted } of questions) {
    const ids = lookup(catalogue, search, q, 3).map((result) => result.id);
    if (wanted.includes(ids[0] ?? "")) top1++;
    if (ids.some((id) => wanted.includes(id))) top3++;
    else misses.push(`${q} → ${ids.join(", ")} (wanted ${wanted.join(" or ")})`);
  }
  return { count: questions.length, top1: top1 / questions.length, top3: top3 / questions.length, misses };
}

describe("ranking everyday questions", () => {
  it("finds the right control or clause for questions in employees' words (tuning set)", () => {
    const result = accuracy("everyday-questions.yaml");
    expect(result.count).toBeGreaterThanOrEqual(60);
    expect(result.top3, result.misses.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(result.top1).toBeGreaterThanOrEqual(0.8);
  });

  it("does nearly as well on questions it was never tuned on (held-out set)", () => {
    const result = accuracy("held-out-questions.yaml");
    expect(result.count).toBeGreaterThanOrEqual(60);
    expect(result.top3, result.misses.join("\n")).toBeGreaterThanOrEqual(0.85);
    expect(result.top1).toBeGreaterThanOrEqual(0.7);
  });

  it.each([
    ["can I work from a café on my laptop?", "A.6.7"],
    ["configuraton managment", "A.8.9"],
    ["bakups", "A.8.13"],
    ["mfa", "A.8.5"],
    ["usb stick", "A.7.10"],
    ["how often do we need an internal audit", "9.2 or 9.2.1"],
  ])("answers %j with %s first", (question, ids) => {
    expect(ids.split(" or ")).toContain(lookup(catalogue, search, question, 3)[0]?.id);
  });
});
