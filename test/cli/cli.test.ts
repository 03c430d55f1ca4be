import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DATA_DIR } from "../support/catalogue.js";
import { runIsms } from "../support/run-cli.js";
import { tempDir } from "../support/temp.js";

const folder = tempDir();
afterAll(() => folder.remove());

describe("isms search", () => {
  it("prints the documented JSON, best first, scores between 0 and 1", async () => {
    const run = await runIsms(["search", "can I work from a café on my laptop?", "--json", "--limit", "3"]);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer.query).toBe("can I work from a café on my laptop?");
    expect(answer.results).toHaveLength(3);
    expect(answer.results[0]).toMatchObject({ kind: "control", id: "A.6.7", title: "Remote working" });
    for (const result of answer.results) {
      expect(Object.keys(result).sort()).toEqual(["id", "kind", "score", "title"]);
      expect(result.score).toBeGreaterThan(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
    expect(answer.results[0].score).toBeGreaterThanOrEqual(answer.results[1].score);
  });

  it("reads one query per line from stdin and prints one JSON line each", async () => {
    const run = await runIsms(["search"], { input: "A.8.9\nclause 9.2\n\nbakups\n" });
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.query, line.results[0].id, line.results[0].kind])).toEqual([
      ["A.8.9", "A.8.9", "control"],
      ["clause 9.2", "9.2", "clause"],
      ["bakups", "A.8.13", "control"],
    ]);
  });

  it("says which 2022 control replaced a 2013 id", async () => {
    const run = await runIsms(["search", "A.12.1.2", "--json"]);
    expect(JSON.parse(run.stdout).results[0]).toMatchObject({
      id: "A.8.32",
      score: 1,
      note: "replaces A.12.1.2 Change management (2013)",
    });
  });

  it("prints readable lines without --json", async () => {
    const run = await runIsms(["search", "5.1"]);
    expect(run.stdout.split("\n").slice(0, 2)).toEqual([
      '5.1      1.00  Leadership and commitment  ("5.1" is both clause 5.1 and control A.5.1)',
      'A.5.1    1.00  Policies for information security  ("5.1" is both clause 5.1 and control A.5.1)',
    ]);
  });

  it("lists each entry once, even when two ids lead to it", async () => {
    const run = await runIsms(["search", "A.12.1.2 A.14.2.2", "--json"]);
    const ids = JSON.parse(run.stdout).results.map((result: { id: string }) => result.id);
    expect(ids[0]).toBe("A.8.32");
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("refuses an empty query", async () => {
    const run = await runIsms(["search", " "]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("isms: give a query, for example: isms search backup\n");
  });

  it("refuses a bad --limit with a one-line reason", async () => {
    const run = await runIsms(["search", "backup", "--limit", "zero"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^isms: .*--limit.*whole number/);
  });
});

describe("isms control and isms clause", () => {
  it("print the full record of a control as JSON", async () => {
    const run = await runIsms(["control", "a.8.9", "--json"]);
    expect(run.code).toBe(0);
    const control = JSON.parse(run.stdout);
    expect(control).toMatchObject({
      id: "A.8.9",
      title: "Configuration management",
      theme: "Technological",
      newIn2022: true,
    });
    expect(control.attributes.capabilities).toEqual(["Secure_configuration"]);
    expect(control.guidance.length).toBeGreaterThanOrEqual(3);
    expect(control.replaces).toEqual([]);
  });

  it("print a control for people to read", async () => {
    const run = await runIsms(["control", "8.13"]);
    expect(run.stdout).toMatch(/^A\.8\.13 Information backup\n/);
    expect(run.stdout).toMatch(/Replaces 2013 control A\.12\.3\.1 Information backup/);
  });

  it("answer a 2013 id with its successor", async () => {
    const run = await runIsms(["control", "A.12.1.2", "--json"]);
    const answer = JSON.parse(run.stdout);
    expect(answer.id2013).toBe("A.12.1.2");
    expect(answer.replacedBy.map((control: { id: string }) => control.id)).toEqual(["A.8.32"]);
  });

  it("print a clause with its documented information", async () => {
    const run = await runIsms(["clause", "9.2.2", "--json"]);
    const clause = JSON.parse(run.stdout);
    expect(clause).toMatchObject({ id: "9.2.2", title: "Internal audit programme", parent: "9.2" });
    expect(clause.documentedInformation.length).toBeGreaterThan(0);
  });

  it.each([
    [["control", "A.8.35"], /^isms: no control A\.8\.35 .*Did you mean A\.8\.34, A\.8\.33, A\.8\.32\?$/],
    [["control", "backup"], /^isms: "backup" is not a control id.*Did you mean A\.8\.13 Information backup/],
    [["clause", "9.9"], /^isms: no clause 9\.9 .*Did you mean/],
    [["clause", "banana"], /^isms: "banana" is not a clause id/],
    [["serch", "backup"], /^isms: unknown command 'serch' \(Did you mean search\?\)$/],
    [["control", "9.1"], /^isms: no control A\.9\.1 .* 9\.1 is a clause: try isms clause 9\.1\.$/],
    [["clause", "A.5.1"], /^isms: "A\.5\.1" is a control, not a clause: try isms control A\.5\.1\.$/],
    [["clause", "x\ny"], /^isms: "x y" is not a clause id/],
    [["control", "\u001b[31mRED\u0007"], /^isms: "\[31mRED" is not a control id/],
  ])("%j fails with one line and a non-zero exit", async (args, message) => {
    const run = await runIsms(args);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(message);
  });
});

describe("start-up with an invalid catalogue", () => {
  it("stops with the file and the entry named, and no stack trace", async () => {
    const data = join(folder.path, "data");
    cpSync(DATA_DIR, data, { recursive: true });
    writeFileSync(join(data, "controls", "zz-broken.yaml"), "- id: A.8.9\n  summary: too short\n");
    const run = await runIsms(["control", "8.9"], { env: { ISMS_DATA_DIR: data } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^isms: the catalogue is invalid: data\/controls\/zz-broken\.yaml, entry A\.8\.9 \(#1\): /,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
