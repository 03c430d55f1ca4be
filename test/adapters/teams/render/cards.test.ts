/**
 * Every kind of card the Teams app sends, checked by the `adaptivecards` library (schema 1.5) and against Teams'
 * 28 KB: each reply block, every form with and without errors, the messaging extension's result, a reminder, and the
 * largest control and clause cards in the catalogue.
 */

import { afterAll, describe, expect, it } from "vitest";
import { type AdaptiveCard, MAX_CARD_BYTES, replyToCards } from "../../../../adapters/teams/render/card.js";
import { searchResult, shareableCard } from "../../../../adapters/teams/render/search-results.js";
import { FORM_IDS } from "../../../../src/conversations/form-definitions.js";
import { clauseCard, controlCard } from "../../../../src/core/answers/cards.js";
import { topicCard } from "../../../../src/core/answers/topic-answer.js";
import type { Block, Reply } from "../../../../src/core/reply.js";
import { reminderReply } from "../../../../src/scheduling/reminders.js";
import { controlChoices } from "../../../../src/search/lookup.js";
import { testBot } from "../../../support/bot.js";
import { realCatalogue } from "../../../support/catalogue.js";
import { riskInput } from "../../../support/records.js";
import { cardProblems, cardSize } from "../../../support/teams/adaptive-cards.js";

const { catalogue } = realCatalogue();
const controls = controlChoices(catalogue);
const options = { controls, exportLink: (path: string) => `https://isms.example.com/exports/${path.length}` };

function expectValid(cards: AdaptiveCard[]) {
  expect(cards.length).toBeGreaterThan(0);
  for (const card of cards) {
    expect(cardProblems(card)).toEqual([]);
    expect(cardSize(card)).toBeLessThan(MAX_CARD_BYTES);
  }
}

const hostile = "[Click here](https://evil.example) **urgent** <at>Everyone</at> &amp; _x_";

const everyBlock: Block[] = [
  { type: "heading", text: `Risk R-001 ${hostile}` },
  { type: "paragraph", text: `First line\nSecond line ${hostile}` },
  { type: "paragraph", label: "Why it matters", text: hostile },
  {
    type: "fields",
    fields: [
      { label: "Owner", value: hostile },
      { label: "Empty", value: "" },
    ],
  },
  { type: "list", label: "Controls", items: ["A.8.1 User endpoint devices", hostile, ""] },
  { type: "list", items: ["unlabelled"] },
  { type: "notice", tone: "warning", text: hostile },
  { type: "notice", tone: "info", text: "Saved." },
  {
    type: "actions",
    buttons: [
      { label: "Accept", ask: "accept risk R-001", style: "primary" },
      { label: "Reject", ask: "reject", style: "danger" },
      ...Array.from({ length: 6 }, (_, i) => ({ label: `More ${i}`, ask: `more ${i}` })),
    ],
  },
  { type: "file", path: "/srv/isms/exports/soa.xlsx", name: "soa.xlsx", title: "Statement of Applicability" },
  { type: "link", label: `Read the policy ${hostile}`, url: "https://intranet.example.com/policies/remote" },
];

describe("reply blocks as Adaptive Cards", () => {
  it("renders every block type into a valid 1.5 card under 28 KB", () => {
    const cards = replyToCards({ text: "All blocks", visibility: "public", blocks: everyBlock }, options);
    expectValid(cards);
    expect(cards).toHaveLength(1);
  });

  it("shows every text as a TextRun, exactly as written: Teams never reads a TextRun as markdown", () => {
    const [card] = replyToCards({ text: "All blocks", visibility: "public", blocks: everyBlock }, options);
    const json = JSON.stringify(card);
    expect(json).not.toContain('"TextBlock"');
    expect(json).toContain(JSON.stringify(hostile));
  });

  it("is checked by a validator that does catch what Teams would refuse", () => {
    const broken = {
      type: "AdaptiveCard",
      version: "1.5",
      body: [{ type: "Input.Text", id: "a", isRequired: true }],
    };
    expect(cardProblems(broken)).toEqual([
      "RequiredInputsShouldHaveLabel: Required inputs should have a label",
      "RequiredInputsShouldHaveErrorMessage: Required inputs should have an error message",
    ]);
    expect(cardProblems({ ...broken, version: "1.6", body: [] })).toContain(
      "Version: the card says 1.6, Teams wants 1.5",
    );
  });

  it("renders an export without a download link as a valid card saying where the file is", () => {
    const [file] = everyBlock.filter((block) => block.type === "file");
    const cards = replyToCards({ text: "Export", visibility: "private", blocks: [file as Block] });
    expectValid(cards);
    expect(JSON.stringify(cards)).toContain("/srv/isms/exports/soa.xlsx");
  });

  it("spreads a reply too long for one card over several valid cards, a heading never last", () => {
    const items = Array.from({ length: 400 }, (_, i) => `Item ${i} ${"text ".repeat(20)}`);
    const reply: Reply = {
      text: "Long",
      visibility: "public",
      blocks: [
        { type: "heading", text: "Part one" },
        { type: "list", items },
        { type: "heading", text: "Part two" },
        { type: "list", items },
      ],
    };
    const cards = replyToCards(reply);
    expect(cards.length).toBeGreaterThan(2);
    expectValid(cards);
    for (const card of cards) expect(JSON.stringify(card.body.at(-1))).not.toContain('"size":"Large"');
  });

  it("renders an empty reply as its summary", () => {
    expectValid(replyToCards({ text: "Only text", visibility: "public", blocks: [] }));
  });
});

describe("forms as Adaptive Cards", () => {
  const t = testBot();
  afterAll(() => t.close());
  t.records.people.addAdmin("console:admin", "test");
  const risk = t.records.risks.create(
    riskInput({ title: `Laptop theft ${hostile}`, owner: "console:admin", description: "d".repeat(2000) }),
    "console:admin",
  );
  const evidence = t.records.evidence.submit(
    {
      target: "A.8.13",
      title: "Restore test",
      description: null,
      link: null,
      fileName: null,
      periodStart: null,
      periodEnd: null,
    },
    null,
    "console:bob",
  );
  const asks = [
    "log a risk about lost laptops",
    `update risk ${risk.ref}`,
    `accept risk ${risk.ref}`,
    "submit evidence for A.8.13",
    `review ${evidence.ref}`,
    "set owner of A.8.13",
    "add a date to the ISMS calendar",
    "change reminder settings",
    "set house rule for A.6.7",
  ];

  it.each(asks)(
    "renders the form for '%s' as a valid card, then again with an error under every field",
    async (ask) => {
      const reply = await t.ask("admin", ask);
      const block = reply.blocks.find((each) => each.type === "form");
      expect(block?.type).toBe("form");
      if (block?.type !== "form") return;
      expectValid(replyToCards(reply, options));
      expectValid(replyToCards(reply)); // controls typed as ids when the core offers no list
      const errors = Object.fromEntries(
        block.form.fields.map((field) => [field.name, `${field.label} ${hostile}`]),
      );
      const refused: Reply = {
        ...reply,
        blocks: [
          { type: "notice", tone: "warning", text: "Please correct these fields." },
          { ...block, errors },
        ],
      };
      const [card] = replyToCards(refused, { ...options, formKey: "key-1" });
      expectValid(card ? [card] : []);
      expect(JSON.stringify(card)).toContain('"key":"key-1"');
    },
  );

  it("covers every form the core defines", async () => {
    const ids = new Set<string>();
    for (const ask of asks) {
      const block = (await t.ask("admin", ask)).blocks.find((each) => each.type === "form");
      if (block?.type === "form") ids.add(block.form.id);
    }
    expect([...ids].sort()).toEqual([...FORM_IDS].sort());
  });
});

describe("the messaging extension's result and reminders", () => {
  it("renders a control as a valid shareable card with a preview", () => {
    const control = catalogue.control("A.8.9");
    if (!control) throw new Error("A.8.9 missing");
    const answer = controlCard(catalogue, control);
    const result = { kind: "control" as const, id: "A.8.9", title: control.title, score: 1 };
    const attachment = searchResult(result, shareableCard(answer, result));
    expectValid([attachment.content]);
    expect(attachment.preview.content.title).toBe("A.8.9 Configuration management");
    expect(JSON.stringify(attachment.content)).not.toContain("Action.Submit");
  });

  it("renders a reminder with its buttons as a valid card", () => {
    const reply = reminderReply([
      {
        recipient: "teams:aad-bob",
        kind: "evidence-due",
        itemKey: "control:A.8.13",
        period: "due-14",
        text: "Evidence for A.8.13 Information backup is due on 2027-03-31.",
        ask: "submit evidence for A.8.13",
      },
      {
        recipient: "teams:aad-bob",
        kind: "risk-review",
        itemKey: "risk:R-001",
        period: "review-2027-03",
        text: "Risk R-001 Laptop theft is due for review.",
        ask: "show R-001",
      },
    ]);
    const cards = replyToCards(reply);
    expectValid(cards);
    expect(JSON.stringify(cards)).toMatch(/Snooze 1 week.*Mark reviewed/);
  });
});

describe("the largest catalogue entries", () => {
  const size = (reply: Reply) => JSON.stringify(reply).length;
  const largest = <T>(items: readonly T[], card: (item: T) => Reply) =>
    items.map(card).reduce((a, b) => (size(a) >= size(b) ? a : b));

  it("fit the longest control card into one valid card", () => {
    const reply = largest(catalogue.controls, (control) => controlCard(catalogue, control));
    const cards = replyToCards(reply);
    expect(cards).toHaveLength(1);
    expectValid(cards);
  });

  it("fit every topic into one valid card", () => {
    for (const topic of catalogue.topics) {
      const cards = replyToCards(topicCard(catalogue, topic));
      expect(cards, topic.id).toHaveLength(1);
      expectValid(cards);
    }
  });

  it("fit the longest clause card into one valid card", () => {
    const reply = largest(catalogue.clauses, (clause) => clauseCard(catalogue, clause));
    const cards = replyToCards(reply);
    expect(cards).toHaveLength(1);
    expectValid(cards);
  });
});
