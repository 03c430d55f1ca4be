/**
 * Review of issue 8, concept topics: everyday phrasings (not those in test/fixtures) that should find their topic
 * first (and confidently enough for the bot to answer with it), and everyday control questions that a topic should not take from the control.
 */
import { describe, expect, it } from "vitest";
import { CONFIDENT_SCORE } from "../../src/core/answers/search-answer.js";
import { lookup } from "../../src/search/lookup.js";
import { realCatalogue } from "../support/catalogue.js";

const { catalogue, search } = realCatalogue();
const first = (question: string) => lookup(catalogue, search, question, 1)[0];

describe("topics found in an employee's words", () => {
  it.each([
    ["must we implement every single control in annex a?", "risk-based-selection"],
    ["do we have to implement all the controls?", "risk-based-selection"],
    ["do we need to do every control?", "risk-based-selection"],
    ["what's the difference between the clauses and annex a", "clauses-vs-annex-a"],
    ["what is a recertification audit", "certification-cycle"],
    ["do we get audited every year after certification", "certification-cycle"],
    ["what happened to the 114 controls", "revision-2022"],
    ["is there a standard for cloud providers", "related-standards"],
    ["how do we get iso 27001 certified step by step", "implementation-steps"],
    ["what should we avoid when implementing iso 27001", "common-mistakes"],
    ["what are the four categories of controls", "four-themes"],
  ])("'%s' finds the topic %s first, confidently enough to answer with it", (question, topic) => {
    expect(first(question)).toMatchObject({ kind: "topic", id: topic });
    expect(first(question)?.score).toBeGreaterThanOrEqual(CONFIDENT_SCORE);
  });
});

describe("control questions stay with the controls", () => {
  it.each([
    ["how do we detect attacks", ["A.8.16", "A.8.15", "A.5.25", "A.5.24"]],
    ["how do we protect availability of our systems", ["A.8.14", "A.5.30", "A.8.13", "A.5.29", "A.8.6"]],
  ])("'%s' is answered by a control, not by a topic about attributes", (question, controls) => {
    expect(controls).toContain(first(question)?.id);
  });
});
