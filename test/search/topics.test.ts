/**
 * Concept topics are found in employees' words: every topic by each everyday phrasing in
 * test/fixtures/topic-questions.yaml (at least two per topic), first, alongside clauses and controls.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { lookup } from "../../src/search/lookup.js";
import { ROOT, realCatalogue } from "../support/catalogue.js";

const { catalogue, search } = realCatalogue();
const phrasings = parse(readFileSync(join(ROOT, "test", "fixtures", "topic-questions.yaml"), "utf8")) as {
  topic: string;
  questions: string[];
}[];

describe("concept topics in everyday words", () => {
  it("every topic has at least two everyday phrasings to be found by, and no phrasing names an unknown topic", () => {
    const covered = new Map(phrasings.map(({ topic, questions }) => [topic, questions.length]));
    for (const topic of catalogue.topics)
      expect(covered.get(topic.id) ?? 0, topic.id).toBeGreaterThanOrEqual(2);
    for (const { topic } of phrasings) expect(catalogue.topic(topic), topic).toBeDefined();
    expect(catalogue.topics.length).toBeGreaterThanOrEqual(15);
  });

  it.each(phrasings.flatMap(({ topic, questions }) => questions.map((question) => ({ topic, question }))))(
    "'$question' finds the topic $topic first",
    ({ topic, question }) => {
      const [first] = lookup(catalogue, search, question, 3);
      expect(first).toMatchObject({ kind: "topic", id: topic });
    },
  );

  it("the issue's own questions find their topics", () => {
    const first = (question: string) => lookup(catalogue, search, question, 1)[0]?.id;
    expect(first("what's the difference between 27001 and 27002?")).toBe("27001-vs-27002");
    expect(first("do we need all 93 controls?")).toBe("risk-based-selection");
    expect(first("what is a Statement of Applicability?")).toBe("statement-of-applicability");
    expect(first("what changed in 2022 and when did the transition end?")).toBe("revision-2022");
  });

  it("questions about one control still find the control, not a topic", () => {
    const first = (question: string) => lookup(catalogue, search, question, 1)[0];
    expect(first("can I work from a café?")).toMatchObject({ kind: "control", id: "A.6.7" });
    expect(first("how often should we test our backups")).toMatchObject({ kind: "control", id: "A.8.13" });
    expect(first("what does A.8.9 require")).toMatchObject({ kind: "control", id: "A.8.9" });
  });
});
