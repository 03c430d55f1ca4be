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

describe("the core stays platform-neutral", () => {
  const files = sourceFiles(join(ROOT, "src"));

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it("imports no chat platform SDK and no adapter", () => {
    const offenders = files.filter((file) =>
      /from\s+["'](?:@slack\/|botbuilder|botframework|@microsoft\/|\.\.\/.*adapters\/)|require\(["'](?:@slack|botbuilder)/.test(
        readFileSync(file, "utf8"),
      ),
    );
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it("never reads process.env", () => {
    const offenders = files.filter((file) => /process\.env/.test(readFileSync(file, "utf8")));
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
