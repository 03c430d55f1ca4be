/**
 * The core's neutral blocks as Adaptive Card elements (schema 1.5, as Teams supports): headings, paragraphs, fields,
 * lists and notices as plain text runs, buttons as Action.Submit whose data the adapter turns back into what the
 * button says, and an export as a download link when the server can offer one.
 */
import { type Block, type Button, isWebLink } from "../../../src/core/reply.js";
import type { AskData } from "./submit-data.js";
import { type CardElement, labelled, line, lines, run, truncate } from "./text.js";

/** Teams shows up to six actions in a set; the validator's default host allows five. */
const MAX_ACTIONS = 5;
const MAX_TITLE = 80;

export interface BlockOptions {
  /** A download link for an export file the core wrote; undefined when none can be made. */
  exportLink?: (path: string) => string | undefined;
}

function askAction(button: Button): CardElement {
  const data: AskData = { isms: "ask", ask: button.ask.slice(0, 2000) };
  return {
    type: "Action.Submit",
    title: truncate(button.label.trim(), MAX_TITLE) || "…",
    data,
    // A button on a form card says something; it must not check or send the form's inputs.
    associatedInputs: "none",
    ...(button.style === "primary"
      ? { style: "positive" }
      : button.style === "danger"
        ? { style: "destructive" }
        : {}),
  };
}

export function actionSets(buttons: Button[]): CardElement[] {
  const sets: CardElement[] = [];
  for (let start = 0; start < buttons.length; start += MAX_ACTIONS) {
    sets.push({ type: "ActionSet", actions: buttons.slice(start, start + MAX_ACTIONS).map(askAction) });
  }
  return sets;
}

function fileElements(block: Extract<Block, { type: "file" }>, options: BlockOptions): CardElement[] {
  const link = options.exportLink?.(block.path);
  const title = lines(block.title, { weight: "Bolder" });
  if (link)
    return [
      ...title,
      {
        type: "ActionSet",
        actions: [
          { type: "Action.OpenUrl", title: truncate(`Download ${block.name}`, MAX_TITLE), url: link },
        ],
      },
    ];
  // Teams bots cannot drop a file into a chat without a download link: say where it is instead.
  return [
    ...title,
    line([run(`The file ${block.name} was written on the bot's server at ${block.path}.`)], "Small"),
    line([run("Ask whoever runs isms-bot for it.", { isSubtle: true })], "None"),
  ];
}

/**
 * A web link as a button that opens it (Teams clients do not reliably open a TextRun's selectAction); anything but an
 * http(s) URL is shown as its label, as text.
 */
function linkElements(block: Extract<Block, { type: "link" }>): CardElement[] {
  if (!isWebLink(block.url)) return lines(block.label);
  const title = truncate(block.label.replace(/\s+/g, " ").trim(), MAX_TITLE) || "Open link";
  return [{ type: "ActionSet", actions: [{ type: "Action.OpenUrl", title, url: block.url }] }];
}

/** The elements for one block; a form is rendered by form.ts and never comes here. */
export function blockElements(block: Exclude<Block, { type: "form" }>, options: BlockOptions): CardElement[] {
  switch (block.type) {
    case "heading":
      return lines(block.text, { size: "Large", weight: "Bolder" });
    case "paragraph":
      return [...(block.label?.trim() ? lines(block.label, { weight: "Bolder" }) : []), ...lines(block.text)];
    case "fields":
      return block.fields.flatMap((field) => labelled(field.label, field.value));
    case "list": {
      const items = block.items
        .map((item) => item.replace(/\s*\n\s*/g, " ").trim())
        .filter((item) => item !== "")
        .map((item) => line([run(`• ${item}`)], "None"));
      const label = block.label?.trim() ? lines(block.label, { weight: "Bolder" }) : [];
      return items.length > 0 || label.length > 0 ? [...label, ...items] : [];
    }
    case "notice": {
      const icon = block.tone === "warning" ? "⚠️ " : "ℹ️ ";
      const items = lines(`${icon}${block.text.trim()}`);
      if (!block.text.trim()) return [];
      return [{ type: "Container", style: block.tone === "warning" ? "warning" : "emphasis", items }];
    }
    case "actions":
      return actionSets(block.buttons);
    case "file":
      return fileElements(block, options);
    case "link":
      return linkElements(block);
  }
}
