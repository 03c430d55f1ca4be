/** The loaded catalogue: controls, clauses, 2013 controls and topics, with lookups by id, theme and attribute. */
import type {
  AttributeFamily,
  Changes2022,
  Clause,
  Control,
  Entry,
  LegacyControl,
  Theme,
  Topic,
} from "./types.js";

export interface AttributeFilter {
  themes: Theme[];
  attributes: Partial<Record<AttributeFamily, string[]>>;
}

export class Catalogue {
  private readonly controlById: Map<string, Control>;
  private readonly clauseById: Map<string, Clause>;
  private readonly legacyById: Map<string, LegacyControl>;
  private readonly topicById: Map<string, Topic>;

  constructor(
    readonly controls: readonly Control[],
    readonly clauses: readonly Clause[],
    readonly legacyControls: readonly LegacyControl[],
    readonly changes2022: Changes2022,
    readonly topics: readonly Topic[] = [],
  ) {
    this.controlById = new Map(controls.map((control) => [control.id, control]));
    this.clauseById = new Map(clauses.map((clause) => [clause.id, clause]));
    this.legacyById = new Map(legacyControls.map((old) => [old.id, old]));
    this.topicById = new Map(topics.map((topic) => [topic.id, topic]));
  }

  /** A topic by id ("27001-vs-27002"). */
  topic(id: string): Topic | undefined {
    return this.topicById.get(id);
  }

  /** A control by canonical id ("A.8.9"). */
  control(id: string): Control | undefined {
    return this.controlById.get(id);
  }

  /** A clause by canonical id ("6.1.3"). */
  clause(id: string): Clause | undefined {
    return this.clauseById.get(id);
  }

  /** A 2013 control by its id ("A.12.1.2"). */
  legacy(id: string): LegacyControl | undefined {
    return this.legacyById.get(id);
  }

  /** A control or a clause by canonical id. */
  entry(id: string): Entry | undefined {
    return this.control(id) ?? this.clause(id);
  }

  get newControls(): Control[] {
    return this.controls.filter((control) => control.newIn2022);
  }

  /** Controls that combine two or more 2013 controls. */
  get mergedControls(): Control[] {
    return this.controls.filter((control) => control.replaces.length > 1);
  }

  /** Controls matching every given family; within one family any listed value matches. */
  filter({ themes, attributes }: AttributeFilter): Control[] {
    return this.controls.filter(
      (control) =>
        (themes.length === 0 || themes.includes(control.theme)) &&
        Object.entries(attributes).every(([family, wanted]) =>
          wanted.some((value) => control.attributes[family as AttributeFamily].includes(value)),
        ),
    );
  }
}
