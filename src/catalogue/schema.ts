/** Schemas of the catalogue files: the facts tables in data/facts/*.tsv and our explanations in data/*.yaml. */
import { z } from "zod";
import { ATTRIBUTE_VALUES, THEMES } from "./types.js";

const sentence = z.string().trim().min(10, "must be a sentence of at least 10 characters");
const controlId = z.string().regex(/^A\.[5-8]\.\d{1,2}$/, 'must be a control id like "A.8.9"');
const clauseId = z.string().regex(/^(?:[4-9]|10)(?:\.\d){0,2}$/, 'must be a clause id like "6.1.3"');
const clauseOrControlId = z
  .string()
  .regex(
    /^(?:A\.[5-8]\.\d{1,2}|(?:[4-9]|10)(?:\.\d){0,2})$/,
    'must be a clause id like "6.1.3" or a control id like "A.8.9"',
  );
const lowerCaseWord = z
  .string()
  .min(2)
  .refine((word) => word === word.toLowerCase(), "must be lower case");

function uniqueList<T extends z.ZodType<string>>(item: T, min: number, max: number) {
  return z
    .array(item)
    .min(min)
    .max(max)
    .superRefine((list, context) => {
      const repeated = list.find((item, index) => list.indexOf(item) !== index);
      if (repeated !== undefined) context.addIssue({ code: "custom", message: `repeats "${repeated}"` });
    });
}

/** One entry of data/controls/*.yaml. */
export const controlExplanationSchema = z.strictObject({
  id: controlId,
  summary: sentence.max(450),
  purpose: sentence.max(350),
  guidance: z.array(sentence.max(260)).min(3).max(6),
  evidence: z.array(z.string().trim().min(5)).min(3).max(5),
  keywords: uniqueList(lowerCaseWord, 8, 40),
  related: uniqueList(controlId, 2, 6),
});
export type ControlExplanation = z.infer<typeof controlExplanationSchema>;

/** One entry of data/clauses.yaml. */
export const clauseExplanationSchema = z.strictObject({
  id: clauseId,
  summary: sentence.max(500),
  purpose: sentence.max(400),
  documented_information: z.array(z.string().trim().min(5)),
  keywords: uniqueList(lowerCaseWord, 3, 20),
  related: uniqueList(z.union([controlId, clauseId]), 0, 8),
});
export type ClauseExplanation = z.infer<typeof clauseExplanationSchema>;

/** One entry of data/topics.yaml. */
export const topicSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case id like "27001-vs-27002"'),
  title: z.string().trim().min(5).max(90),
  summary: sentence.max(500),
  points: z.array(sentence.max(300)).min(2).max(8),
  keywords: uniqueList(lowerCaseWord, 6, 40),
  links: uniqueList(clauseOrControlId, 0, 14),
  related: uniqueList(z.string(), 0, 6),
});
export type TopicText = z.infer<typeof topicSchema>;

export const changes2022Schema = z.strictObject({
  headline: sentence,
  points: z.array(sentence).min(3),
});

function valueList<const V extends readonly [string, ...string[]]>(values: V) {
  return z
    .string()
    .transform((cell) => cell.split(",").map((value) => value.trim()))
    .pipe(z.array(z.enum(values)).min(1));
}

/** One row of data/facts/annex-a-2022.tsv. */
export const controlFactSchema = z.object({
  id: z.string().regex(/^[5-8]\.\d{1,2}$/, 'must be a 2022 control number like "8.9"'),
  theme: z.enum(THEMES),
  title: z.string().min(3),
  new_in_2022: z.enum(["yes", "no"]).transform((flag) => flag === "yes"),
  control_type: valueList(ATTRIBUTE_VALUES.controlType),
  security_properties: valueList(ATTRIBUTE_VALUES.properties),
  cybersecurity_concepts: valueList(ATTRIBUTE_VALUES.concepts),
  operational_capabilities: valueList(ATTRIBUTE_VALUES.capabilities),
  security_domains: valueList(ATTRIBUTE_VALUES.domains),
});

/** One row of data/facts/mapping-2013-2022.tsv. */
export const mappingFactSchema = z.object({
  id_2013: z.string().regex(/^A\.(?:[5-9]|1[0-8])\.\d{1,2}\.\d{1,2}$/, 'must be a 2013 id like "A.12.1.2"'),
  title_2013: z.string().min(3),
  id_2022: z.string().regex(/^[5-8]\.\d{1,2}$/),
});

/** One row of data/facts/clauses.tsv. */
export const clauseFactSchema = z.object({ id: clauseId, title: z.string().min(3) });

/** One row of data/facts/title-variants.tsv. */
export const titleVariantFactSchema = z.object({
  id: z.string(),
  title_iso27001_2022_annex_a: z.string(),
  title_iso27002_2022: z.string(),
  other_variants_seen: z.string().default(""),
});
