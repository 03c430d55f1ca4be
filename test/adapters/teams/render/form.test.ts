import { describe, expect, it } from "vitest";
import { type FormChoices, formParts } from "../../../../adapters/teams/render/form.js";
import { readPressed } from "../../../../adapters/teams/render/submit-data.js";
import { newRiskForm } from "../../../../src/conversations/form-definitions.js";
import type { FormDefinition, FormField } from "../../../../src/core/forms.js";

const oneField = (field: FormField): FormDefinition => ({
  id: "test",
  title: "Test",
  submitLabel: "Save",
  fields: [field],
});
const inputOf = (field: FormField, choices: FormChoices = {}) =>
  formParts(oneField(field), "k1", {}, choices).body[1];

describe("form fields as Adaptive Card inputs", () => {
  it("renders text with its limit, a label and a required message", () => {
    expect(
      inputOf({
        name: "title",
        label: "Title",
        kind: "text",
        required: true,
        maxLength: 150,
        initial: "Lost",
      }),
    ).toEqual({
      type: "Input.Text",
      id: "field:title",
      label: "Title",
      isRequired: true,
      errorMessage: "Title is required.",
      maxLength: 150,
      value: "Lost",
    });
  });

  it("renders long text on several lines, and links as a URL input", () => {
    expect(inputOf({ name: "d", label: "D", kind: "textarea", required: false })).toMatchObject({
      type: "Input.Text",
      isMultiline: true,
    });
    expect(inputOf({ name: "l", label: "L", kind: "url", required: false })).toMatchObject({ style: "Url" });
  });

  it("renders numbers and dates with their own inputs, dropping a prefill they cannot show", () => {
    expect(
      inputOf({ name: "n", label: "N", kind: "number", required: false, min: 1, max: 60, initial: "12" }),
    ).toMatchObject({
      type: "Input.Number",
      min: 1,
      max: 60,
      value: 12,
    });
    expect(
      inputOf({ name: "d", label: "D", kind: "date", required: false, initial: "2026-12-31" }),
    ).toMatchObject({
      type: "Input.Date",
      value: "2026-12-31",
    });
    expect(
      inputOf({ name: "d", label: "D", kind: "date", required: false, initial: "soon" }),
    ).not.toHaveProperty("value");
  });

  it("renders choices as a drop-down, several choices as a multi-select with the prefill comma-joined", () => {
    const options = [
      { value: "C", label: "Confidentiality" },
      { value: "I", label: "Integrity" },
      { value: "A", label: "Availability" },
    ];
    expect(
      inputOf({ name: "s", label: "S", kind: "select", required: true, options, initial: "I" }),
    ).toMatchObject({
      type: "Input.ChoiceSet",
      style: "compact",
      isMultiSelect: false,
      value: "I",
      choices: [
        { title: "Confidentiality", value: "C" },
        { title: "Integrity", value: "I" },
        { title: "Availability", value: "A" },
      ],
    });
    expect(
      inputOf({
        name: "p",
        label: "P",
        kind: "multiselect",
        required: false,
        options,
        initial: ["C", "X", "A"],
      }),
    ).toMatchObject({ isMultiSelect: true, value: "C,A" });
  });

  it("lists the controls when the core offers them, else asks for their ids", () => {
    const field: FormField = {
      name: "controls",
      label: "Linked controls",
      kind: "multiselect",
      required: false,
      optionsSource: "controls",
      hint: "control ids, e.g. A.8.1",
      initial: ["A.8.1"],
    };
    const controls = [
      { id: "A.8.1", title: "User endpoint devices" },
      { id: "A.8.24", title: "Use of cryptography" },
    ];
    expect(inputOf(field, { controls })).toMatchObject({
      type: "Input.ChoiceSet",
      isMultiSelect: true,
      value: "A.8.1",
      choices: [
        { title: "A.8.1 User endpoint devices", value: "A.8.1" },
        { title: "A.8.24 Use of cryptography", value: "A.8.24" },
      ],
    });
    const typed = formParts(oneField(field), "k1").body;
    expect(typed[1]).toMatchObject({ type: "Input.Text", value: "A.8.1" });
    expect(JSON.stringify(typed[2])).toContain("control ids, e.g. A.8.1");
  });

  it("asks for a person by name, email or teams id", () => {
    const body = formParts(
      oneField({ name: "owner", label: "Owner", kind: "person", required: true }),
      "k1",
    ).body;
    expect(body[1]).toMatchObject({ type: "Input.Text", id: "field:owner" });
    expect(JSON.stringify(body[2])).toContain("teams:<id>");
  });

  it("shows the core's refusal under the field it is about", () => {
    const body = formParts(oneField({ name: "title", label: "Title", kind: "text", required: true }), "k1", {
      title: "Title is required.",
    }).body;
    expect(body[2]).toEqual({
      type: "RichTextBlock",
      inlines: [{ type: "TextRun", text: "Title is required.", color: "Attention", weight: "Bolder" }],
      spacing: "None",
    });
  });

  it("submits the form's id, context and key, and which fields hold several values", () => {
    const controls = [{ id: "A.8.1", title: "User endpoint devices" }];
    const { submit } = formParts(
      { ...newRiskForm(5, {}), context: { risk: "R-001" } },
      "key-7",
      {},
      { controls },
    );
    expect(submit).toEqual({
      type: "Action.Submit",
      title: "Log risk",
      style: "positive",
      data: {
        isms: "form",
        formId: "new-risk",
        key: "key-7",
        context: { risk: "R-001" },
        multi: ["properties", "controls"],
      },
    });
    // Controls typed as ids come back as typed: the core reads "A.8.1, A.5.17" itself.
    expect(formParts(newRiskForm(5, {}), "key-8").submit).toMatchObject({ data: { multi: ["properties"] } });
  });
});

describe("reading a pressed button back", () => {
  it("turns a submitted card into the core's submission: empty fields undefined, multi-selects split", () => {
    const value = {
      isms: "form",
      formId: "new-risk",
      key: "key-7",
      context: { risk: "R-001" },
      multi: ["properties", "controls"],
      "field:title": "Lost laptops",
      "field:description": "",
      "field:properties": "C,A",
      "field:controls": "",
      "field:likelihood": "3",
      unrelated: "ignored",
    };
    expect(readPressed(value)).toEqual({
      kind: "form",
      submission: {
        formId: "new-risk",
        key: "key-7",
        context: { risk: "R-001" },
        values: {
          title: "Lost laptops",
          description: undefined,
          properties: ["C", "A"],
          controls: undefined,
          likelihood: "3",
        },
      },
    });
  });

  it("turns a button into what it says", () => {
    expect(readPressed({ isms: "ask", ask: "snooze A.8.13" })).toEqual({
      kind: "ask",
      text: "snooze A.8.13",
    });
  });

  it("ignores values that are not the bot's own buttons", () => {
    for (const value of [
      undefined,
      "text",
      [],
      { action: "approve" },
      { isms: "ask", ask: "  " },
      { isms: "form", formId: "new-risk" },
      { isms: "form", formId: "new-risk", key: "" },
      { isms: "form", formId: "new-risk", key: "k".repeat(101) },
    ])
      expect(readPressed(value)).toBeUndefined();
  });

  it("drops a context that is not all text", () => {
    const pressed = readPressed({ isms: "form", formId: "update-risk", key: "k", context: { risk: 1 } });
    expect(pressed).toEqual({ kind: "form", submission: { formId: "update-risk", key: "k", values: {} } });
  });
});
