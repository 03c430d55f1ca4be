import { describe, expect, it } from "vitest";
import { formToModal } from "../../../../adapters/slack/render/modal.js";
import {
  newRiskForm,
  setControlForm,
  submitEvidenceForm,
  updateRiskForm,
} from "../../../../src/conversations/form-definitions.js";
import type { FormDefinition, FormField } from "../../../../src/core/forms.js";
import { realisticRisk } from "./fixtures.js";

const oneField = (field: FormField): FormDefinition => ({
  id: "test",
  title: "Test",
  submitLabel: "Save",
  fields: [field],
});
const elementOf = (field: FormField) => {
  const [block] = formToModal(oneField(field), "{}").blocks;
  return block && "element" in block ? block.element : undefined;
};

describe("formToModal", () => {
  it("builds the modal frame: callback id, title, submit, close and metadata", () => {
    const modal = formToModal(newRiskForm(5, {}), '{"formId":"new-risk","key":"k1"}');
    expect({ ...modal, blocks: modal.blocks.length }).toEqual({
      type: "modal",
      callback_id: "form:new-risk",
      title: { type: "plain_text", text: "Log a risk" },
      submit: { type: "plain_text", text: "Log risk" },
      close: { type: "plain_text", text: "Cancel" },
      private_metadata: '{"formId":"new-risk","key":"k1"}',
      blocks: 14,
    });
  });

  it("renders one input block per field, named after it, with label, hint and optional flag", () => {
    const modal = formToModal(newRiskForm(5, {}), "{}");
    expect(modal.blocks.map((block) => block.block_id)).toEqual(newRiskForm(5, {}).fields.map((f) => f.name));
    expect(modal.blocks[0]).toEqual({
      type: "input",
      block_id: "title",
      label: { type: "plain_text", text: "Title" },
      optional: false,
      element: { type: "plain_text_input", action_id: "value", max_length: 150 },
    });
    expect(modal.blocks[2]).toEqual({
      type: "input",
      block_id: "assets",
      label: { type: "plain_text", text: "Asset(s)" },
      optional: true,
      hint: { type: "plain_text", text: "what could be harmed, e.g. laptops, customer database" },
      element: { type: "plain_text_input", action_id: "value", max_length: 500 },
    });
  });

  it("cuts a title longer than 24 characters and keeps one of exactly 24", () => {
    const long = formToModal(
      setControlForm({
        controlId: "A.8.13",
        applicable: true,
        justification: null,
        status: "planned",
        owner: null,
        cadence: null,
        nextEvidenceDue: null,
      }),
      "{}",
    );
    expect(long.title.text.length).toBeLessThanOrEqual(24);
    expect(long.title.text).toBe("Set A.8.13: owner,…");
    const exact = formToModal({ ...newRiskForm(5, {}), title: "Log an information risk!" }, "{}");
    expect(exact.title.text).toBe("Log an information risk!");
    const submit = formToModal({ ...newRiskForm(5, {}), submitLabel: "Accept the residual risk now" }, "{}");
    expect(submit.submit?.text.length).toBeLessThanOrEqual(24);
  });

  it("refuses metadata longer than Slack's 3,000 characters", () => {
    expect(formToModal(newRiskForm(5, {}), "m".repeat(3000)).private_metadata).toHaveLength(3000);
    expect(() => formToModal(newRiskForm(5, {}), "m".repeat(3001))).toThrow(/3001 characters.*3000/);
  });

  it("prefills every kind of field from the form's initial values", () => {
    const modal = formToModal(updateRiskForm(5, realisticRisk), "{}");
    const element = (name: string) => {
      const block = modal.blocks.find((b) => b.block_id === name);
      return block && "element" in block ? block.element : undefined;
    };
    expect(element("title")).toEqual({
      type: "plain_text_input",
      action_id: "value",
      max_length: 150,
      initial_value: "Laptop theft",
    });
    expect(element("description")).toEqual({
      type: "plain_text_input",
      action_id: "value",
      multiline: true,
      max_length: 2000,
      initial_value: "Laptops left in cars are stolen.",
    });
    expect(element("likelihood")).toMatchObject({
      type: "static_select",
      initial_option: { text: { type: "plain_text", text: "3" }, value: "3" },
    });
    expect(element("properties")).toEqual({
      type: "multi_static_select",
      action_id: "value",
      options: [
        { text: { type: "plain_text", text: "Confidentiality" }, value: "C" },
        { text: { type: "plain_text", text: "Integrity" }, value: "I" },
        { text: { type: "plain_text", text: "Availability" }, value: "A" },
      ],
      initial_options: [
        { text: { type: "plain_text", text: "Confidentiality" }, value: "C" },
        { text: { type: "plain_text", text: "Availability" }, value: "A" },
      ],
    });
    expect(element("controls")).toEqual({
      type: "multi_external_select",
      action_id: "value",
      min_query_length: 1,
      initial_options: [
        { text: { type: "plain_text", text: "A.8.1" }, value: "A.8.1" },
        { text: { type: "plain_text", text: "A.8.24" }, value: "A.8.24" },
      ],
    });
    expect(element("owner")).toEqual({ type: "users_select", action_id: "value", initial_user: "U024BE7LH" });
    expect(element("treatmentDue")).toEqual({
      type: "datepicker",
      action_id: "value",
      initial_date: "2026-12-31",
    });
    expect(element("status")).toMatchObject({
      type: "static_select",
      initial_option: { text: { type: "plain_text", text: "Treating" }, value: "treating" },
    });
  });

  it("renders numbers, links and empty pickers with their own elements", () => {
    expect(
      elementOf({
        name: "n",
        label: "Budget",
        kind: "number",
        required: true,
        min: 0,
        max: 100,
        initial: "5",
      }),
    ).toEqual({
      type: "number_input",
      action_id: "value",
      is_decimal_allowed: true,
      min_value: "0",
      max_value: "100",
      initial_value: "5",
    });
    expect(elementOf({ name: "l", label: "Link", kind: "url", required: false })).toEqual({
      type: "url_text_input",
      action_id: "value",
    });
    expect(elementOf({ name: "d", label: "Due", kind: "date", required: false })).toEqual({
      type: "datepicker",
      action_id: "value",
    });
    expect(elementOf({ name: "p", label: "Owner", kind: "person", required: true })).toEqual({
      type: "users_select",
      action_id: "value",
    });
  });

  it("preselects only Slack people: a console person is left for the picker", () => {
    expect(
      elementOf({ name: "p", label: "Owner", kind: "person", required: true, initial: "console:bob" }),
    ).toEqual({
      type: "users_select",
      action_id: "value",
    });
  });

  it("offers at most 100 options of at most 75 characters, and no initial option that is not offered", () => {
    const options = Array.from({ length: 120 }, (_, i) => ({
      value: `o${i}`,
      label: `Option ${i} with a very long description that goes on and on past the limit`,
    }));
    const element = elementOf({
      name: "s",
      label: "Pick",
      kind: "select",
      required: true,
      options,
      initial: "o110",
    });
    expect(element?.type === "static_select" && element.options).toHaveLength(100);
    if (element?.type !== "static_select") throw new Error("expected a static select");
    for (const option of element.options ?? []) expect(option.text.text.length).toBeLessThanOrEqual(75);
    expect(element.initial_option).toBeUndefined();
  });

  it("adds an optional single-file upload for evidence", () => {
    const modal = formToModal(submitEvidenceForm("A.8.13"), "{}", { fileUpload: true });
    expect(modal.blocks.at(-1)).toEqual({
      type: "input",
      block_id: "upload",
      label: { type: "plain_text", text: "File" },
      optional: true,
      element: { type: "file_input", action_id: "file", max_files: 1 },
    });
    expect(formToModal(submitEvidenceForm("A.8.13"), "{}").blocks.some((b) => b.block_id === "upload")).toBe(
      false,
    );
  });
});
