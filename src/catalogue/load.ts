/** Loads the catalogue from data/: validates every file, joins facts with our explanations, and cross-checks ids. */
import { join } from "node:path";
import { Catalogue } from "./catalogue.js";
import { CatalogueError } from "./errors.js";
import { CatalogueFiles, type Located } from "./read-files.js";
import {
  changes2022Schema,
  clauseExplanationSchema,
  clauseFactSchema,
  controlExplanationSchema,
  controlFactSchema,
  mappingFactSchema,
  titleVariantFactSchema,
  topicSchema,
} from "./schema.js";
import type { Clause, Control, LegacyControl, Topic } from "./types.js";

/** Indexes located entries by id, refusing a second entry with the same id. */
function indexById<T extends { id: string }>(entries: Located<T>[]): Map<string, Located<T>> {
  const byId = new Map<string, Located<T>>();
  for (const located of entries) {
    const earlier = byId.get(located.value.id);
    if (earlier) {
      throw new CatalogueError(located.file, located.entry, `duplicates ${earlier.entry} in ${earlier.file}`);
    }
    byId.set(located.value.id, located);
  }
  return byId;
}

function parentClauseId(id: string): string | undefined {
  const cut = id.lastIndexOf(".");
  return cut === -1 ? undefined : id.slice(0, cut);
}

export function loadCatalogue(dataDir: string): Catalogue {
  const files = new CatalogueFiles(dataDir);

  const controlFacts = indexById(files.readTsv("annex-a-2022.tsv", controlFactSchema));
  const mappingRows = files.readTsv("mapping-2013-2022.tsv", mappingFactSchema);
  const clauseFacts = indexById(files.readTsv("clauses.tsv", clauseFactSchema));
  const variantRows = files.readTsv("title-variants.tsv", titleVariantFactSchema);

  const legacy = new Map<string, LegacyControl>();
  for (const { file, entry, value } of mappingRows) {
    if (!controlFacts.has(value.id_2022)) {
      throw new CatalogueError(file, entry, `maps to ${value.id_2022}, which is not a 2022 control`);
    }
    const known = legacy.get(value.id_2013);
    if (known) known.replacedBy.push(`A.${value.id_2022}`);
    else
      legacy.set(value.id_2013, {
        kind: "legacy",
        id: value.id_2013,
        title: value.title_2013,
        replacedBy: [`A.${value.id_2022}`],
      });
  }

  const explanations = indexById(
    files.yamlFilesIn("controls").flatMap((path) => files.readYamlList(path, controlExplanationSchema)),
  );
  for (const [id, located] of explanations) {
    if (!controlFacts.has(id.slice(2)))
      throw new CatalogueError(located.file, located.entry, "is not an Annex A control");
    for (const related of located.value.related) {
      if (related === id)
        throw new CatalogueError(located.file, located.entry, "related: lists the control itself");
      if (!controlFacts.has(related.slice(2))) {
        throw new CatalogueError(
          located.file,
          located.entry,
          `related: ${related} is not an Annex A control`,
        );
      }
    }
  }

  const controls: Control[] = [...controlFacts.values()].map(({ file, entry, value: fact }) => {
    const id = `A.${fact.id}`;
    const text = explanations.get(id)?.value;
    if (!text)
      throw new CatalogueError(
        file,
        entry,
        `has no explanation in data/controls/*.yaml (add an entry "id: ${id}")`,
      );
    const variants = variantRows.find((row) => row.value.id === fact.id)?.value;
    const titleVariants = variants
      ? [
          variants.title_iso27001_2022_annex_a,
          variants.title_iso27002_2022,
          ...variants.other_variants_seen.split(";"),
        ]
          .map((title) => title.trim())
          .filter((title, index, all) => title !== "" && title !== fact.title && all.indexOf(title) === index)
      : [];
    return {
      kind: "control",
      id,
      number: fact.id,
      title: fact.title,
      titleVariants,
      theme: fact.theme,
      newIn2022: fact.new_in_2022,
      attributes: {
        controlType: fact.control_type,
        properties: fact.security_properties,
        concepts: fact.cybersecurity_concepts,
        capabilities: fact.operational_capabilities,
        domains: fact.security_domains,
      },
      summary: text.summary,
      purpose: text.purpose,
      guidance: text.guidance,
      evidence: text.evidence,
      keywords: text.keywords,
      related: text.related,
      replaces: [...legacy.values()].filter((old) => old.replacedBy.includes(id)),
    };
  });

  const clausesPath = join(dataDir, "clauses.yaml");
  const clauseTexts = indexById(files.readYamlList(clausesPath, clauseExplanationSchema));
  for (const [id, located] of clauseTexts) {
    if (!clauseFacts.has(id))
      throw new CatalogueError(located.file, located.entry, "is not a clause of ISO/IEC 27001:2022");
    for (const related of located.value.related) {
      const known = related.startsWith("A.") ? controlFacts.has(related.slice(2)) : clauseFacts.has(related);
      if (!known || related === id)
        throw new CatalogueError(located.file, located.entry, `related: ${related} is not valid here`);
    }
  }
  const clauseIds = [...clauseFacts.keys()];
  const clauses: Clause[] = [...clauseFacts.values()].map(({ file, entry, value: fact }) => {
    const text = clauseTexts.get(fact.id)?.value;
    if (!text)
      throw new CatalogueError(
        file,
        entry,
        `has no explanation in data/clauses.yaml (add an entry "id: '${fact.id}'")`,
      );
    return {
      kind: "clause",
      id: fact.id,
      title: fact.title,
      parent: parentClauseId(fact.id),
      children: clauseIds.filter((other) => parentClauseId(other) === fact.id),
      summary: text.summary,
      purpose: text.purpose,
      documentedInformation: text.documented_information,
      keywords: text.keywords,
      related: text.related,
    };
  });

  const changes = files.readYamlObject(join(dataDir, "changes-2022.yaml"), changes2022Schema);
  const topicTexts = indexById(files.readYamlList(join(dataDir, "topics.yaml"), topicSchema));
  for (const [id, { file, entry, value }] of topicTexts) {
    for (const link of value.links) {
      const known = link.startsWith("A.") ? controlFacts.has(link.slice(2)) : clauseFacts.has(link);
      if (!known) throw new CatalogueError(file, entry, `links: ${link} is not a clause or control`);
    }
    for (const other of value.related) {
      if (other === id || !topicTexts.has(other))
        throw new CatalogueError(file, entry, `related: ${other} is not another topic`);
    }
  }
  const topics: Topic[] = [...topicTexts.values()].map(({ value }) => ({ kind: "topic", ...value }));
  return new Catalogue(controls, clauses, [...legacy.values()], changes, topics);
}
