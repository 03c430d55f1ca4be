import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../adapters/console/console-chat.js";
import { Bot } from "../../src/core/bot.js";
import type { Reply } from "../../src/core/reply.js";
import { Records } from "../../src/records/records.js";
import { openDatabase } from "../../src/storage/database.js";
import { SqliteMemory } from "../../src/storage/memory-store.js";
import { realCatalogue } from "../support/catalogue.js";
import { evidenceInput, riskInput } from "../support/records.js";
import { tempDir } from "../support/temp.js";

const clock = () => new Date("2026-11-25T09:00:00Z");
let folder: ReturnType<typeof tempDir>;
let records: Records;
let bot: Bot;

beforeEach(() => {
  folder = tempDir();
  const db = openDatabase(join(folder.path, "isms.db"), { clock });
  records = new Records(db, clock);
  bot = new Bot({
    ...realCatalogue(),
    memory: new SqliteMemory(db),
    records,
    exportDir: join(folder.path, "exports"),
    clock,
  });
});
afterEach(() => {
  records.db.close();
  folder.remove();
});

/** One console chat session as `user`, the lines piped in; what it printed. */
async function chat(user: string, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += chunk;
  });
  const done = runConsoleChat({ bot, input, output, user, interactive: false });
  input.end(lines.map((line) => `${line}\n`).join(""));
  await done;
  return printed;
}

/** The print-out on one line: the console wraps long lines. */
const flat = (printed: string) => printed.replace(/\s+/g, " ");

/** The part of a journey print-out about one step, from its line to the next step's, on one line. */
function step(printed: string, number: number): string {
  const start = printed.indexOf(`\n${number}. `);
  const end = number < 6 ? printed.indexOf(`\n${number + 1}. `, start) : printed.indexOf("Clause by clause");
  return flat(printed.slice(start, end));
}

const ask = (user: string, text: string): Promise<Reply> =>
  bot.handle({
    from: { platform: "console", userId: user, displayName: user },
    conversation: { id: `console:${user}`, kind: "direct" },
    text,
  });
const buttons = (reply: Reply) =>
  reply.blocks.flatMap((block) => (block.type === "actions" ? block.buttons : []));

async function makeAdmin(user: string): Promise<void> {
  await chat(user, ["help"]);
  records.people.addAdmin(`console:${user}`, "test");
}

function decideEveryControl(applicable: string[]): void {
  for (const control of realCatalogue().catalogue.controls) {
    const applies = applicable.includes(control.id);
    records.controls.update(
      control.id,
      { applicable: applies, justification: applies ? "Needed for our risks" : "Outside our scope" },
      "console:alice",
    );
  }
}

describe('"where are we?" on an empty database', () => {
  it("gives every step as not started, with what is missing and what to do next", async () => {
    await makeAdmin("alice");
    const printed = await chat("alice", ["where are we?"]);
    expect(flat(printed)).toMatch(
      /Where we are: 0 of 5 steps before the certification audit done; next: step 1, scope\./,
    );
    expect(step(printed, 1)).toMatch(
      /Scope \(not started\)[\s\S]*No scope document is on file[\s\S]*Submit the scope \(4\.3\)/,
    );
    expect(step(printed, 2)).toMatch(/Risk assessment \(not started\)/);
    expect(step(printed, 2)).toMatch(/risk assessment method is not on file \(clause 6\.1\.2\)/);
    expect(step(printed, 2)).toMatch(/The risk register is empty/);
    expect(step(printed, 2)).toMatch(/results of the risk assessment are not on file \(clause 8\.2\)/);
    expect(step(printed, 3)).toMatch(/Controls and Statement of Applicability \(not started\)/);
    expect(step(printed, 3)).toMatch(/93 controls have no applicability decision yet: A\.5\.1, A\.5\.2/);
    expect(step(printed, 4)).toMatch(
      /Implementation \(not started\)[\s\S]*No control is marked applicable yet/,
    );
    expect(step(printed, 5)).toMatch(/Internal audit and management review \(not started\)/);
    expect(step(printed, 5)).toMatch(
      /No internal audit is on record[\s\S]*No management review is on record/,
    );
    expect(step(printed, 6)).toMatch(/Certification audit \(not started\)/);
    expect(step(printed, 6)).toMatch(/Step 1 \(Scope\) is not started\.[\s\S]*Step 5 \(Internal audit/);
    expect(flat(printed)).toMatch(/Clause 4 Context of the organization: 0 of 1 on file; missing: 4\.3 /);
    expect(flat(printed)).toMatch(/Clause 6 Planning: 0 of 4 on file; missing: 6\.1\.2 /);
    expect(flat(printed)).toMatch(/Clause 9 Performance evaluation: 0 of 4 on file/);
  });

  it("answers the other ways of asking", async () => {
    await makeAdmin("alice");
    for (const question of [
      "How far are we from certification?",
      "our progress",
      "certification readiness journey",
      "What's next for our ISMS?",
      "where are we with ISO 27001",
      "Where do we stand?",
      "Where do we stand with ISO/IEC 27001:2022?",
      "How are we doing?",
      "how are we getting on with the ISMS",
      "Our progress towards certification",
      "How close are we to certification?",
      "What is the status of our ISMS?",
    ]) {
      expect((await ask("alice", question)).text, question).toMatch(/^Where we are:/);
    }
  });

  it("leaves questions about one subject to the search", async () => {
    await makeAdmin("alice");
    for (const question of [
      "Where do we stand on passwords?",
      "how are we doing on backups",
      "where do we store backups?",
      "status of clause 6",
    ]) {
      expect((await ask("alice", question)).text, question).not.toMatch(/^Where we are:/);
    }
  });

  it("is refused to someone who is not an ISMS admin, naming the admins", async () => {
    await makeAdmin("alice");
    const printed = await chat("bob", ["where are we?"]);
    expect(flat(printed)).toMatch(
      /Only ISMS admins can see how far the ISMS is on the way to certification\. Ask an ISMS admin: alice \(console:alice\)\./,
    );
    expect(flat(printed)).not.toMatch(/Scope/);
  });
});

describe("the journey as records are added", () => {
  it("moves each step to done, and the clause counts with it, until the certification audit is ready to book", async () => {
    await makeAdmin("alice");
    await chat("bob", ["help"]);

    // 1. The scope, handed in through the journey's own button and the console form.
    const scope = await chat("alice", [
      "where are we?",
      "1",
      "",
      "ISMS scope statement v1",
      "",
      "",
      "",
      "",
      "",
    ]);
    expect(flat(scope)).toMatch(/> submit evidence for clause 4\.3/);
    expect(flat(scope)).toMatch(/Saved: E-001/);
    let printed = await chat("alice", ["where are we?"]);
    expect(step(printed, 1)).toMatch(/Scope \(done\)/);
    expect(flat(printed)).toMatch(/Clause 4 Context of the organization: 1 of 1 on file • Clause 5/);
    expect(flat(printed)).toMatch(/Where we are: 1 of 5 steps .* done; next: step 2, risk assessment\./);

    // 2. A risk with no treatment, then treated, rated and accepted by its owner, and the method and results on file.
    records.risks.create(riskInput({ title: "Lost laptop", owner: "console:bob" }), "console:bob");
    printed = await chat("alice", ["where are we?"]);
    expect(step(printed, 2)).toMatch(/Risk assessment \(in progress\)/);
    expect(step(printed, 2)).toMatch(
      /1 open risk is not treated yet: R-001 Lost laptop \(no treatment decided\)/,
    );
    expect(step(printed, 2)).toMatch(/Treat R-001/);
    const risk = records.risks.get("R-001");
    if (!risk) throw new Error("R-001 not saved");
    records.risks.update("R-001", { ...risk, treatment: "modify" }, "console:bob");
    printed = await chat("alice", ["where are we?"]);
    expect(step(printed, 2)).toMatch(
      /R-001 Lost laptop \(to be modified, but with no plan or controls yet\)/,
    );
    records.risks.update("R-001", { ...risk, treatment: "modify", controls: ["A.8.1"] }, "console:bob");
    for (const target of ["6.1.2", "8.2"])
      records.evidence.submit(evidenceInput({ target, title: `Risk ${target}` }), null, "console:alice");
    printed = await chat("alice", ["where are we?"]);
    // A plan is not yet a treated risk: its owner still rates and accepts what is left, as their open items say.
    expect(step(printed, 2)).toMatch(/Risk assessment \(in progress\)/);
    expect(step(printed, 2)).toMatch(/R-001 Lost laptop \(no residual rating yet\)/);
    records.risks.update(
      "R-001",
      { ...risk, treatment: "modify", controls: ["A.8.1"], residualLikelihood: 1, residualImpact: 2 },
      "console:bob",
    );
    printed = await chat("alice", ["where are we?"]);
    expect(step(printed, 2)).toMatch(/R-001 Lost laptop \(residual risk low not yet accepted by its owner\)/);
    expect(step(printed, 2)).toMatch(/Show R-001/);
    records.risks.accept("R-001", { likelihood: 1, impact: 2 }, "console:bob");
    printed = await chat("alice", ["where are we?"]);
    expect(step(printed, 2)).toMatch(/Risk assessment \(done\)/);
    expect(step(printed, 2)).toMatch(/1 of 1 open risk treated/);
    expect(flat(printed)).toMatch(/Clause 6 Planning: 1 of 4 on file; missing: 6\.1\.3 /);
    expect(flat(printed)).toMatch(/Clause 8 Operation: 1 of 3 on file/);

    // 3. Some decisions, then all 93 with their justification.
    records.controls.update(
      "A.5.1",
      { applicable: true, justification: "We need policies" },
      "console:alice",
    );
    records.controls.update("A.5.2", { applicable: false }, "console:alice");
    printed = await chat("alice", ["where are we?"]);
    expect(step(printed, 3)).toMatch(/in progress[\s\S]*91 controls have no applicability decision yet/);
    expect(step(printed, 3)).toMatch(/1 decision has no justification: A\.5\.2\./);
    decideEveryControl(["A.5.1", "A.5.15", "A.8.13"]);
    printed = await chat("alice", ["where are we?"]);
    expect(step(printed, 3)).toMatch(
      /Statement of Applicability \(done\): 93 of 93 controls decided: 3 applicable, 90/,
    );

    // 4. Owners and current evidence for the three applicable controls.
    expect(step(printed, 4)).toMatch(/Implementation \(not started\)/);
    expect(step(printed, 4)).toMatch(/3 of 3 have no owner: A\.5\.1, A\.5\.15 and A\.8\.13/);
    expect(step(printed, 4)).toMatch(/3 of 3 have no current evidence/);
    for (const id of ["A.5.1", "A.5.15"])
      records.controls.update(id, { owner: "console:bob", nextEvidenceDue: "2027-06-01" }, "console:alice");
    records.controls.update(
      "A.8.13",
      { owner: "console:bob", nextEvidenceDue: "2026-11-01" },
      "console:alice",
    );
    records.evidence.submit(evidenceInput({ target: "A.5.1", title: "Policy set" }), null, "console:bob");
    printed = await chat("alice", ["where are we?"]);
    expect(step(printed, 4)).toMatch(/Implementation \(in progress\)/);
    expect(step(printed, 4)).toMatch(/2 of 3 have no current evidence: A\.5\.15 and A\.8\.13/);
    expect(step(printed, 4)).toMatch(/1 is overdue for evidence: A\.8\.13 \(due 2026-11-01\)/);
    expect(step(printed, 4)).toMatch(/Submit evidence for A\.8\.13/);
    for (const id of ["A.5.15", "A.8.13"]) {
      records.evidence.submit(evidenceInput({ target: id, title: `Evidence ${id}` }), null, "console:bob");
      records.controls.update(id, { nextEvidenceDue: "2027-06-01" }, "console:alice");
    }
    printed = await chat("alice", ["where are we?"]);
    expect(step(printed, 4)).toMatch(/Implementation \(done\)/);

    // 5. An internal audit from last year, then this year's, and the management review.
    const held = (target: string, day: string) =>
      records.evidence.submit(
        evidenceInput({ target, title: `Held ${day}`, periodEnd: day }),
        null,
        "console:alice",
      );
    held("9.2", "2025-06-30");
    printed = await chat("alice", ["where are we?"]);
    expect(step(printed, 5)).toMatch(/in progress/);
    expect(step(printed, 5)).toMatch(
      /The last internal audit on record is from 2025-06-30, more than 12 months ago/,
    );
    expect(step(printed, 5)).toMatch(/No management review is on record/);
    held("9.2", "2026-10-15");
    held("9.3", "2026-11-10");
    printed = await chat("alice", ["where are we?"]);
    expect(step(printed, 5)).toMatch(/Internal audit and management review \(done\)/);
    expect(flat(printed)).toMatch(/Clause 9 Performance evaluation: 3 of 4 on file; missing: 9\.1 /);

    // 6. Every step before it done: the certification audit can be booked.
    expect(step(printed, 6)).toMatch(/Certification audit \(ready to book\)/);
    expect(flat(printed)).toMatch(
      /Where we are: steps 1 to 5 are done; the certification audit is ready to book\./,
    );
  });
});

describe("the journey's buttons", () => {
  it("each ask for something the bot really does", async () => {
    await makeAdmin("alice");
    const pressed = new Map<string, Reply>();
    const pressAll = async () => {
      for (const button of buttons(await ask("alice", "where are we?")))
        pressed.set(button.ask, await ask("alice", button.ask));
    };
    await pressAll(); // an empty database
    records.risks.create(riskInput({ title: "Lost laptop", owner: "console:alice" }), "console:alice");
    records.controls.update(
      "A.5.1",
      { applicable: true, justification: "We need policies" },
      "console:alice",
    );
    await pressAll(); // a risk to treat, a control without owner or evidence
    decideEveryControl(["A.5.1"]);
    await pressAll(); // the SoA done

    expect([...pressed.keys()].sort()).toEqual(
      [
        "audit readiness",
        "export soa",
        "log a risk",
        "set applicability of A.5.2",
        "set applicability of A.5.1",
        "set owner of A.5.1",
        "show the ISMS calendar",
        "submit evidence for A.5.1",
        "submit evidence for clause 4.3",
        "submit evidence for clause 6.1.2",
        "submit evidence for clause 8.2",
        "submit evidence for clause 9.2",
        "submit evidence for clause 9.3",
        "update risk R-001",
        "which applicable controls have no evidence",
      ].sort(),
    );
    for (const [said, answer] of pressed) {
      expect(answer.text, said).not.toMatch(/not sure|found nothing|Only ISMS admins/i);
      const form = answer.blocks.find((block) => block.type === "form");
      const target = /^submit evidence for (?:clause )?(.+)$/.exec(said)?.[1];
      if (target && form?.type === "form")
        expect(form.form.fields.find((field) => field.name === "target")?.initial, said).toBe(target);
      else if (target) throw new Error(`${said} gave no form`);
    }
    expect(pressed.get("export soa")?.blocks[0]).toMatchObject({ type: "file" });
    expect(pressed.get("set owner of A.5.1")?.blocks[0]).toMatchObject({ type: "form" });
  });
});
