/** Reads and validates the raw catalogue files; every problem is reported with its file and entry. */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { CatalogueError } from "./errors.js";
import { parseTsv } from "./tsv.js";

export interface Located<T> {
  file: string;
  entry: string;
  value: T;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`)
    .join("; ");
}

export class CatalogueFiles {
  constructor(private readonly dataDir: string) {}

  /** The path shown in error messages: relative to the data folder's parent, so "data/controls/x.yaml". */
  display(path: string): string {
    return relative(join(this.dataDir, ".."), path) || path;
  }

  readText(path: string): string {
    try {
      return readFileSync(path, "utf8");
    } catch {
      throw new CatalogueError(this.display(path), undefined, "cannot be read (is the file missing?)");
    }
  }

  yamlFilesIn(folder: string): string[] {
    const path = join(this.dataDir, folder);
    let names: string[];
    try {
      names = readdirSync(path);
    } catch {
      throw new CatalogueError(this.display(path), undefined, "folder cannot be read (is it missing?)");
    }
    return names
      .filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"))
      .sort()
      .map((name) => join(path, name));
  }

  readYaml(path: string): unknown {
    try {
      return parseYaml(this.readText(path));
    } catch (error) {
      if (error instanceof CatalogueError) throw error;
      throw new CatalogueError(
        this.display(path),
        undefined,
        `is not valid YAML (${(error as Error).message})`,
      );
    }
  }

  /** Validates each item of a YAML list; the entry is named by its id, or by its position when it has none. */
  readYamlList<S extends z.ZodType>(path: string, schema: S): Located<z.infer<S>>[] {
    const list = this.readYaml(path);
    if (!Array.isArray(list)) {
      throw new CatalogueError(this.display(path), undefined, "must be a YAML list of entries");
    }
    return list.map((item, index) => {
      const id = (item as { id?: unknown } | null)?.id;
      const entry = typeof id === "string" ? `${id} (#${index + 1})` : `#${index + 1}`;
      const parsed = schema.safeParse(item);
      if (!parsed.success) throw new CatalogueError(this.display(path), entry, describeIssues(parsed.error));
      return { file: this.display(path), entry, value: parsed.data };
    });
  }

  readYamlObject<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
    const parsed = schema.safeParse(this.readYaml(path));
    if (!parsed.success)
      throw new CatalogueError(this.display(path), undefined, describeIssues(parsed.error));
    return parsed.data;
  }

  readTsv<S extends z.ZodType>(name: string, schema: S): Located<z.infer<S>>[] {
    const path = join(this.dataDir, "facts", name);
    return parseTsv(this.readText(path)).map((row) => {
      const entry = `${row.cells.id ?? row.cells.id_2013 ?? "?"} (line ${row.line})`;
      const parsed = schema.safeParse(row.cells);
      if (!parsed.success) throw new CatalogueError(this.display(path), entry, describeIssues(parsed.error));
      return { file: this.display(path), entry, value: parsed.data };
    });
  }
}
