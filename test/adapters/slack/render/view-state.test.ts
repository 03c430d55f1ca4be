import type { ViewOutput } from "@slack/bolt";
import type { InputBlock, ModalView } from "@slack/types";
import { describe, expect, it } from "vitest";
import { formToModal } from "../../../../adapters/slack/render/modal.js";
import {
  errorsResponse,
  uploadedFile,
  viewStateToValues,
} from "../../../../adapters/slack/render/view-state.js";
import {
  newRiskForm,
  submitEvidenceForm,
  updateRiskForm,
} from "../../../../src/conversations/form-definitions.js";
import { validateForm } from "../../../../src/core/forms.js";
import { realisticRisk } from "./fixtures.js";

type StateValues = ViewOutput["state"]["values"];

/** What Slack puts in `view.state.values` when the person submits the modal without changing a prefilled field. */
function submitUnchanged(modal: ModalView): StateValues {
  const values: StateValues = {};
  for (const block of modal.blocks as InputBlock[]) {
    const element = block.element;
    const option = (o: { text: { text: string }; value?: string }) => ({
      text: { type: "plain_text" as const, text: o.text.text, emoji: true },
      value: o.value ?? "",
    });
    const state = (() => {
      switch (element.type) {
        case "plain_text_input":
        case "url_text_input":
        case "number_input":
          return { type: element.type, value: element.initial_value ?? null };
        case "datepicker":
          return { type: element.type, selected_date: element.initial_date ?? null };
        case "static_select":
          return {
            type: element.type,
            selected_option: element.initial_option ? option(element.initial_option) : null,
          };
        case "multi_static_select":
        case "multi_external_select":
          return { type: element.type, selected_options: (element.initial_options ?? []).map(option) };
        case "users_select":
          return { type: element.type, selected_user: element.initial_user ?? null };
        case "file_input":
          return { type: element.type, files: [] };
        default:
          throw new Error(`unexpected element ${element.type}`);
      }
    })();
    values[block.block_id ?? ""] = { [element.action_id ?? ""]: state };
  }
  return values;
}

/** A file as Slack describes it in a file_input's state. */
const slackFile = {
  id: "F07ABCD1234",
  created: 1764061200,
  timestamp: 1764061200,
  name: "backup-restore-test-2026-11.pdf",
  title: "backup-restore-test-2026-11.pdf",
  filetype: "pdf",
  mimetype: "application/pdf",
  permalink: "https://acme.slack.com/files/U024BE7LH/F07ABCD1234/backup-restore-test-2026-11.pdf",
  url_private: "https://files.slack.com/files-pri/T0001-F07ABCD1234/backup-restore-test-2026-11.pdf",
  url_private_download:
    "https://files.slack.com/files-pri/T0001-F07ABCD1234/download/backup-restore-test-2026-11.pdf",
  user: "U024BE7LH",
  user_team: "T0001",
  size: 48213,
};

/** A new-risk submission as Slack sends it: some fields filled in, the rest empty. */
const newRiskState: StateValues = {
  title: { value: { type: "plain_text_input", value: "Phishing <!channel> & co" } },
  description: { value: { type: "plain_text_input", value: null } },
  assets: { value: { type: "plain_text_input", value: "Mailboxes" } },
  threat: { value: { type: "plain_text_input", value: "Credential theft" } },
  vulnerability: { value: { type: "plain_text_input", value: null } },
  properties: {
    value: {
      type: "multi_static_select",
      selected_options: [{ text: { type: "plain_text", text: "Confidentiality", emoji: true }, value: "C" }],
    },
  },
  likelihood: {
    value: {
      type: "static_select",
      selected_option: { text: { type: "plain_text", text: "4", emoji: true }, value: "4" },
    },
  },
  impact: {
    value: {
      type: "static_select",
      selected_option: { text: { type: "plain_text", text: "3", emoji: true }, value: "3" },
    },
  },
  owner: { value: { type: "users_select", selected_user: "U07QWERTY12" } },
  treatment: { value: { type: "static_select", selected_option: null } },
  controls: {
    value: {
      type: "multi_external_select",
      selected_options: [
        {
          text: { type: "plain_text", text: "A.6.3 Information security awareness", emoji: true },
          value: "A.6.3",
        },
        {
          text: { type: "plain_text", text: "A.8.7 Protection against malware", emoji: true },
          value: "A.8.7",
        },
      ],
    },
  },
  treatmentPlan: { value: { type: "plain_text_input", value: null } },
  treatmentDue: { value: { type: "datepicker", selected_date: "2027-01-31" } },
  nextReview: { value: { type: "datepicker", selected_date: null } },
};

describe("viewStateToValues", () => {
  it("reads a realistic submission back into neutral strings, leaving empty fields undefined", () => {
    expect(viewStateToValues(newRiskForm(5, {}), newRiskState)).toEqual({
      title: "Phishing <!channel> & co",
      description: undefined,
      assets: "Mailboxes",
      threat: "Credential theft",
      vulnerability: undefined,
      properties: ["C"],
      likelihood: "4",
      impact: "3",
      owner: "slack:U07QWERTY12",
      treatment: undefined,
      controls: ["A.6.3", "A.8.7"],
      treatmentPlan: undefined,
      treatmentDue: "2027-01-31",
      nextReview: undefined,
    });
  });

  it("reads links and numbers from their inputs, and a field with no block as undefined", () => {
    const form = {
      id: "t",
      title: "T",
      submitLabel: "Save",
      fields: [
        { name: "link", label: "Link", kind: "url" as const, required: false },
        { name: "budget", label: "Budget", kind: "number" as const, required: false },
        { name: "missing", label: "Missing", kind: "text" as const, required: false },
      ],
    };
    const state: StateValues = {
      link: { value: { type: "url_text_input", value: "https://wiki.example.com/backup" } },
      budget: { value: { type: "number_input", value: "12.5" } },
    };
    expect(viewStateToValues(form, state)).toEqual({
      link: "https://wiki.example.com/backup",
      budget: "12.5",
      missing: undefined,
    });
  });

  it("round-trips a prefilled form through the modal and back to the same values", () => {
    const form = updateRiskForm(5, realisticRisk);
    const values = viewStateToValues(form, submitUnchanged(formToModal(form, "{}")));
    const expected = Object.fromEntries(form.fields.map((field) => [field.name, field.initial]));
    expect(values).toEqual(expected);
    const checked = validateForm(form, values, (field, value) =>
      field.kind === "person" ? value.startsWith("slack:") : /^A\.\d+\.\d+$/.test(value),
    );
    expect(checked).toMatchObject({
      ok: true,
      values: { likelihood: "3", owner: "slack:U024BE7LH", status: "treating" },
    });
  });
});

describe("uploadedFile", () => {
  it("gives the name and permalink of the file attached to the evidence form", () => {
    const state: StateValues = {
      ...submitUnchanged(formToModal(submitEvidenceForm("A.8.13"), "{}", { fileUpload: true })),
      upload: { file: { type: "file_input", files: [slackFile] } },
    };
    expect(uploadedFile(state)).toEqual({
      name: "backup-restore-test-2026-11.pdf",
      permalink: "https://acme.slack.com/files/U024BE7LH/F07ABCD1234/backup-restore-test-2026-11.pdf",
    });
  });

  it("is undefined when no file was attached or the form has no upload", () => {
    expect(uploadedFile({ upload: { file: { type: "file_input", files: [] } } })).toBeUndefined();
    expect(uploadedFile(newRiskState)).toBeUndefined();
  });
});

describe("errorsResponse", () => {
  it("keeps the modal open with a message under each refused field, at most 2,000 characters", () => {
    const response = errorsResponse({ link: "Link must be a web link.", title: "x ".repeat(1500) });
    expect(response.response_action).toBe("errors");
    expect(response.errors.link).toBe("Link must be a web link.");
    expect(response.errors.title?.length).toBeLessThanOrEqual(2000);
    expect(Object.keys(response.errors)).toEqual(["link", "title"]);
  });
});
