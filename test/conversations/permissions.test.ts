import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Action } from "../../src/records/permissions.js";
import { Permissions } from "../../src/records/permissions.js";
import { notices, type TestBot, testBot } from "../support/bot.js";
import { evidenceInput, riskInput } from "../support/records.js";

let t: TestBot;
let permissions: Permissions;

const risk = riskInput({
  title: "Lost laptops",
  assets: "laptops",
  threat: "theft",
  properties: ["C"],
  likelihood: 4,
  impact: 4,
  owner: "console:bob",
  treatment: "modify",
  controls: ["A.8.1"],
});

beforeAll(async () => {
  t = testBot();
  for (const user of ["alice", "bob", "mallory", "zoe", "eve", "carol"]) await t.ask(user, "hello");
  t.records.people.addAdmin("console:alice", "test");
  t.records.people.setManager("console:bob", "console:mallory", "test");
  t.records.people.setManager("console:mallory", "console:zoe", "test");
  t.records.controls.update(
    "A.8.13",
    { owner: "console:bob", applicable: true, cadence: "quarterly" },
    "test",
  );
  t.records.controls.update("A.5.1", { owner: "console:carol", applicable: true }, "test");
  t.records.risks.create(risk, "console:eve"); // R-001, owned by bob, logged by eve
  t.records.evidence.submit(evidenceInput({ target: "A.8.13", title: "Restore test" }), null, "console:bob"); // E-001
  permissions = new Permissions(t.records);
});
afterAll(() => t.close());

// alice: admin · bob: owns A.8.13 and R-001, submitted E-001 · mallory: bob's manager · zoe: mallory's manager
// carol: owns A.5.1 · eve: employee
const matrix: [string, Action, Record<string, boolean>][] = [
  [
    "set a control's owner/applicability/cadence",
    { type: "control.set", controlId: "A.8.13" },
    { alice: true, bob: false, mallory: false, zoe: false, carol: false, eve: false },
  ],
  [
    "submit evidence for A.8.13",
    { type: "evidence.submit", target: "A.8.13" },
    { alice: true, bob: true, mallory: false, zoe: false, carol: false, eve: false },
  ],
  [
    "submit evidence for clause 9.2",
    { type: "evidence.submit", target: "9.2" },
    { alice: true, bob: false, mallory: false, zoe: false, carol: false, eve: false },
  ],
  [
    "review E-001 (submitted by bob)",
    { type: "evidence.review", ref: "E-001" },
    { alice: true, bob: false, mallory: false, zoe: false, carol: false, eve: false },
  ],
  [
    "log a risk",
    { type: "risk.create" },
    { alice: true, bob: true, mallory: true, zoe: true, carol: true, eve: true },
  ],
  [
    "see R-001's details",
    { type: "risk.view", ref: "R-001" },
    { alice: true, bob: true, mallory: true, zoe: true, carol: false, eve: false },
  ],
  [
    "update R-001",
    { type: "risk.update", ref: "R-001" },
    { alice: true, bob: true, mallory: false, zoe: false, carol: false, eve: false },
  ],
  [
    "accept R-001's residual risk",
    { type: "risk.accept", ref: "R-001" },
    { alice: false, bob: true, mallory: false, zoe: false, carol: false, eve: false },
  ],
  [
    "read the audit log",
    { type: "audit.read" },
    { alice: true, bob: false, mallory: false, zoe: false, carol: false, eve: false },
  ],
  [
    "change the risk matrix",
    { type: "settings.set" },
    { alice: true, bob: false, mallory: false, zoe: false, carol: false, eve: false },
  ],
  [
    "export the SoA and risk register",
    { type: "export" },
    { alice: true, bob: false, mallory: false, zoe: false, carol: false, eve: false },
  ],
];

describe("the permission matrix: every role × every action", () => {
  for (const [what, action, expected] of matrix) {
    for (const [user, allowed] of Object.entries(expected)) {
      it(`${user} ${allowed ? "may" : "may not"} ${what}`, () => {
        const decision = permissions.check(`console:${user}`, action);
        expect(decision.allowed).toBe(allowed);
        if (!decision.allowed) expect(decision.help.length).toBeGreaterThan(10);
      });
    }
  }

  it("derives the roles from the records", () => {
    expect(permissions.roles("console:alice")).toEqual({ admin: true, controlOwner: false, manager: false });
    expect(permissions.roles("console:bob")).toEqual({ admin: false, controlOwner: true, manager: false });
    expect(permissions.roles("console:mallory")).toEqual({
      admin: false,
      controlOwner: false,
      manager: true,
    });
  });
});

describe("refusals in chat", () => {
  it("say why and who can help, privately", async () => {
    const reply = await t.ask("eve", "set owner of A.8.13");
    expect(reply.visibility).toBe("private");
    expect(notices(reply)).toMatch(
      /Only ISMS admins can set the owner.*Ask an ISMS admin: alice \(console:alice\)/,
    );
  });

  it("do not reveal that a risk exists to someone who may not see it", async () => {
    const hidden = notices(await t.ask("carol", "show R-001"));
    const missing = notices(await t.ask("carol", "show R-099"));
    expect(hidden).toBe(missing.replace("R-099", "R-001"));
    expect(hidden).not.toMatch(/Lost laptops/);
  });

  it("keep risk details out of lists for people who may not see them", async () => {
    expect(notices(await t.ask("eve", "risks above appetite"))).toMatch(/No risk you can see/);
    const reply = await t.ask("mallory", "risks above appetite");
    expect(JSON.stringify(reply.blocks)).toMatch(/R-001 Lost laptops: high/);
  });

  it("refuse a review of one's own evidence even from a control owner", async () => {
    expect(notices(await t.ask("bob", "review E-001"))).toMatch(/Nobody reviews their own evidence/);
  });
});
