import { describe, expect, it } from "vitest";
import { findIdMentions } from "../../src/search/ids.js";
import { resolveIds } from "../../src/search/resolve-ids.js";
import { realCatalogue } from "../support/catalogue.js";

const { catalogue } = realCatalogue();

/** What a person typing `text` is shown: the canonical ids of the entries found, and how they were found. */
function understood(text: string): string[] {
  return resolveIds(catalogue, text).map((match) => {
    switch (match.type) {
      case "control":
        return match.control.id;
      case "clause":
        return `clause ${match.clause.id}`;
      case "ambiguous":
        return `both clause ${match.clause.id} and ${match.control.id}`;
      case "legacy":
        return `${match.legacy.id} → ${match.successors.map((c) => c.id).join(" + ")}`;
      case "unknown":
        return `unknown ${match.text} (${match.suggestions.join(", ")})`;
      default:
        throw new Error("unexpected match");
    }
  });
}

describe("the id parser", () => {
  it.each([
    ["A.8.9"],
    ["a.8.9"],
    ["A 8 9"],
    ["A8.9"],
    ["control 8.9"],
    ["Control A.8.9"],
    ["annex a 8.9"],
    ["what does A.8.9 require?"],
    ["8.9"],
  ])("reads %j as control A.8.9", (text) => {
    expect(understood(text)).toEqual(["A.8.9"]);
  });

  it.each([
    ["clause 6.1.3", "clause 6.1.3"],
    ["6.1.3", "clause 6.1.3"],
    ["Clause 9.2", "clause 9.2"],
    ["cl. 10.2", "clause 10.2"],
    ["clause 6", "clause 6"],
    ["9.3.2 inputs", "clause 9.3.2"],
  ])("reads %j as %s", (text, expected) => {
    expect(understood(text)).toEqual([expected]);
  });

  it("answers with both when a number is a clause and a control", () => {
    expect(understood("5.1")).toEqual(["both clause 5.1 and A.5.1"]);
    expect(understood("what is 8.1")).toEqual(["both clause 8.1 and A.8.1"]);
    expect(understood("control 5.1")).toEqual(["A.5.1"]);
    expect(understood("clause 5.1")).toEqual(["clause 5.1"]);
  });

  it("turns 2013 ids into the 2022 controls that replaced them", () => {
    expect(understood("what replaced A.12.1.2?")).toEqual(["A.12.1.2 → A.8.32"]);
    expect(understood("A.18.2.3")).toEqual(["A.18.2.3 → A.5.36 + A.8.8"]);
    expect(understood("a 6 2 2")).toEqual(["A.6.2.2 → A.6.7"]);
    expect(understood("12.6.1")).toEqual(["A.12.6.1 → A.8.8"]);
  });

  it("says so when an id does not exist, with the nearest ones", () => {
    expect(understood("A.8.35")).toEqual(["unknown A.8.35 (A.8.34, A.8.33, A.8.32)"]);
    expect(understood("A.19.1.1")[0]).toMatch(/^unknown A\.19\.1\.1/);
  });

  it("reads ids typed with a section sign or full-width characters", () => {
    expect(understood("§ 9.2")).toEqual(["clause 9.2"]);
    expect(understood("Ａ．８．９")).toEqual(["A.8.9"]);
  });

  it("keeps ids apart that are separated only by a space", () => {
    expect(understood("A.5.15 5.16 and 5.18")).toEqual(["A.5.15", "A.5.16", "A.5.18"]);
  });

  it("does not take quantities, times or versions for ids", () => {
    for (const text of [
      "we had a 9.5 hour outage, do we report it",
      "we had a 5.5 hour outage",
      "is a 6.5 GB backup ok",
      "8.5 GB of backups",
      "meeting at 10.30 about access control",
      "Windows 10.1 patch",
      "laptop section 3 of the handbook",
    ]) {
      expect(understood(text), text).toEqual([]);
    }
  });

  it("does not take ordinary numbers for ids", () => {
    expect(understood("I have a 2 year old laptop")).toEqual([]);
    expect(understood("version 1.5 of the policy")).toEqual([]);
    expect(understood("we upgraded node 20.1")).toEqual([]);
    expect(understood("ISO 27001:2022")).toEqual([]);
  });

  it("finds several ids in one message, in order, each once", () => {
    expect(findIdMentions("compare A.5.15 and A.8.3, then A.5.15 again").map((m) => m.number)).toEqual([
      "5.15",
      "8.3",
    ]);
  });
});
