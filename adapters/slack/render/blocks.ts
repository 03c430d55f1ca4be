/**
 * Renders the core's neutral reply as Slack Block Kit messages: one Slack block (or a few, where Slack's length
 * limits force a split) per neutral block, every piece of text escaped, and at most 50 blocks per message.
 */
import type { ActionsBlock, Button as ButtonElement, KnownBlock, SectionBlock } from "@slack/types";
import { type Block, type Button, isWebLink, type Reply } from "../../../src/core/reply.js";
import { formSection } from "./form-button.js";
import { escapeMrkdwn, splitText, truncate } from "./mrkdwn.js";
import { keepWithNext, pageGroups } from "./paging.js";

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const MAX_BLOCKS = 50;
const MAX_SECTION = 3000;
const MAX_FIELD = 2000;
const CONTINUED = " (continued)";

const bold = (label: string | undefined) => (label?.trim() ? `*${escapeMrkdwn(label.trim())}*` : "");

function section(text: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text, verbatim: true } };
}

function paragraph(text: string, label?: string): KnownBlock[] {
  const head = bold(label);
  const body = escapeMrkdwn(text.trim());
  return splitText(head && body ? `${head}\n${body}` : head || body, MAX_SECTION).map(section);
}

function fields(list: { label: string; value: string }[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let start = 0; start < list.length; start += 10) {
    const texts = list.slice(start, start + 10).map((field) => {
      const value = escapeMrkdwn(field.value.trim()) || "–";
      const text = bold(field.label) ? `${bold(field.label)}\n${value}` : value;
      return { type: "mrkdwn" as const, text: truncate(text, MAX_FIELD), verbatim: true };
    });
    blocks.push({ type: "section", fields: texts });
  }
  return blocks;
}

/** Lines are packed into sections of at most 3000 characters; the label opens the first. */
function list(items: string[], label?: string): KnownBlock[] {
  const lines = items
    .filter((item) => item.trim())
    .map((item) => truncate(`• ${escapeMrkdwn(item.trim())}`, MAX_SECTION));
  if (bold(label)) lines.unshift(truncate(bold(label), MAX_SECTION));
  const texts: string[] = [];
  for (const line of lines) {
    const last = texts.length - 1;
    const current = texts[last];
    if (current !== undefined && current.length + 1 + line.length <= MAX_SECTION)
      texts[last] = `${current}\n${line}`;
    else texts.push(line);
  }
  return texts.map(section);
}

/**
 * A web link as mrkdwn `<url|label>`: the label escaped, and the URL too, with "|" encoded so that it cannot end the
 * URL early. Anything but an http(s) URL, or one too long for a section, is shown as its label alone.
 */
function link(label: string, url: string): KnownBlock[] {
  const shown = truncate(escapeMrkdwn(label.replace(/\s+/g, " ").trim()), 300) || "link";
  if (!isWebLink(url) || url.length > 2500) return [section(shown)];
  return [section(`<${escapeMrkdwn(url.replace(/\|/g, "%7C"))}|${shown}>`)];
}

function buttons(list: Button[], nextId: () => string): KnownBlock[] {
  const elements: ButtonElement[] = list.map((button) => ({
    type: "button",
    action_id: nextId(),
    text: { type: "plain_text", text: truncate(escapeMrkdwn(button.label), 75) || "…" },
    // The value is handed back verbatim as if the person had typed it: it is data, not shown, so not escaped.
    value: button.ask.slice(0, 2000),
    ...(button.style ? { style: button.style } : {}),
  }));
  const blocks: ActionsBlock[] = [];
  for (let start = 0; start < elements.length; start += 25) {
    blocks.push({ type: "actions", elements: elements.slice(start, start + 25) });
  }
  return blocks;
}

function render(block: Block, nextId: () => string): KnownBlock[] {
  switch (block.type) {
    case "heading": {
      const text = truncate(escapeMrkdwn(block.text.trim()), 150);
      return text ? [{ type: "header", text: { type: "plain_text", text } }] : [];
    }
    case "paragraph":
      return paragraph(block.text, block.label);
    case "fields":
      return fields(block.fields);
    case "list":
      return list(block.items, block.label);
    case "notice": {
      const icon = block.tone === "warning" ? "⚠️" : "ℹ️";
      const text = truncate(`${icon} ${escapeMrkdwn(block.text.trim())}`, MAX_SECTION);
      return [{ type: "context", elements: [{ type: "mrkdwn", text, verbatim: true }] }];
    }
    case "actions":
      return buttons(block.buttons, nextId);
    case "file":
      return [section(truncate(`File: ${escapeMrkdwn(block.name)}`, MAX_SECTION))];
    case "link":
      return link(block.label, block.url);
    case "form":
      return [formSection(block.form, block.errors)];
  }
}

/** The notification text: the reply's summary, else the first text among its blocks. */
function fallback(reply: Reply): string {
  const first = reply.blocks.map((block) => ("text" in block ? block.text : "")).find((text) => text.trim());
  return escapeMrkdwn((reply.text.trim() || first || "").trim());
}

/** The reply as one or more Slack messages (`chat.postMessage` arguments); never an empty message. */
export function replyToMessages(reply: Reply): SlackMessage[] {
  let buttonCount = 0;
  const nextId = () => `ask:${++buttonCount}`;
  const groups = reply.blocks.map((block) => ({
    items: render(block, nextId),
    heading: block.type === "heading",
  }));
  const pages = pageGroups(keepWithNext(groups.filter((group) => group.items.length > 0)), MAX_BLOCKS);
  const text = fallback(reply);
  if (pages.length === 0) return text ? [{ text: truncate(text, MAX_SECTION), blocks: [] }] : [];
  return pages.map((blocks, index) => ({
    text:
      index === 0
        ? truncate(text, MAX_SECTION)
        : `${truncate(text, MAX_SECTION - CONTINUED.length)}${CONTINUED}`,
    blocks,
  }));
}
