/**
 * Second review of issue 8, the topics' wording: every sentence in data/ is our own. The four-themes topic gives
 * ISO/IEC 27002's own rule for sorting controls into themes in the standard's own shape and words (people "if they
 * concern individual people", physical "if they concern physical objects", technological "if they concern technology",
 * "otherwise" organizational), only turned from plural to singular; it should say the same in our own way.
 */
import { describe, expect, it } from "vitest";
import { realCatalogue } from "../support/catalogue.js";

const { catalogue } = realCatalogue();

describe("the four-themes topic", () => {
  it("does not restate 27002's theme rule in the standard's words", () => {
    const topic = catalogue.topic("four-themes");
    const text = [topic?.summary ?? "", ...(topic?.points ?? [])].join("\n");
    expect(text).toContain("Organizational");
    expect(text).not.toMatch(/if (?:it|they) concerns? physical objects/i);
    expect(text).not.toMatch(/if (?:it|they) concerns? technology/i);
  });
});
