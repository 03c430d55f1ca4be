/**
 * A form filled in step by step in the console: one question per field, the current value in brackets (Enter keeps
 * it), choices by number or name, "cancel" to stop. When the core sends the form back with errors, only the wrong
 * fields are asked again.
 */
import type { FormDefinition, FormField, SubmittedValues } from "../../src/core/forms.js";
import { plain } from "./render.js";

export class ConsoleForm {
  private readonly values: SubmittedValues = {};
  private readonly queue: FormField[];
  private position = 0;

  constructor(
    readonly form: FormDefinition,
    readonly key: string,
    errors: Record<string, string> = {},
  ) {
    for (const field of form.fields) if (field.initial !== undefined) this.values[field.name] = field.initial;
    const wrong = form.fields.filter((field) => errors[field.name]);
    this.queue = wrong.length > 0 ? wrong : form.fields;
  }

  get current(): FormField | undefined {
    return this.queue[this.position];
  }

  get submitted(): SubmittedValues {
    return this.values;
  }

  /** The question for the current field, with its choices and current value. */
  question(errors: Record<string, string> = {}): string {
    const field = this.current;
    if (!field) return "";
    const lines: string[] = [];
    const error = errors[field.name];
    if (error) lines.push(`! ${plain(error)}`);
    if (field.hint) lines.push(`  (${plain(field.hint)})`);
    if (field.options)
      lines.push(`  ${field.options.map((option, i) => `${i + 1}) ${plain(option.label)}`).join("  ")}`);
    const now = this.values[field.name];
    const shown = Array.isArray(now) ? now.join(", ") : now;
    lines.push(
      `${plain(field.label)}${field.required ? "" : " (optional)"}${shown ? ` [${plain(shown)}]` : ""}: `,
    );
    return lines.join("\n");
  }

  /** Takes the answer to the current question; returns a problem to show when it cannot be taken as it is. */
  answer(line: string): string | undefined {
    const field = this.current;
    if (!field) return undefined;
    const text = line.trim();
    if (text === "") {
      if (field.required && this.values[field.name] === undefined) return `${field.label} is required.`;
    } else if (text === "-" && !field.required) {
      delete this.values[field.name];
    } else if (field.kind === "multiselect") {
      this.values[field.name] = text
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((item) => this.choice(field, item));
    } else {
      this.values[field.name] = field.options ? this.choice(field, text) : text;
    }
    this.position++;
    return undefined;
  }

  /** "2", "Retain" or "retain" → the option's value; anything else is passed on for the core to judge. */
  private choice(field: FormField, text: string): string {
    const options = field.options ?? [];
    const byNumber =
      /^\d+$/.test(text) && field.optionsSource === undefined ? options[Number(text) - 1] : undefined;
    const byName = options.find(
      (o) => o.value.toLowerCase() === text.toLowerCase() || o.label.toLowerCase() === text.toLowerCase(),
    );
    return (byName ?? byNumber)?.value ?? text;
  }
}
