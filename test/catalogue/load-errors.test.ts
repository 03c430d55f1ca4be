import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CatalogueError } from "../../src/catalogue/errors.js";
import { loadCatalogue } from "../../src/catalogue/load.js";
import { DATA_DIR } from "../support/catalogue.js";

let dataDir: string;

beforeEach(() => {
  dataDir = join(mkdtempSync(join(tmpdir(), "isms-catalogue-")), "data");
  cpSync(DATA_DIR, dataDir, { recursive: true });
});
afterEach(() => rmSync(join(dataDir, ".."), { recursive: true, force: true }));

function edit(file: string, change: (text: string) => string) {
  const path = join(dataDir, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}

function loadError(): CatalogueError {
  try {
    loadCatalogue(dataDir);
  } catch (error) {
    if (error instanceof CatalogueError) return error;
    throw error;
  }
  throw new Error("the catalogue loaded although it is invalid");
}

describe("an invalid catalogue stops start-up with the file and the entry named", () => {
  it("a control explanation with too few everyday words", () => {
    edit("controls/8-technological-1.yaml", (text) =>
      text.replace(/(- id: A\.8\.9\n[\s\S]*? {2}keywords:\n)((?: {4}- .*\n)+)/, "$1    - only one\n"),
    );
    const error = loadError();
    expect(error.file).toBe("data/controls/8-technological-1.yaml");
    expect(error.entry).toMatch(/^A\.8\.9 /);
    expect(error.message).toMatch(/keywords/);
  });

  it("a control listed twice", () => {
    const text = readFileSync(join(dataDir, "controls/6-people.yaml"), "utf8");
    const first = text.slice(0, text.indexOf("\n- id: A.6.2"));
    writeFileSync(
      join(dataDir, "controls/7-physical.yaml"),
      `${first}\n${readFileSync(join(dataDir, "controls/7-physical.yaml"), "utf8")}`,
    );
    const error = loadError();
    expect(error.message).toMatch(/A\.6\.1 .*duplicates A\.6\.1/);
  });

  it("a control with no explanation at all", () => {
    edit("controls/8-technological-2.yaml", (text) => text.slice(0, text.indexOf("\n- id: A.8.34")));
    const error = loadError();
    expect(error.file).toBe("data/facts/annex-a-2022.tsv");
    expect(error.entry).toMatch(/^8\.34 /);
    expect(error.message).toMatch(/has no explanation/);
  });

  it("a related control that does not exist", () => {
    edit("controls/5-organizational-1.yaml", (text) =>
      text.replace(/related: \[A\.5\.(\d+)/, "related: [A.5.99"),
    );
    const error = loadError();
    expect(error.file).toBe("data/controls/5-organizational-1.yaml");
    expect(error.entry).toBe("A.5.1 (#1)");
    expect(error.problem).toBe("related: A.5.99 is not an Annex A control");
  });

  it("a topic that links to a clause or control that does not exist", () => {
    edit("topics.yaml", (text) => text.replace(/links: \[/, "links: [A.8.99, "));
    const error = loadError();
    expect(error.file).toBe("data/topics.yaml");
    expect(error.problem).toBe("links: A.8.99 is not a clause or control");
  });

  it("a topic whose related topic does not exist", () => {
    edit("topics.yaml", (text) => text.replace(/related: \[/, "related: [no-such-topic, "));
    const error = loadError();
    expect(error.file).toBe("data/topics.yaml");
    expect(error.problem).toBe("related: no-such-topic is not another topic");
  });

  it("a topic without its everyday words", () => {
    edit("topics.yaml", (text) => text.replace(/ {2}keywords:\n((?: {4}- .*\n)+)/, "  keywords: []\n"));
    const error = loadError();
    expect(error.file).toBe("data/topics.yaml");
    expect(error.message).toMatch(/keywords/);
  });

  it("a topic that repeats one of its everyday words, named", () => {
    edit("topics.yaml", (text) => text.replace(/( {2}keywords:\n)( {4}- )(.*)\n/, "$1$2$3\n$2$3\n"));
    const error = loadError();
    expect(error.file).toBe("data/topics.yaml");
    expect(error.message).toMatch(/keywords: repeats "/);
  });

  it("an attribute value the standard does not have", () => {
    edit("facts/annex-a-2022.tsv", (text) => text.replace("\tPreventive\t", "\tPreventative\t"));
    const error = loadError();
    expect(error.file).toBe("data/facts/annex-a-2022.tsv");
    expect(error.entry).toMatch(/\(line \d+\)/);
  });

  it("a file that is not YAML", () => {
    writeFileSync(join(dataDir, "clauses.yaml"), "- id: [unclosed\n");
    expect(loadError().message).toMatch(/^data\/clauses\.yaml: is not valid YAML/);
  });
});
