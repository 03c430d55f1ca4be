import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONFIDENT_SCORE, searchAnswer } from "../../src/core/answers/search-answer.js";
import type { Reply } from "../../src/core/reply.js";
import type { SearchHit } from "../../src/search/engine.js";
import { notices, type TestBot, testBot } from "../support/bot.js";
import { realCatalogue } from "../support/catalogue.js";

let t: TestBot;
beforeEach(async () => {
  t = testBot();
  for (const user of ["alice", "bob", "carol"]) await t.ask(user, "help");
  t.records.people.addAdmin("console:alice", "test");
});
afterEach(() => t.close());

const buttons = (reply: Reply) =>
  reply.blocks.flatMap((block) => (block.type === "actions" ? block.buttons : []));
const passOn = (reply: Reply) => buttons(reply).find((button) => button.label === "Pass to the ISMS manager");
const rows = () =>
  (t.records.db.prepare("SELECT COUNT(*) AS n FROM open_questions").get() as { n: number }).n;
/** The questions listed to an admin, as their labels, in order. */
const listed = (reply: Reply) =>
  reply.blocks.flatMap((block) => (block.type === "paragraph" && block.label ? [block.label] : []));

describe("a question the bot cannot answer", () => {
  it("says it found nothing and offers to pass the question to the ISMS manager", async () => {
    const reply = await t.ask("bob", "blorp the snazzle");
    expect(reply.text).toMatch(/^I found nothing about "blorp the snazzle"/);
    expect(reply.blocks).toContainEqual(
      expect.objectContaining({
        type: "paragraph",
        text: expect.stringMatching(/pass your question to the ISMS manager/),
      }),
    );
    expect(passOn(reply)?.ask).toBe("pass to the ISMS manager: blorp the snazzle");
  });

  it("when it is not sure, shows the closest matches and the pass-on button after them", () => {
    const { catalogue } = realCatalogue();
    const weak: SearchHit[] = ["A.5.3", "A.6.1"].map((id, i) => {
      const entry = catalogue.control(id);
      if (!entry) throw new Error(`no ${id}`);
      return { entry, score: CONFIDENT_SCORE / (2 + i) };
    });
    const reply = searchAnswer(catalogue, "what is the capital of france?", weak);
    expect(reply.text).toMatch(/^I'm not sure what "what is the capital of france\?" is about/);
    expect(buttons(reply).map((button) => button.ask)).toEqual([
      "A.5.3",
      "A.6.1",
      "pass to the ISMS manager: what is the capital of france?",
    ]);
  });

  it("passes the question on when the button is pressed, and says which admins will see it", async () => {
    const button = passOn(await t.ask("bob", "blorp the snazzle"));
    const reply = await t.ask("bob", button?.ask ?? "");
    expect(notices(reply)).toBe(
      "I've passed your question to the ISMS admins (alice (console:alice)); they see it under 'questions we could not answer'.",
    );
    expect(reply.visibility).toBe("private");
    expect(t.records.questions.find("blorp the snazzle")).toMatchObject({
      timesAsked: 1,
      timesPassed: 1,
      passedBy: ["console:bob"],
      passedAt: "2026-11-25T09:00:00.000Z",
      status: "open",
    });
    expect(t.records.audit.list(1)[0]).toMatchObject({ actor: "console:bob", action: "question.pass" });
  });

  it("is one record however often it is asked and passed on, whatever the case, spaces and punctuation", async () => {
    for (const typed of ["Blorp the snazzle?", "blorp   the SNAZZLE", "blorp, the snazzle!!"])
      await t.ask("bob", typed);
    await t.ask("bob", "pass to the ISMS manager: blorp the snazzle?");
    await t.ask("carol", "Pass to the ISMS manager: BLORP THE SNAZZLE");
    expect(rows()).toBe(1);
    expect(t.records.questions.find("blorp the snazzle")).toMatchObject({
      question: "Blorp the snazzle?",
      timesAsked: 3,
      timesPassed: 2,
      passedBy: ["console:bob", "console:carol"],
    });
  });

  it("counts each person once, however often they pass it on, and tells them it is already with the admins", async () => {
    const button = passOn(await t.ask("bob", "blorp the snazzle"));
    await t.ask("bob", button?.ask ?? "");
    const again = await t.ask("bob", button?.ask ?? "");
    expect(notices(again)).toBe(
      "You have already passed this question to the ISMS admins (alice (console:alice)); it is still open under 'questions we could not answer'.",
    );
    await t.ask("carol", button?.ask ?? "");
    expect(t.records.questions.find("blorp the snazzle")).toMatchObject({
      timesPassed: 2,
      passedBy: ["console:bob", "console:carol"],
    });
    // The repeat changed nothing, so it left no entry in the audit log.
    expect(
      t.records.audit
        .list(10)
        .filter((entry) => entry.action === "question.pass")
        .map((entry) => entry.actor),
    ).toEqual(["console:carol", "console:bob"]);
  });

  it("keeps a long question to 300 characters, in the button and in the record", async () => {
    const long = `blorp ${"snazzle ".repeat(120)}`.trim();
    const button = passOn(await t.ask("bob", long));
    expect(button?.ask.length).toBe("pass to the ISMS manager: ".length + 300);
    await t.ask("bob", button?.ask ?? "");
    expect(rows()).toBe(1);
    expect(t.records.questions.open()[0]).toMatchObject({ timesAsked: 1, timesPassed: 1 });
  });

  it("is recorded for the admins even when there is no admin yet, and the person is told so", async () => {
    const lonely = testBot();
    try {
      const reply = await lonely.ask("bob", "pass to the ISMS manager: can we keep bees on the roof?");
      expect(notices(reply)).toMatch(
        /I've kept your question for the ISMS admins, but there is no ISMS admin yet/,
      );
      expect(lonely.records.questions.find("can we keep bees on the roof")?.timesPassed).toBe(1);
    } finally {
      lonely.close();
    }
  });
});

describe('"questions we could not answer"', () => {
  beforeEach(async () => {
    for (let i = 0; i < 3; i++) await t.ask("bob", "blorp the snazzle");
    await t.ask("carol", "florble wibble");
    await t.ask("carol", "pass to the ISMS manager: florble wibble");
    for (let i = 0; i < 2; i++) await t.ask("bob", "zorp quux");
  });

  it("lists the open questions for admins, passed-on first, then the most asked, with counts, who and the best guess", async () => {
    const reply = await t.ask("alice", "questions we could not answer");
    expect(reply.text).toBe("Questions we could not answer (3 open)");
    expect(listed(reply)).toEqual([
      'Question 2 "florble wibble"',
      'Question 1 "blorp the snazzle"',
      'Question 3 "zorp quux"',
    ]);
    const texts = reply.blocks.flatMap((block) =>
      block.type === "paragraph" && block.label ? [block.text] : [],
    );
    expect(texts[0]).toMatch(
      /^Asked once, on 2026-11-25\. Passed on once by carol \(console:carol\), last on 2026-11-25\. My best guess: /,
    );
    expect(texts[1]).toMatch(/^Asked 3 times, on 2026-11-25\. Not passed on\./);
    expect(texts[2]).toMatch(/^Asked twice/);
    expect(buttons(reply).slice(0, 2)).toEqual([
      { label: "Mark answered", ask: "question 2 answered", style: "primary" },
      { label: "Dismiss", ask: "dismiss question 2" },
    ]);
    expect((await t.ask("alice", "unanswered questions")).text).toBe(reply.text);
  });

  it("refuses to list, dismiss or mark answered for anyone but an admin, naming the admins", async () => {
    for (const said of ["unanswered questions", "dismiss question 1", "question 2 answered"]) {
      const reply = await t.ask("bob", said);
      expect(notices(reply), said).toBe(
        "Only ISMS admins can see, answer or dismiss the questions the bot could not answer. Ask an ISMS admin: alice (console:alice).",
      );
    }
    expect(t.records.questions.open()).toHaveLength(3);
    expect(
      t.records.audit
        .list(50)
        .filter((entry) => entry.action.startsWith("question."))
        .map((e) => e.action),
    ).toEqual(["question.pass"]);
  });

  it("hides a question once dismissed or marked answered, and logs who did it", async () => {
    expect(notices(await t.ask("alice", "dismiss question 1"))).toMatch(
      /^Question 1 "blorp the snazzle" dismissed/,
    );
    expect(notices(await t.ask("alice", "mark question 3 as answered"))).toMatch(
      /^Question 3 "zorp quux" marked answered/,
    );
    expect(listed(await t.ask("alice", "unanswered questions"))).toEqual(['Question 2 "florble wibble"']);
    expect(t.records.audit.list(2).map((entry) => [entry.actor, entry.action, entry.entityId])).toEqual([
      ["console:alice", "question.answer", "question:3"],
      ["console:alice", "question.dismiss", "question:1"],
    ]);
    expect(notices(await t.ask("alice", "dismiss question 1"))).toBe("There is no open question 1.");

    // Asked again it stays dismissed, counted; passed on again it is open again.
    await t.ask("bob", "Blorp the snazzle");
    expect(t.records.questions.get(1)).toMatchObject({ status: "dismissed", timesAsked: 4 });
    await t.ask("bob", "pass to the ISMS manager: blorp the snazzle");
    expect(t.records.questions.get(1)).toMatchObject({ status: "open", timesPassed: 1 });
    expect(rows()).toBe(3);
  });

  it("opens a question marked answered again when it is asked again, saying it had been marked answered", async () => {
    await t.ask("alice", "question 3 answered");
    expect(listed(await t.ask("alice", "unanswered questions"))).not.toContain('Question 3 "zorp quux"');
    await t.ask("carol", "Zorp quux?");
    expect(t.records.questions.get(3)).toMatchObject({ status: "open", timesAsked: 3 });
    const reply = await t.ask("alice", "unanswered questions");
    expect(reply.text).toBe("Questions we could not answer (3 open)");
    const text = reply.blocks.find(
      (block) => block.type === "paragraph" && block.label === 'Question 3 "zorp quux"',
    );
    expect(text).toMatchObject({
      text: expect.stringMatching(
        /^Asked 3 times, on 2026-11-25\. Not passed on\. Marked answered by alice \(console:alice\) on 2026-11-25; asked again since\. My best guess: /,
      ),
    });
    // Marked answered once more, it is closed until it is asked again.
    await t.ask("alice", "question 3 answered");
    expect(t.records.questions.get(3)?.status).toBe("answered");
  });

  it("never keeps small talk or a message with no question in it, nor offers to pass it on", async () => {
    for (const said of [
      "thanks",
      "Thank you so much!",
      "ok",
      "OK, great",
      "bye",
      "cool",
      "great",
      "what?",
      "???",
    ]) {
      const reply = await t.ask("bob", said);
      expect(passOn(reply), said).toBeUndefined();
      expect(reply.text, said).not.toMatch(/found nothing|not sure/);
    }
    expect((await t.ask("bob", "thank you!")).text).toMatch(
      /^You're welcome — ask me anything about ISO\/IEC 27001/,
    );
    expect((await t.ask("bob", "bye")).text).toMatch(/^Bye for now/);
    expect((await t.ask("bob", "pass to the ISMS manager: ok")).text).toMatch(
      /There is no question to pass on/,
    );
    expect(rows()).toBe(3);
    expect(t.records.questions.counts("2026-11-01T00:00:00.000Z")).toMatchObject({ open: 3, new: 3 });
  });

  it("are counted in the admins' digest", async () => {
    const reply = await t.ask("alice", "send the digest now");
    const lines = reply.blocks.flatMap((block) => (block.type === "list" ? block.items : []));
    expect(lines).toContain(
      'Questions I could not answer: 3 open, 3 new and 1 passed on to you in the last 7 days; say "unanswered questions" to see them',
    );
  });

  it("says so when none is open", async () => {
    for (const id of [1, 2, 3]) await t.ask("alice", `dismiss question ${id}`);
    expect(notices(await t.ask("alice", "unanswered questions"))).toMatch(/^There are no open questions/);
  });
});
