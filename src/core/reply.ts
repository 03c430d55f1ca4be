/**
 * The neutral reply model: what the core answers, before any platform renders it. Adapters turn it into console
 * text, Slack Block Kit or Teams Adaptive Cards. Text here is plain: adapters escape it for their markup.
 */
import type { FormDefinition } from "./forms.js";

/** A button; pressing it is the same as the person typing `ask` into the chat. */
export interface Button {
  label: string;
  ask: string;
  style?: "primary" | "danger";
}

export interface Field {
  label: string;
  value: string;
}

export type Block =
  | { type: "heading"; text: string }
  | { type: "paragraph"; text: string; label?: string }
  | { type: "fields"; fields: Field[] }
  | { type: "list"; label?: string; items: string[] }
  | { type: "notice"; tone: "info" | "warning"; text: string }
  | { type: "actions"; buttons: Button[] }
  /** A file written on the bot's machine for the person to download (an export); adapters upload or link it. */
  | { type: "file"; path: string; name: string; title: string }
  /** A link to a web page (a policy); only http(s) URLs, and adapters show any other as plain text, never a link. */
  | { type: "link"; label: string; url: string }
  /** A form to fill in; `errors` holds a message per field name when a submission was refused. */
  | { type: "form"; form: FormDefinition; errors?: Record<string, string> };

export interface Reply {
  /** A one-line plain summary: notification text and the fallback where blocks cannot be shown. */
  text: string;
  blocks: Block[];
  /** "private" replies are shown only to the person who asked (ephemeral in Slack, 1:1 chat in Teams). */
  visibility: "public" | "private";
  /** People (person keys) whose open items this reply's change touched, so adapters can refresh what they show. */
  affects?: string[];
}

/** Whether `url` is an absolute http(s) link with a host: the only kind a link block may open. */
export function isWebLink(url: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(url)) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "https:" || parsed.protocol === "http:") && parsed.hostname !== "";
  } catch {
    return false;
  }
}

export function reply(text: string, blocks: Block[] = [], visibility: Reply["visibility"] = "public"): Reply {
  return { text, blocks, visibility };
}
