/** Renders the core's neutral reply as plain terminal text. Buttons become numbered choices the person can type. */
import { type Block, type Button, isWebLink, type Reply } from "../../src/core/reply.js";

/** Removes terminal control characters, so that text from people or files cannot move the cursor or recolour. */
export function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

function wrap(text: string, indent: string, width = 100): string {
  const lines: string[] = [];
  let line = "";
  for (const word of plain(text).split(/\s+/)) {
    if (line && line.length + word.length + 1 > width - indent.length) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join("\n");
}

function renderBlock(block: Block, buttons: Button[]): string {
  switch (block.type) {
    case "heading":
      return `\n${plain(block.text)}\n${"─".repeat(Math.min(plain(block.text).length, 100))}`;
    case "paragraph":
      return block.label ? `${plain(block.label)}:\n${wrap(block.text, "  ")}` : wrap(block.text, "");
    case "fields":
      return block.fields.map((field) => `${plain(field.label)}: ${plain(field.value)}`).join("\n");
    case "list": {
      const items = block.items.map((item) => wrap(item, "    ").replace(/^ {4}/, "  • "));
      return [...(block.label ? [`${plain(block.label)}:`] : []), ...items].join("\n");
    }
    case "notice":
      return `${block.tone === "warning" ? "! " : "i "}${wrap(block.text, "").replace(/\n/g, "\n  ")}`;
    case "file":
      return `${plain(block.title)}: ${plain(block.path)}`;
    case "link":
      return isWebLink(block.url) ? `${plain(block.label)}: ${plain(block.url)}` : plain(block.label);
    case "form": {
      const lines = [`${plain(block.form.title)}:`];
      for (const field of block.form.fields) {
        const error = block.errors?.[field.name];
        lines.push(
          `  ${plain(field.label)}${field.required ? " (required)" : ""}${error ? ` ! ${plain(error)}` : ""}`,
        );
      }
      return lines.join("\n");
    }
    case "actions": {
      const start = buttons.length;
      buttons.push(...block.buttons);
      return block.buttons
        .map((button, index) => `[${start + index + 1}] ${plain(button.label)}`)
        .join("   ");
    }
  }
}

export interface RenderedReply {
  text: string;
  /** The buttons in the order they were numbered; typing "2" presses the second. */
  buttons: Button[];
}

export function renderReply(reply: Reply): RenderedReply {
  const buttons: Button[] = [];
  const parts =
    reply.blocks.length > 0 ? reply.blocks.map((block) => renderBlock(block, buttons)) : [plain(reply.text)];
  return {
    text: parts
      .filter((part) => part !== "")
      .join("\n")
      .replace(/^\n+/, ""),
    buttons,
  };
}
