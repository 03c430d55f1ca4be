import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notices, type TestBot, testBot } from "../support/bot.js";

let t: TestBot;
const risk = { title: "Payroll DB exposed", likelihood: "5", impact: "5", owner: "bob" };

beforeAll(async () => {
  t = testBot();
  for (const user of ["alice", "bob", "carol"]) await t.ask(user, "hello");
  t.records.people.addAdmin("console:alice", "cli");
  await t.submit("alice", {
    formId: "set-control",
    key: "own",
    values: { owner: "bob", applicable: "yes", status: "planned", cadence: "yearly" },
    context: { control: "A.8.13" },
  });
  await t.submit("bob", { formId: "new-risk", key: "dup", values: risk }); // R-001, owned by bob
});
afterAll(() => t.close());

const everything = (reply: { text: string; blocks: unknown[] }) => reply.text + JSON.stringify(reply.blocks);

describe("forms about records someone may not touch", () => {
  it("are refused before any field is read, without showing the record back", async () => {
    const reply = await t.submit("carol", {
      formId: "update-risk",
      key: "k1",
      values: { likelihood: "99" },
      context: { risk: "R-001" },
    });
    expect(everything(reply)).not.toMatch(/Payroll/);
    expect(notices(reply)).toBe(notices(await t.ask("carol", "show R-999")).replace("R-999", "R-001"));
  });

  it("do not tell a stranger who owns a risk, or that it exists", async () => {
    const accept = notices(await t.ask("carol", "accept risk R-001"));
    expect(accept).toBe(notices(await t.ask("carol", "accept risk R-999")).replace("R-999", "R-001"));
    expect(accept).not.toMatch(/bob/);
  });

  it("cannot reuse someone else's submission key to learn what they saved", async () => {
    const reply = await t.submit("carol", {
      formId: "new-risk",
      key: "dup",
      values: { ...risk, title: "Mine", owner: "carol" },
    });
    expect(reply.text).toMatch(/^Saved: R-002 Mine/);
    expect(everything(reply)).not.toMatch(/Payroll/);
  });
});

describe("saving a form", () => {
  it("confirms privately, so a channel does not see risk details", async () => {
    const reply = await t.submit("bob", {
      formId: "new-risk",
      key: "private",
      values: { ...risk, title: "CEO laptop unencrypted" },
    });
    expect(reply.visibility).toBe("private");
  });

  it("refuses impossible dates, unknown owners and oversized text, field by field", async () => {
    const reply = await t.submit("bob", {
      formId: "new-risk",
      key: "bad",
      values: { ...risk, treatmentDue: "2026-02-30", owner: "slack:UNKNOWN", assets: "x".repeat(501) },
    });
    const form = reply.blocks.find((block) => block.type === "form");
    expect(form?.type === "form" ? Object.keys(form.errors ?? {}).sort() : []).toEqual([
      "assets",
      "owner",
      "treatmentDue",
    ]);
  });

  it("keeps a title that happens to be a person's name", async () => {
    const reply = await t.submit("bob", {
      formId: "new-risk",
      key: "name",
      values: { ...risk, title: "bob" },
    });
    expect(reply.text).toMatch(/^Saved: R-\d+ bob /);
  });

  it("turns a refusal on evidence into a message on the control field, keeping what was typed", async () => {
    const reply = await t.submit("carol", {
      formId: "submit-evidence",
      key: "ev",
      values: { target: "A.8.13", title: "Restore log" },
    });
    const form = reply.blocks.find((block) => block.type === "form");
    expect(form?.type === "form" && form.errors?.target).toMatch(
      /Only the owner of A\.8\.13 \(bob \(console:bob\)\) or an ISMS admin/,
    );
    expect(form?.type === "form" && form.form.fields.find((field) => field.name === "title")?.initial).toBe(
      "Restore log",
    );
  });
});

describe("records that change after a decision", () => {
  it("withdraw the owner's acceptance when the rating changes", async () => {
    await t.submit("bob", {
      formId: "accept-risk",
      key: "acc",
      values: { residualLikelihood: "2", residualImpact: "2", confirm: "yes" },
      context: { risk: "R-001" },
    });
    expect(t.records.risks.get("R-001")).toMatchObject({ status: "accepted", acceptedBy: "console:bob" });
    await t.submit("alice", {
      formId: "update-risk",
      key: "upd",
      values: {
        ...risk,
        owner: "console:bob",
        residualLikelihood: "5",
        residualImpact: "5",
        status: "accepted",
      },
      context: { risk: "R-001" },
    });
    expect(t.records.risks.get("R-001")).toMatchObject({
      status: "treating",
      acceptedBy: null,
      acceptedAt: null,
      residualLevel: "critical",
    });
    expect(JSON.stringify((await t.ask("bob", "my open items")).blocks)).toMatch(
      /Accept or treat the residual risk of R-001/,
    );
  });

  it("review evidence once; a second review is refused", async () => {
    await t.submit("bob", {
      formId: "submit-evidence",
      key: "e1",
      values: { target: "A.8.13", title: "Restore log" },
    });
    await t.submit("alice", {
      formId: "review-evidence",
      key: "r1",
      values: { decision: "accepted" },
      context: { evidence: "E-001" },
    });
    const again = await t.submit("alice", {
      formId: "review-evidence",
      key: "r2",
      values: { decision: "rejected", reason: "x" },
      context: { evidence: "E-001" },
    });
    expect(notices(again)).toMatch(/E-001 was already accepted by alice/);
    expect(t.records.evidence.get("E-001")?.reviewStatus).toBe("accepted");
  });

  it("show in the audit log what changed", async () => {
    const log = JSON.stringify((await t.ask("alice", "audit log")).blocks);
    expect(log).toMatch(/risk\.update R-001: .*residualLikelihood 2 → 5/);
    expect(log).toMatch(/control\.update A\.8\.13: .*owner none → console:bob/);
  });
});
