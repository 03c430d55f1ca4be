import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { replyToMessages } from "../../../../adapters/slack/render/blocks.js";
import {
  newRiskForm,
  submitEvidenceForm,
  updateRiskForm,
} from "../../../../src/conversations/form-definitions.js";
import { topicCard } from "../../../../src/core/answers/topic-answer.js";
import { type Block, reply } from "../../../../src/core/reply.js";
import { realCatalogue } from "../../../support/catalogue.js";
import { hostileText, realisticRisk, textsOf } from "./fixtures.js";

const blocksOf = (...blocks: Block[]) => {
  const messages = replyToMessages(reply("Summary", blocks));
  expect(messages).toHaveLength(1);
  return messages[0]?.blocks ?? [];
};

describe("replyToMessages: one Slack block per neutral block", () => {
  it("renders a heading as a plain-text header", () => {
    expect(blocksOf({ type: "heading", text: "A.8.13 Information backup" })).toEqual([
      { type: "header", text: { type: "plain_text", text: "A.8.13 Information backup" } },
    ]);
  });

  it("cuts a heading to Slack's 150 characters", () => {
    const [header] = blocksOf({ type: "heading", text: "Backup ".repeat(40) });
    expect(header).toMatchObject({ type: "header" });
    const text = header?.type === "header" ? header.text.text : "";
    expect(text.length).toBeLessThanOrEqual(150);
    expect(text.endsWith("…")).toBe(true);
  });

  it("renders a paragraph as a mrkdwn section with its label in bold", () => {
    expect(
      blocksOf({ type: "paragraph", label: "Purpose", text: "To keep copies of information for recovery." }),
    ).toEqual([
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "*Purpose*\nTo keep copies of information for recovery.",
          verbatim: true,
        },
      },
    ]);
  });

  it("splits a 3,001-character paragraph over two sections of at most 3,000", () => {
    const text = `${"risk ".repeat(600)}x`;
    expect(text.length).toBe(3001);
    const blocks = blocksOf({ type: "paragraph", text });
    expect(blocks).toHaveLength(2);
    for (const text of textsOf(blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(textsOf(blocks).join(" ")).toBe(text);
  });

  it("renders fields as section fields, label in bold over the value, ten per section", () => {
    const fields = Array.from({ length: 11 }, (_, i) => ({ label: `Risk R-${i + 1}`, value: "High" }));
    const blocks = blocksOf({ type: "fields", fields });
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatchObject({ type: "section" });
    expect(blocks[0]?.type === "section" && blocks[0].fields).toHaveLength(10);
    expect(blocks[1]).toEqual({
      type: "section",
      fields: [{ type: "mrkdwn", text: "*Risk R-11*\nHigh", verbatim: true }],
    });
  });

  it("cuts a field value to 2,000 characters", () => {
    const [block] = blocksOf({ type: "fields", fields: [{ label: "Plan", value: "encrypt ".repeat(400) }] });
    const [field] = block?.type === "section" ? (block.fields ?? []) : [];
    expect(field?.text.length).toBeLessThanOrEqual(2000);
    expect(field?.text.startsWith("*Plan*\nencrypt")).toBe(true);
  });

  it("renders a list as bullet lines under its bold label", () => {
    expect(
      blocksOf({ type: "list", label: "Open items", items: ["R-001 Laptop theft", "E-004 due"] }),
    ).toEqual([
      {
        type: "section",
        text: { type: "mrkdwn", text: "*Open items*\n• R-001 Laptop theft\n• E-004 due", verbatim: true },
      },
    ]);
  });

  it("splits a long list between items, at most 3,000 characters a section", () => {
    const items = Array.from({ length: 120 }, (_, i) => `A.5.${i} ${"policy ".repeat(6)}`.trim());
    const blocks = blocksOf({ type: "list", items });
    expect(blocks.length).toBeGreaterThan(1);
    const lines = textsOf(blocks).flatMap((text) => text.split("\n"));
    expect(lines).toEqual(items.map((item) => `• ${item}`));
    for (const text of textsOf(blocks)) expect(text.length).toBeLessThanOrEqual(3000);
  });

  it("renders notices as context blocks with an icon for their tone", () => {
    expect(
      blocksOf(
        { type: "notice", tone: "info", text: "Saved." },
        { type: "notice", tone: "warning", text: "Above appetite." },
      ),
    ).toEqual([
      { type: "context", elements: [{ type: "mrkdwn", text: "ℹ️ Saved.", verbatim: true }] },
      { type: "context", elements: [{ type: "mrkdwn", text: "⚠️ Above appetite.", verbatim: true }] },
    ]);
  });

  it("renders buttons with ids unique in the message, the ask as value and a style only when set", () => {
    expect(
      blocksOf(
        { type: "actions", buttons: [{ label: "Accept", ask: "accept risk R-003", style: "primary" }] },
        { type: "actions", buttons: [{ label: "Show R-003", ask: "show risk R-003" }] },
      ),
    ).toEqual([
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: "ask:1",
            text: { type: "plain_text", text: "Accept" },
            value: "accept risk R-003",
            style: "primary",
          },
        ],
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: "ask:2",
            text: { type: "plain_text", text: "Show R-003" },
            value: "show risk R-003",
          },
        ],
      },
    ]);
  });

  it("spreads more than 25 buttons over several actions blocks and cuts long labels to 75", () => {
    const buttons = Array.from({ length: 26 }, (_, i) => ({
      label: `Show control A.5.${i} `.repeat(6),
      ask: `A.5.${i}`,
    }));
    const blocks = blocksOf({ type: "actions", buttons });
    expect(blocks.map((block) => (block.type === "actions" ? block.elements.length : 0))).toEqual([25, 1]);
    const elements = blocks.flatMap((block) => (block.type === "actions" ? block.elements : []));
    expect(new Set(elements.map((element) => element.action_id)).size).toBe(26);
    for (const element of elements) {
      expect(element.type === "button" && element.text.text.length).toBeLessThanOrEqual(75);
    }
  });

  it("names an export file in a section (the adapter uploads it)", () => {
    expect(
      blocksOf({
        type: "file",
        path: "/tmp/x/soa.xlsx",
        name: "soa.xlsx",
        title: "Statement of Applicability",
      }),
    ).toEqual([{ type: "section", text: { type: "mrkdwn", text: "File: soa.xlsx", verbatim: true } }]);
  });

  it("renders a form as a section whose button carries the form id, context and prefills", () => {
    const form = updateRiskForm(5, realisticRisk);
    const [block] = blocksOf({ type: "form", form });
    expect(block).toMatchObject({
      type: "section",
      text: { type: "mrkdwn", text: "*Update R-003*\nThis form opens in a window.", verbatim: true },
      accessory: { type: "button", action_id: "open_form", text: { type: "plain_text", text: "Open form" } },
    });
    const value =
      block?.type === "section" && block.accessory?.type === "button" ? block.accessory.value : "";
    expect(JSON.parse(value ?? "")).toEqual({
      formId: "update-risk",
      context: { risk: "R-003" },
      initial: {
        title: "Laptop theft",
        description: "Laptops left in cars are stolen.",
        assets: "Laptops",
        threat: "Theft",
        vulnerability: "No disk encryption",
        properties: ["C", "A"],
        likelihood: "3",
        impact: "4",
        owner: "slack:U024BE7LH",
        treatment: "modify",
        controls: ["A.8.1", "A.8.24"],
        treatmentPlan: "Enable FileVault on all Macs.",
        treatmentDue: "2026-12-31",
        nextReview: "2027-06-30",
        status: "treating",
      },
    });
  });

  it("drops the longest prefills, and only as many as needed, to keep the form button value within 2,000", () => {
    const form = updateRiskForm(5, {
      ...realisticRisk,
      description: "d".repeat(1990),
      treatmentPlan: "p".repeat(1500),
    });
    const [block] = blocksOf({ type: "form", form });
    const value =
      block?.type === "section" && block.accessory?.type === "button" ? (block.accessory.value ?? "") : "";
    expect(value.length).toBeLessThanOrEqual(2000);
    const parsed = JSON.parse(value);
    expect(parsed.initial.description).toBeUndefined();
    expect(parsed.initial.treatmentPlan).toBe("p".repeat(1500));
    expect(parsed.initial.title).toBe("Laptop theft");
    expect(parsed.context).toEqual({ risk: "R-003" });
  });

  it("lists the refusals of the last submission under the form's title", () => {
    const [block] = blocksOf({
      type: "form",
      form: submitEvidenceForm("A.8.13"),
      errors: { link: "Link must be a web link." },
    });
    expect(block?.type === "section" && block.text?.text).toBe(
      "*Submit evidence for A.8.13*\nThis form opens in a window.\n• Link: Link must be a web link.",
    );
  });

  it("renders no section for a blank paragraph or an empty list", () => {
    expect(
      blocksOf(
        { type: "paragraph", text: "  " },
        { type: "list", items: [] },
        { type: "heading", text: "Done" },
      ),
    ).toEqual([{ type: "header", text: { type: "plain_text", text: "Done" } }]);
  });
});

describe("replyToMessages: escaping", () => {
  it("escapes text of every kind, so no mention or link can form", () => {
    const blocks: Block[] = [
      { type: "heading", text: hostileText },
      { type: "paragraph", label: hostileText, text: hostileText },
      { type: "fields", fields: [{ label: hostileText, value: hostileText }] },
      { type: "list", label: hostileText, items: [hostileText] },
      { type: "notice", tone: "warning", text: hostileText },
      { type: "actions", buttons: [{ label: hostileText, ask: "show risk R-003" }] },
      { type: "file", path: "/tmp/x", name: hostileText, title: hostileText },
      { type: "form", form: { ...newRiskForm(5, {}), title: hostileText }, errors: { title: hostileText } },
    ];
    const [message] = replyToMessages(reply(hostileText, blocks));
    const texts = [message?.text ?? "", ...textsOf(message?.blocks ?? [])];
    for (const text of texts) expect(text).not.toMatch(/<|>|&(?!amp;|lt;|gt;)/);
    // The summary, then one text per neutral block; only the form's own "Open form" button holds none of it.
    const escaped = texts.filter((text) => text.includes("&lt;!channel&gt; &amp; &lt;@U1&gt;"));
    expect(escaped).toHaveLength(1 + blocks.length);
    expect(texts.filter((text) => !escaped.includes(text))).toEqual(["Open form"]);
  });

  it("hands a button's ask back exactly as written, since Slack never shows a value", () => {
    const [block] = blocksOf({
      type: "actions",
      buttons: [{ label: "Explain", ask: "explain A.5.1 & A.5.2" }],
    });
    expect(block?.type === "actions" && block.elements[0]?.type === "button" && block.elements[0].value).toBe(
      "explain A.5.1 & A.5.2",
    );
  });
});

describe("replyToMessages: messages", () => {
  const paragraphs = (count: number): Block[] =>
    Array.from({ length: count }, (_, i) => ({ type: "paragraph", text: `Control ${i + 1}` }));

  it("sends the reply's summary, escaped, as the notification text", () => {
    expect(replyToMessages(reply("R-003 <saved>", paragraphs(1)))).toEqual([
      {
        text: "R-003 &lt;saved&gt;",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "Control 1", verbatim: true } }],
      },
    ]);
  });

  it("cuts the notification text to 3,000 characters", () => {
    const [message] = replyToMessages(reply("word ".repeat(1000), paragraphs(1)));
    expect(message?.text.length).toBeLessThanOrEqual(3000);
  });

  it("splits 51 blocks into two messages of 50 and 1", () => {
    const messages = replyToMessages(reply("Your controls", paragraphs(51)));
    expect(messages.map((message) => message.blocks.length)).toEqual([50, 1]);
    expect(messages.map((message) => message.text)).toEqual(["Your controls", "Your controls (continued)"]);
    expect(messages[1]?.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "Control 51", verbatim: true } },
    ]);
  });

  it("moves a heading to the next message with what follows it", () => {
    const blocks: Block[] = [...paragraphs(49), { type: "heading", text: "Risks" }, ...paragraphs(1)];
    const messages = replyToMessages(reply("Overview", blocks));
    expect(messages.map((message) => message.blocks.length)).toEqual([49, 2]);
    expect(messages[1]?.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Risks" } });
  });

  it("spreads a block longer than a message over several, none above 50 blocks", () => {
    const items = Array.from({ length: 3000 }, (_, i) => `R-${i} ${"risk ".repeat(10)}`);
    const messages = replyToMessages(
      reply("All risks", [
        { type: "heading", text: "Risks" },
        { type: "list", items },
      ]),
    );
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.blocks.length).toBeGreaterThan(0);
      expect(message.blocks.length).toBeLessThanOrEqual(50);
    }
    expect(messages[0]?.blocks[0]).toMatchObject({ type: "header" });
  });

  it("sends text alone when there are no blocks, and nothing at all for an empty reply", () => {
    expect(replyToMessages(reply("Saved."))).toEqual([{ text: "Saved.", blocks: [] }]);
    expect(replyToMessages(reply(""))).toEqual([]);
    expect(replyToMessages(reply("", [{ type: "paragraph", text: " " }]))).toEqual([]);
  });

  it("takes the notification text from the first block when the summary is empty", () => {
    const [message] = replyToMessages(reply("", [{ type: "heading", text: "R-003 Laptop theft" }]));
    expect(message?.text).toBe("R-003 Laptop theft");
  });

  it("keeps button ids unique across a message that holds many actions blocks", () => {
    const blocks: Block[] = Array.from({ length: 30 }, (_, i) => ({
      type: "actions",
      buttons: [{ label: `Show R-${i}`, ask: `show risk R-${i}` }],
    }));
    const [message] = replyToMessages(reply("Risks", blocks));
    const ids = (message?.blocks ?? []).flatMap((block: KnownBlock) =>
      block.type === "actions" ? block.elements.map((element) => element.action_id) : [],
    );
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });
});

describe("replyToMessages: every topic", () => {
  it("fits each topic's answer into one message within Slack's limits", () => {
    const { catalogue } = realCatalogue();
    for (const topic of catalogue.topics) {
      const messages = replyToMessages(topicCard(catalogue, topic));
      expect(messages, topic.id).toHaveLength(1);
      for (const text of textsOf(messages[0]?.blocks ?? []))
        expect(text.length, topic.id).toBeLessThanOrEqual(3000);
      expect(JSON.stringify(messages[0]?.blocks)).toContain(topic.title);
    }
  });
});
