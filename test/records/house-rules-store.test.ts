import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HouseRuleInput } from "../../src/records/house-rules-store.js";
import { Records } from "../../src/records/records.js";
import { openDatabase } from "../../src/storage/database.js";
import { tempDir } from "../support/temp.js";

let folder: ReturnType<typeof tempDir>;
let records: Records;
let now = "2026-11-25T09:00:00.000Z";
const clock = () => new Date(now);

beforeEach(() => {
  now = "2026-11-25T09:00:00.000Z";
  folder = tempDir();
  records = new Records(openDatabase(join(folder.path, "isms.db"), { clock }), clock);
});
afterEach(() => {
  records.db.close();
  folder.remove();
});

const remoteWorking: HouseRuleInput = {
  target: "A.6.7",
  rule: "Work from public places only with the privacy screen on and the VPN up.",
  policyTitle: "Remote Working Policy",
  policyUrl: "https://intranet.example.com/policies/remote",
  policyVersion: "2.1",
  policyOwner: "Head of IT",
};

describe("house rules", () => {
  it("are saved with who set them and when, and read back", () => {
    const { rule, outcome } = records.houseRules.set(remoteWorking, "console:alice");
    expect(outcome).toBe("created");
    expect(rule).toEqual({ ...remoteWorking, updatedBy: "console:alice", updatedAt: now });
    expect(records.houseRules.get("A.6.7")).toEqual(rule);
    expect(records.houseRules.get("A.8.9")).toBeUndefined();
  });

  it("replace the rule before them, and the audit log keeps both versions", () => {
    records.houseRules.set(remoteWorking, "console:alice");
    now = "2026-12-01T10:00:00.000Z";
    const { outcome } = records.houseRules.set(
      { ...remoteWorking, rule: "Never work from public places.", policyVersion: "3.0" },
      "console:bob",
    );
    expect(outcome).toBe("updated");
    expect(records.houseRules.get("A.6.7")).toMatchObject({
      rule: "Never work from public places.",
      policyVersion: "3.0",
      updatedBy: "console:bob",
      updatedAt: now,
    });
    const [change, creation] = records.audit.list(10, "A.6.7");
    expect(creation).toMatchObject({ action: "house_rule.set", actor: "console:alice", before: null });
    expect(change).toMatchObject({
      action: "house_rule.set",
      actor: "console:bob",
      entity: "house_rule",
      before: { rule: remoteWorking.rule, policyVersion: "2.1" },
      after: { rule: "Never work from public places.", policyVersion: "3.0" },
    });
  });

  it("given again unchanged, write nothing and log nothing", () => {
    records.houseRules.set(remoteWorking, "console:alice");
    now = "2026-12-01T10:00:00.000Z";
    expect(records.houseRules.set({ ...remoteWorking }, "console:bob").outcome).toBe("unchanged");
    expect(records.houseRules.get("A.6.7")?.updatedBy).toBe("console:alice");
    expect(records.audit.list(10, "A.6.7")).toHaveLength(1);
  });

  it("are removed with the removed rule in the audit log; removing none changes nothing", () => {
    records.houseRules.set(remoteWorking, "console:alice");
    expect(records.houseRules.remove("A.6.7", "console:bob")?.rule).toBe(remoteWorking.rule);
    expect(records.houseRules.get("A.6.7")).toBeUndefined();
    expect(records.audit.list(1, "A.6.7")[0]).toMatchObject({
      action: "house_rule.remove",
      actor: "console:bob",
      before: { rule: remoteWorking.rule },
      after: null,
    });
    expect(records.houseRules.remove("A.6.7", "console:bob")).toBeUndefined();
    expect(records.audit.list(10, "A.6.7")).toHaveLength(2);
  });

  it("are listed clauses first, then controls, in number order", () => {
    for (const target of ["A.8.10", "A.8.9", "10.1", "5.2", "A.5.1", "9.2"])
      records.houseRules.set({ ...remoteWorking, target }, "console:alice");
    expect(records.houseRules.list().map((rule) => rule.target)).toEqual([
      "5.2",
      "9.2",
      "10.1",
      "A.5.1",
      "A.8.9",
      "A.8.10",
    ]);
  });

  it("saved together in one transaction are all undone, audit entries too, when a later write fails", () => {
    expect(() =>
      records.transaction(() => {
        records.houseRules.set(remoteWorking, "console:alice");
        records.houseRules.set({ ...remoteWorking, target: "5.2" }, "console:alice");
        throw new Error("the disk filled up");
      }),
    ).toThrow("the disk filled up");
    expect(records.houseRules.list()).toEqual([]);
    expect(records.audit.list(10)).toEqual([]);
  });

  it("refuse a rule without text at the database, whatever the caller checked", () => {
    expect(() =>
      records.houseRules.set({ ...remoteWorking, rule: null as unknown as string }, "console:alice"),
    ).toThrow(/NOT NULL/);
    expect(records.audit.list(10)).toEqual([]);
  });
});
