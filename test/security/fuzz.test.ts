/**
 * Property-based fuzzing of what reads people's input: the id parser, the intent routers, every form's validation,
 * and whole messages and form submissions through Bot.handle. Whatever comes in, nothing throws, no internal error is
 * swallowed into an apology, and there is always a reply. Runs are kept moderate so that this file stays fast.
 */
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptRiskForm,
  calendarItemForm,
  FORM_IDS,
  newRiskForm,
  reviewEvidenceForm,
  setControlForm,
  submitEvidenceForm,
  updateRiskForm,
} from "../../src/conversations/form-definitions.js";
import { recogniseRecordIntent } from "../../src/conversations/record-intents.js";
import { reminderSettingsForm } from "../../src/conversations/reminder-answers.js";
import { Bot } from "../../src/core/bot.js";
import { type FormDefinition, validateForm } from "../../src/core/forms.js";
import { recognise } from "../../src/core/intent.js";
import { Records } from "../../src/records/records.js";
import { findIdMentions } from "../../src/search/ids.js";
import { resolveIds } from "../../src/search/resolve-ids.js";
import { openDatabase } from "../../src/storage/database.js";
import { SqliteMemory } from "../../src/storage/memory-store.js";
import { realCatalogue } from "../support/catalogue.js";
import { evidenceInput, riskInput } from "../support/records.js";
import { tempDir } from "../support/temp.js";

const RUNS = { numRuns: 200 };
const { catalogue, search } = realCatalogue();

/** Words the routers look for, ids, markup and the odd control character, in any order. */
const WORDS = [
  "log",
  "a",
  "risk",
  "about",
  "R-001",
  "r 2",
  "accept",
  "update",
  "show",
  "review",
  "E-001",
  "e-9999",
  "evidence",
  "submit",
  "for",
  "A.8.13",
  "8.13",
  "A 12 1 2",
  "clause",
  "9.2",
  "control",
  "set",
  "owner",
  "of",
  "export",
  "soa",
  "risks",
  "csv",
  "md",
  "audit",
  "log",
  "pause",
  "resume",
  "reminders",
  "change",
  "digest",
  "send",
  "now",
  "calendar",
  "item",
  "3",
  "done",
  "cancel",
  "snooze",
  "mark",
  "reviewed",
  "my",
  "open",
  "items",
  "status",
  "readiness",
  "help",
  "who",
  "am",
  "i",
  "related",
  "list",
  "controls",
  "2013",
  "2022",
  "new",
  "<!channel>",
  "<@U123>",
  "*bold*",
  "{{x}}",
  "'; DROP TABLE risks; --",
  "=1+1",
  "\u0000",
  "\u001b[2J",
  "\u202e",
  "📎",
  "ﬁ",
  "Ａ.８.１３",
  "§",
];
const chatText = fc.oneof(
  fc.string({ maxLength: 300, unit: "binary" }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((words) => words.join(" ")),
  fc
    .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 })), { maxLength: 20 })
    .map((parts) => parts.join("")),
);

describe("the id parser", () => {
  it("finds well-formed ids, each once, in any text", () => {
    fc.assert(
      fc.property(chatText, (text) => {
        const mentions = findIdMentions(text);
        const keys = mentions.map((mention) => `${mention.hint}:${mention.number}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const mention of mentions) expect(mention.number).toMatch(/^\d{1,2}(?:\.\d{1,2}){0,2}$/);
        expect(() => resolveIds(catalogue, text)).not.toThrow();
      }),
      RUNS,
    );
  });
});

describe("the intent routers", () => {
  it("recognise any text as some intent, with references in their canonical form", () => {
    fc.assert(
      fc.property(chatText, (text) => {
        expect(recognise(catalogue, text).type).toMatch(/^[a-z0-9-]+$/);
        const intent = recogniseRecordIntent(text);
        if (intent && "ref" in intent) expect(intent.ref).toMatch(/^[RE]-\d{3,4}$/);
      }),
      RUNS,
    );
  });

  it("take linear time on long, repetitive input (no catastrophic backtracking)", () => {
    for (const unit of [
      "a ",
      "1.",
      "A.8.",
      "log ",
      "risk ",
      "R-1 ",
      " ",
      "evidence for ",
      "a.1 ",
      "set owner ",
    ]) {
      const text = unit.repeat(Math.ceil(2000 / unit.length)).slice(0, 2000);
      const started = performance.now();
      recognise(catalogue, text);
      recogniseRecordIntent(text);
      findIdMentions(text);
      expect(performance.now() - started, unit).toBeLessThan(500);
    }
  });
});

/** Any value a platform could hand back for a field: text, lists, nothing, or far too much. */
const fieldValue = fc.oneof(
  fc.constant(undefined),
  chatText,
  fc.constantFrom(
    "1",
    "3",
    "5",
    "0",
    "-1",
    "1e3",
    "NaN",
    "2026-02-30",
    "2026-12-31",
    "yes",
    "no",
    "monthly",
    "A.8.13",
  ),
  fc.array(fc.oneof(chatText, fc.constantFrom("A.8.1", "C", "I", "A")), { maxLength: 5 }),
  fc.nat(3000).map((length) => "x".repeat(length)),
);

function forms(records: Records): FormDefinition[] {
  const risk = records.risks.get("R-001");
  const evidence = records.evidence.get("E-001");
  if (!risk || !evidence) throw new Error("fixtures missing");
  return [
    newRiskForm(5, {}),
    updateRiskForm(5, risk),
    acceptRiskForm(5, risk),
    submitEvidenceForm(undefined),
    reviewEvidenceForm(evidence),
    setControlForm(records.controls.get("A.8.13")),
    calendarItemForm(),
    reminderSettingsForm(records.reminderSettings.effective()),
  ];
}

describe("with records", () => {
  const folder = tempDir();
  const clock = () => new Date("2026-11-25T09:00:00Z");
  const db = openDatabase(join(folder.path, "isms.db"), { clock });
  const records = new Records(db, clock);
  const errors: unknown[] = [];
  const bot = new Bot({
    catalogue,
    search,
    memory: new SqliteMemory(db),
    records,
    exportDir: join(folder.path, "exports"),
    clock,
    onError: (error) => errors.push(error),
  });
  beforeAll(() => {
    records.people.addAdmin("console:alice", "test");
    records.risks.create(riskInput({ title: "Lost laptops", owner: "console:bob" }), "test");
    records.evidence.submit(evidenceInput({ target: "A.8.13", title: "Backup log" }), null, "console:bob");
  });
  afterAll(() => {
    db.close();
    folder.remove();
  });

  it("every form's validation either accepts values of the right kind or names each wrong field", () => {
    const definitions = forms(records);
    fc.assert(
      fc.property(
        fc
          .constantFrom(...definitions)
          .chain((form) =>
            fc.tuple(
              fc.constant(form),
              fc.record(Object.fromEntries(form.fields.map((field) => [field.name, fieldValue]))),
            ),
          ),
        fc.dictionary(fc.string({ maxLength: 20 }), fieldValue, { maxKeys: 4 }),
        fc.func(fc.boolean()),
        ([form, values], extra, isOption) => {
          const submitted = { ...extra, ...values };
          const result = validateForm(form, submitted, (field, value) => isOption(field.name, value));
          const names = form.fields.map((field) => field.name);
          if (!result.ok) {
            for (const [name, message] of Object.entries(result.errors)) {
              expect(names).toContain(name);
              expect(message.length).toBeGreaterThan(0);
              expect(message.length).toBeLessThan(400);
            }
            return;
          }
          for (const field of form.fields) {
            const value = result.values[field.name];
            if (field.required) expect(value).not.toBeUndefined();
            if (value === undefined) continue;
            if (field.kind === "number") {
              expect(Number.isFinite(value)).toBe(true);
              if (field.min !== undefined) expect(value as number).toBeGreaterThanOrEqual(field.min);
              if (field.max !== undefined) expect(value as number).toBeLessThanOrEqual(field.max);
            }
            if (field.kind === "date") expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            if (field.kind === "select" && field.options)
              expect(field.options.map((option) => option.value)).toContain(value);
            if (typeof value === "string" && field.maxLength !== undefined)
              expect(value.length).toBeLessThanOrEqual(field.maxLength);
          }
        },
      ),
      RUNS,
    );
  });

  const person = fc.constantFrom("alice", "bob", "mallory");
  const reply = (answer: Awaited<ReturnType<Bot["handle"]>>) => {
    expect(answer.text.trim()).not.toBe("");
    expect(Array.isArray(answer.blocks)).toBe(true);
    expect(errors).toEqual([]);
  };

  it("answers any message, from anyone, without an internal error", async () => {
    await fc.assert(
      fc.asyncProperty(person, chatText, async (who, text) => {
        reply(
          await bot.handle({
            from: { platform: "console", userId: who },
            conversation: { id: "c", kind: "direct" },
            text,
          }),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("answers any form submission, forged or not, without an internal error", async () => {
    const formId = fc.oneof(fc.constantFrom(...FORM_IDS), fc.string({ maxLength: 20 }));
    const context = fc.oneof(
      fc.constant(undefined),
      fc.record(
        {
          risk: fc.constantFrom("R-001", "R-999", "", "'; --"),
          evidence: fc.constantFrom("E-001", "E-999", ""),
          control: fc.constantFrom("A.8.13", "A.99.1", "9.2", ""),
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(
        person,
        formId,
        fc.string({ maxLength: 40 }),
        context,
        fc.dictionary(
          fc.constantFrom(
            "title",
            "description",
            "likelihood",
            "impact",
            "owner",
            "controls",
            "target",
            "link",
            "decision",
            "reason",
            "applicable",
            "status",
            "cadence",
            "dueDate",
            "repeatMonths",
            "about",
            "residualLikelihood",
            "residualImpact",
            "confirm",
            "lead-days",
            "digest-day",
            "time-zone",
            "work-start",
          ),
          fieldValue,
        ),
        async (who, id, key, ctx, values) => {
          reply(
            await bot.handle({
              from: { platform: "console", userId: who },
              conversation: { id: "c", kind: "direct" },
              text: "",
              submission: { formId: id, key, values, ...(ctx ? { context: ctx } : {}) },
            }),
          );
        },
      ),
      { numRuns: 250 },
    );
  });
});
