/**
 * The topics' figures are facts: every "Value (N" a topic gives for a theme or an attribute value is the number of
 * controls the facts tables give it, and every id a topic's text names exists.
 */
import { describe, expect, it } from "vitest";
import { ATTRIBUTE_VALUES, type AttributeFamily, THEMES } from "../../src/catalogue/types.js";
import { realCatalogue } from "../support/catalogue.js";

const { catalogue } = realCatalogue();

function counted(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const theme of THEMES)
    counts.set(theme, catalogue.controls.filter((control) => control.theme === theme).length);
  for (const family of Object.keys(ATTRIBUTE_VALUES) as AttributeFamily[]) {
    for (const value of ATTRIBUTE_VALUES[family]) {
      counts.set(
        value,
        catalogue.controls.filter((control) => control.attributes[family].includes(value)).length,
      );
    }
  }
  return counts;
}

describe("the topics' facts", () => {
  const texts = catalogue.topics.map((topic) => ({
    id: topic.id,
    text: [topic.summary, ...topic.points].join("\n"),
  }));

  it("give each theme and attribute value the number of controls the facts tables give it", () => {
    const counts = counted();
    let checked = 0;
    for (const { id, text } of texts) {
      for (const [, value, figure] of text.matchAll(/\b([A-Z][A-Za-z_]+) \((\d+)/g)) {
        const expected = counts.get(value ?? "");
        if (expected === undefined) continue;
        expect(Number(figure), `${id}: ${value} (${figure}`).toBe(expected);
        checked++;
      }
    }
    // Themes and every attribute value are counted somewhere in the topics.
    expect(checked).toBeGreaterThanOrEqual(35);
  });

  it("name only controls and clauses that exist", () => {
    for (const { id, text } of texts) {
      for (const [named] of text.matchAll(/\bA\.\d+(?:\.\d+)+/g)) {
        // A 2022 control, or a 2013 one named as such ("what replaced A.12.1.2?").
        expect(catalogue.control(named) ?? catalogue.legacy(named), `${id}: ${named}`).toBeDefined();
      }
      for (const [, clause] of text.matchAll(/\bclauses? (\d+(?:\.\d+)*)/g)) {
        expect(catalogue.clause(clause ?? ""), `${id}: clause ${clause}`).toBeDefined();
      }
    }
  });

  it("state the 2022 revision's figures and the end of the transition", () => {
    const revision = texts.find((topic) => topic.id === "revision-2022")?.text ?? "";
    expect(revision).toMatch(/\b93\b/);
    expect(revision).toMatch(/\b114\b/);
    expect(revision).toMatch(/\b11\b/);
    expect(revision).toMatch(/31 October 2025/);
    expect(catalogue.newControls).toHaveLength(11);
    expect(catalogue.legacyControls).toHaveLength(114);
  });
});
