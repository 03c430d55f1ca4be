import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../adapters/console/console-chat.js";
import { notices, type TestBot, testBot } from "../support/bot.js";
import { evidenceInput, riskInput } from "../support/records.js";

let t: TestBot;
beforeEach(async () => {
  t = testBot();
});
afterEach(() => t.close());

async function chat(user: string, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += chunk;
  });
  const done = runConsoleChat({ bot: t.bot, input, output, user, interactive: false });
  input.end(lines.map((line) => `${line}\n`).join(""));
  await done;
  return printed;
}

const riskValues = {
  title: "Lost laptops",
  likelihood: "4",
  impact: "4",
  owner: "console:bob",
  controls: ["8.1"],
};

describe("becoming admin", () => {
  it("tells the first person how to become admin, and never makes them one silently", async () => {
    const reply = await t.ask("alice", "hello");
    expect(notices(reply)).toMatch(/no ISMS admin yet.*isms admin add console:alice/);
    expect(t.records.people.admins()).toEqual([]);
    t.records.people.addAdmin("console:alice", "cli:root");
    expect(notices(await t.ask("alice", "who am i"))).toMatch(
      /You are alice \(console:alice\): ISMS admin, employee/,
    );
  });
});

describe("forms through the console", () => {
  it("asks again for a wrong value, then saves one risk", async () => {
    await t.ask("bob", "hello");
    const printed = await chat("bob", [
      "log a risk about lost laptops",
      "", // title: keep "Lost laptops"
      "",
      "",
      "",
      "",
      "", // description, assets, threat, vulnerability, properties
      "9", // likelihood: not on the scale
      "4", // impact
      "",
      "",
      "",
      "",
      "",
      "", // owner (bob), treatment, controls, plan, due, review
      "3", // likelihood asked again
    ]);
    expect(printed).toMatch(/! Please correct this field: 9 is not a valid choice\./);
    expect(printed).toMatch(/Saved: R-001 Lost laptops \(high, above the risk appetite\)/);
    const [risk] = t.records.risks.all();
    expect(risk).toMatchObject({
      ref: "R-001",
      title: "Lost laptops",
      likelihood: 3,
      impact: 4,
      owner: "console:bob",
    });
    expect(risk?.controls).toContain("A.8.1");
    expect(t.records.risks.all()).toHaveLength(1);
  });

  it("saves nothing when the person cancels half-way", async () => {
    const printed = await chat("bob", ["log a risk", "Flood in the server room", "cancel"]);
    expect(printed).toMatch(/Cancelled; nothing was saved/);
    expect(t.records.risks.all()).toEqual([]);
  });
});

describe("submissions", () => {
  it("create one record when the same form is submitted twice", async () => {
    const first = await t.submit("bob", { formId: "new-risk", key: "k-1", values: riskValues });
    const again = await t.submit("bob", { formId: "new-risk", key: "k-1", values: riskValues });
    expect(first.text).toMatch(/^Saved: R-001/);
    expect(again.text).toMatch(/^Already saved: R-001/);
    expect(t.records.risks.all()).toHaveLength(1);
  });

  it("name every wrong field and save nothing", async () => {
    const reply = await t.submit("bob", {
      formId: "new-risk",
      key: "k-2",
      values: { title: "", likelihood: "0", impact: "4", owner: "nobody-known", controls: ["A.9.9"] },
    });
    const form = reply.blocks.find((block) => block.type === "form");
    expect(form?.type === "form" && form.errors).toEqual({
      title: "Title is required.",
      likelihood: "0 is not a valid choice.",
      owner: "nobody-known is not someone I know; write a name or platform:id, e.g. console:bob.",
      controls: "A.9.9 is not a valid choice.",
    });
    expect(t.records.risks.all()).toEqual([]);
    expect(t.records.audit.list()).toEqual([]);
  });

  it("need a reason to reject evidence, and a justification for a control that does not apply", async () => {
    t.records.people.addAdmin("console:alice", "cli");
    t.records.evidence.submit(evidenceInput({ target: "A.8.13", title: "Log" }), null, "console:bob");
    const review = await t.submit("alice", {
      formId: "review-evidence",
      key: "r",
      values: { decision: "rejected" },
      context: { evidence: "E-001" },
    });
    expect(notices(review)).toMatch(/Say why the evidence is rejected/);
    const control = await t.submit("alice", {
      formId: "set-control",
      key: "c",
      values: { applicable: "no", status: "not_started" },
      context: { control: "A.7.4" },
    });
    expect(notices(control)).toMatch(/needs a justification/);
  });
});

describe("the whole loop in chat", () => {
  it("owner assigned, risk logged and accepted, evidence submitted and reviewed, open items and readiness", async () => {
    for (const user of ["alice", "bob"]) await t.ask(user, "hello");
    t.records.people.addAdmin("console:alice", "cli");
    await t.submit("alice", {
      formId: "set-control",
      key: "1",
      values: { owner: "bob", applicable: "yes", status: "implemented", cadence: "quarterly" },
      context: { control: "A.8.13" },
    });
    expect(t.records.controls.get("A.8.13")).toMatchObject({
      owner: "console:bob",
      applicable: true,
      cadence: "quarterly",
      nextEvidenceDue: "2026-11-25",
    });
    expect(JSON.stringify((await t.ask("bob", "my open items")).blocks)).toMatch(
      /Evidence for A\.8\.13 is due/,
    );

    await t.submit("bob", { formId: "new-risk", key: "2", values: riskValues });
    const accepted = await t.submit("bob", {
      formId: "accept-risk",
      key: "3",
      values: { residualLikelihood: "2", residualImpact: "2", confirm: "yes" },
      context: { risk: "R-001" },
    });
    expect(accepted.text).toMatch(/R-001 residual risk accepted by bob/);
    expect(t.records.risks.get("R-001")).toMatchObject({
      acceptedBy: "console:bob",
      acceptedAt: "2026-11-25T09:00:00.000Z",
      status: "accepted",
      residualLevel: "low",
    });

    const submitted = await t.submit("bob", {
      formId: "submit-evidence",
      key: "4",
      values: { target: "8.13", title: "Restore test", periodEnd: "2026-11-30" },
    });
    expect(submitted.text).toMatch(/E-001 Restore test for A\.8\.13, valid until 2027-02-25/);
    expect(JSON.stringify((await t.ask("alice", "my open items")).blocks)).toMatch(/Review E-001/);
    await t.submit("alice", {
      formId: "review-evidence",
      key: "5",
      values: { decision: "accepted" },
      context: { evidence: "E-001" },
    });
    expect(t.records.evidence.get("E-001")).toMatchObject({
      reviewStatus: "accepted",
      reviewedBy: "console:alice",
    });
    expect(notices(await t.ask("bob", "my open items"))).toMatch(/You have no open items/);

    const card = JSON.stringify((await t.ask("eve", "A.8.13")).blocks);
    expect(card).toMatch(/"Our owner","value":"bob \(console:bob\)"/);
    expect(card).toMatch(/E-001 Restore test \(A\.8\.13, accepted, valid until 2027-02-25\)/);
    expect(JSON.stringify((await t.ask("alice", "evidence for A.8.13")).blocks)).toMatch(
      /E-001 Restore test/,
    );
    expect(JSON.stringify((await t.ask("alice", "audit readiness")).blocks)).toMatch(
      /Technological: 1 applicable of 34 \(33 not decided\), 1 with an owner, 1 with current evidence, 0 overdue/,
    );
  });
});

describe("the audit log", () => {
  it("records every change with who, when, before and after, and cannot be changed", async () => {
    t.records.people.addAdmin("console:alice", "cli:root");
    await t.submit("bob", { formId: "new-risk", key: "a", values: riskValues });
    const entries = t.records.audit.list();
    expect(entries.map((entry) => [entry.actor, entry.action, entry.entityId])).toEqual([
      ["console:bob", "risk.create", "R-001"],
      ["cli:root", "admin.add", "console:alice"],
    ]);
    expect(entries[0]).toMatchObject({
      at: "2026-11-25T09:00:00.000Z",
      before: null,
      after: { ref: "R-001", likelihood: 4 },
    });
    expect(() => t.records.db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => t.records.db.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
  });

  it("is readable by admins in chat", async () => {
    t.records.people.addAdmin("console:alice", "cli:root");
    expect(JSON.stringify((await t.ask("alice", "audit log")).blocks)).toMatch(/admin\.add console:alice/);
  });
});

describe("a failure in the middle of a multi-row write", () => {
  it("leaves the database as it was", () => {
    const good = {
      input: riskInput({ title: riskValues.title, owner: riskValues.owner, likelihood: 2, impact: 2 }),
      importKey: "a",
    };
    const broken = { input: { ...good.input, treatment: "pray" as never }, importKey: "b" };
    expect(() => t.records.risks.importAll([good, { ...good, importKey: "c" }, broken], "cli:root")).toThrow(
      /CHECK constraint/,
    );
    expect(t.records.risks.all()).toEqual([]);
    expect(t.records.audit.list()).toEqual([]);
    expect(t.records.risks.importAll([good], "cli:root").created).toHaveLength(1);
    expect(t.records.risks.importAll([good], "cli:root")).toMatchObject({ created: [], skipped: 1 });
  });
});
