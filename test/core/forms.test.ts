import { describe, expect, it } from "vitest";
import { type FormDefinition, validateForm } from "../../src/core/forms.js";

const form: FormDefinition = {
  id: "example",
  title: "Submit evidence",
  submitLabel: "Submit",
  fields: [
    { name: "title", label: "Title", kind: "text", required: true, maxLength: 20 },
    { name: "link", label: "Link", kind: "url", required: false },
    { name: "likelihood", label: "Likelihood", kind: "number", required: true, min: 1, max: 5 },
    { name: "due", label: "Due date", kind: "date", required: false },
    {
      name: "status",
      label: "Status",
      kind: "select",
      required: true,
      options: [{ value: "open", label: "Open" }],
    },
    { name: "controls", label: "Controls", kind: "multiselect", required: false, optionsSource: "controls" },
  ],
};
const isControl = (_: unknown, value: string) => /^A\.[5-8]\.\d+$/.test(value);

describe("form validation", () => {
  it("accepts good values and converts numbers", () => {
    const result = validateForm(
      form,
      {
        title: " Backup log ",
        likelihood: "3",
        status: "open",
        controls: ["A.8.13", "A.8.14"],
        due: "2026-12-31",
      },
      isControl,
    );
    expect(result).toEqual({
      ok: true,
      values: {
        title: "Backup log",
        link: undefined,
        likelihood: 3,
        due: "2026-12-31",
        status: "open",
        controls: ["A.8.13", "A.8.14"],
      },
    });
  });

  it("names every field that is wrong, with a message a person can act on", () => {
    const result = validateForm(
      form,
      {
        title: "x".repeat(21),
        link: "javascript:alert(1)",
        likelihood: "9",
        due: "31/12/2026",
        status: "closed",
        controls: ["A.9.9"],
      },
      isControl,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        title: "Title must be at most 20 characters (it has 21).",
        link: "Link must be a web link starting with https:// or http://.",
        likelihood: "Likelihood must be between 1 and 5.",
        due: "Due date must be a date like 2026-12-31.",
        status: "closed is not a valid choice.",
        controls: "A.9.9 is not a valid choice.",
      },
    });
  });

  it("says which required fields are missing", () => {
    const result = validateForm(form, { title: "  " }, isControl);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(["title", "likelihood", "status"]);
  });
});
