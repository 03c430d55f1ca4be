/**
 * Renders a neutral reply as Adaptive Cards (schema and version 1.5). A reply is one card, or several when it would
 * pass Teams' 28 KB: blocks are packed in order, a heading stays with what follows it. A reply holding a form is
 * always one card, because a Submit collects only the inputs of its own card.
 */
import { randomUUID } from "node:crypto";
import type { Block, Reply } from "../../../src/core/reply.js";
import { type BlockOptions, blockElements } from "./blocks.js";
import { type FormChoices, formParts } from "./form.js";
import { type CardElement, lines } from "./text.js";

export const CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
export const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/** Teams refuses cards past 28 KB in some places (messaging extensions); every card stays under it. */
export const MAX_CARD_BYTES = 28 * 1024;
/** What the packer fills up to, leaving room for the card's own wrapping. */
const PACK_BYTES = 27 * 1024;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: typeof CARD_SCHEMA;
  version: "1.5";
  body: CardElement[];
  actions?: CardElement[];
  msteams: { width: "Full" };
}

export interface RenderOptions extends BlockOptions, FormChoices {
  /** The submission key of the card being shown again; a new card gets a new key. */
  formKey?: string;
}

export function card(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: "1.5",
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: "Full" },
  };
}

export const cardBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), "utf8");

/** Groups of elements, one per block, each heading joined to the group after it. */
function groups(blocks: Exclude<Block, { type: "form" }>[], options: BlockOptions): CardElement[][] {
  const joined: CardElement[][] = [];
  let carry: CardElement[] = [];
  for (const block of blocks) {
    const elements = blockElements(block, options);
    if (elements.length === 0) continue;
    if (block.type === "heading") carry = [...carry, ...elements];
    else {
      joined.push([...carry, ...elements]);
      carry = [];
    }
  }
  if (carry.length > 0) joined.push(carry);
  return joined;
}

/** Packs groups into card bodies under the size limit; a group too large for one card is spread over several. */
function pack(list: CardElement[][]): CardElement[][] {
  const bodies: CardElement[][] = [];
  let body: CardElement[] = [];
  const fits = (more: CardElement[]) => cardBytes(card([...body, ...more])) <= PACK_BYTES;
  for (const group of list) {
    if (body.length > 0 && !fits(group)) {
      bodies.push(body);
      body = [];
    }
    for (const element of group) {
      if (body.length > 0 && !fits([element])) {
        bodies.push(body);
        body = [];
      }
      body.push(element);
    }
  }
  if (body.length > 0) bodies.push(body);
  return bodies;
}

/** The reply as one or more cards; never none (an empty reply shows its summary text). */
export function replyToCards(reply: Reply, options: RenderOptions = {}): AdaptiveCard[] {
  const form = reply.blocks.find((block) => block.type === "form");
  if (form?.type === "form") {
    const parts = formParts(form.form, options.formKey ?? randomUUID(), form.errors, options);
    const before = groups(
      reply.blocks.filter((block) => block.type !== "form"),
      options,
    ).flat();
    return [card([...before, ...parts.body], [parts.submit])];
  }
  const bodies = pack(groups(reply.blocks as Exclude<Block, { type: "form" }>[], options));
  if (bodies.length > 0) return bodies.map((body) => card(body));
  return [card(lines(reply.text || "…"))];
}
