import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/catalogue.js";

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((item) =>
    item.isDirectory()
      ? sourceFiles(join(folder, item.name))
      : item.name.endsWith(".ts")
        ? [join(folder, item.name)]
        : [],
  );
}

/** Every module a file names: static imports, side-effect imports, re-exports, import() and require(). */
const specifiers = (file: string) =>
  [
    ...readFileSync(file, "utf8").matchAll(
      /(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*["'`]([^"'`]+)["'`]/g,
    ),
  ].map((match) => match[1] as string);

describe("the core stays platform-neutral", () => {
  const files = sourceFiles(join(ROOT, "src"));

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it("finds the imports it checks", () => {
    expect(specifiers(join(ROOT, "src", "core", "bot.ts"))).toContain("./intent.js");
  });

  it("imports no chat platform SDK and no adapter", () => {
    const platform = /^(?:@slack\/|botbuilder|botframework|@microsoft\/|adaptivecards)|\/adapters\//;
    const offenders = files.flatMap((file) =>
      specifiers(file)
        .filter((name) => platform.test(name))
        .map((name) => `${relative(ROOT, file)}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it("never reads the environment", () => {
    const reads = /process\s*(?:\.\s*env|\[\s*["'`]env)|["'`]node:process["'`]|["'`]process["'`]/;
    const offenders = files.filter((file) => reads.test(readFileSync(file, "utf8")));
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });
});

describe("botbuilder stays inside the Teams adapter", () => {
  // botbuilder is archived upstream: keeping it behind adapters/teams/ keeps a move to its successor mechanical.
  const everywhere = ["src", "adapters", "cli", "bench", "test"].flatMap((folder) =>
    sourceFiles(join(ROOT, folder)),
  );
  const teams = join(ROOT, "adapters", "teams");

  it("finds the Teams adapter's own botbuilder imports", () => {
    expect(specifiers(join(teams, "teams-app.ts"))).toContain("botbuilder");
  });

  it("is imported by no file outside adapters/teams/", () => {
    const sdk = /^(?:botbuilder|botframework)/;
    const offenders = everywhere
      .filter((file) => !file.startsWith(`${teams}/`))
      .flatMap((file) =>
        specifiers(file)
          .filter((name) => sdk.test(name))
          .map((name) => `${relative(ROOT, file)}: ${name}`),
      );
    expect(offenders).toEqual([]);
  });
});
