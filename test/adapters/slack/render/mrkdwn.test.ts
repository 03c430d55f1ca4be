import { describe, expect, it } from "vitest";
import { escapeMrkdwn, splitText, truncate } from "../../../../adapters/slack/render/mrkdwn.js";

describe("escapeMrkdwn", () => {
  it("turns mentions and links into text that notifies no one", () => {
    expect(escapeMrkdwn("<!channel> & <@U1> <https://evil.example|click>")).toBe(
      "&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://evil.example|click&gt;",
    );
  });

  it("escapes an ampersand that already looks like an entity, so it shows as typed", () => {
    expect(escapeMrkdwn("&lt;")).toBe("&amp;lt;");
  });

  it("leaves ordinary text alone", () => {
    expect(escapeMrkdwn("A.8.13 Information backup: *daily*")).toBe("A.8.13 Information backup: *daily*");
  });
});

describe("truncate", () => {
  it("returns text within the limit unchanged", () => {
    expect(truncate("Information backup", 18)).toBe("Information backup");
  });

  it("cuts at a word boundary and ends with an ellipsis", () => {
    expect(truncate("Information security policies and procedures", 24)).toBe("Information security…");
  });

  it("keeps a word that ends exactly at the limit", () => {
    expect(truncate("Backup policy reviewed yearly", 14)).toBe("Backup policy…");
  });

  it("cuts inside a word when there is no space to cut at", () => {
    const cut = truncate("x".repeat(100), 10);
    expect(cut).toBe(`${"x".repeat(9)}…`);
  });

  it("never leaves half an escape sequence or half an emoji", () => {
    expect(truncate("abcdefgh&amp;xyz", 11)).toBe("abcdefgh…");
    expect(truncate("abcdefgh🔒 padlock", 10)).toBe("abcdefgh…");
  });

  it("is never longer than the limit", () => {
    for (const max of [1, 2, 5, 24, 75]) {
      expect(
        truncate("Access control for source code repositories".repeat(3), max).length,
      ).toBeLessThanOrEqual(max);
    }
  });
});

describe("splitText", () => {
  it("splits 3,001 characters into two pieces of at most 3,000, losing no word", () => {
    const text = `${"risk ".repeat(600)}x`;
    expect(text.length).toBe(3001);
    const pieces = splitText(text, 3000);
    expect(pieces).toHaveLength(2);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(3000);
    expect(pieces.join(" ")).toBe(text);
  });

  it("prefers a line break to a space", () => {
    const text = `${"a ".repeat(30)}\n${"b ".repeat(10)}`.trim();
    expect(splitText(text, 70)[0]).toBe("a ".repeat(30).trim());
  });

  it("returns a single piece for short text and none for blank text", () => {
    expect(splitText("Backups run nightly.", 3000)).toEqual(["Backups run nightly."]);
    expect(splitText("  \n ", 3000)).toEqual([]);
  });

  it("does not split an escape sequence between pieces", () => {
    const pieces = splitText(`${"x".repeat(8)}&amp;${"y".repeat(8)}`, 10);
    expect(pieces.join("")).toBe(`${"x".repeat(8)}&amp;${"y".repeat(8)}`);
    for (const piece of pieces) expect(piece).not.toMatch(/&(a|am|amp|l|lt|g|gt)?$/);
  });
});
