/**
 * Issue 8's "done when", through the real `isms` command and its console chat on a real database: the standards
 * explained, an admin's house rule for A.6.7 shown first to everyone, and "where are we?" walking the six steps with
 * the real state of the records.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runIsms } from "../support/run-cli.js";
import { tempDir } from "../support/temp.js";

const folder = tempDir();
afterAll(() => folder.remove());
const env = { ISMS_DB_PATH: join(folder.path, "isms.db"), ISMS_EXPORT_DIR: join(folder.path, "exports") };

/** Chats as `user`, one line per entry, and returns what the console printed. */
async function chat(user: string, lines: string[]): Promise<string> {
  const run = await runIsms(["chat", "--as", user], {
    input: lines.map((line) => `${line}\n`).join(""),
    env,
  });
  expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  expect(run.code).toBe(0);
  return run.stdout;
}

/** The answer printed after the echo of `question`, up to the next question in `next` (or the end). */
function answerTo(printed: string, question: string, next?: string): string {
  const start = printed.indexOf(`> ${question}\n`);
  expect(start, `no answer to "${question}"`).toBeGreaterThanOrEqual(0);
  const end = next === undefined ? -1 : printed.indexOf(`> ${next}\n`, start + 1);
  return printed.slice(start + question.length + 3, end === -1 ? undefined : end);
}

const RULE = "Work from public places only with the privacy screen on and VPN up.";

describe("issue 8 through the console", () => {
  it("explains the standards, shows our rule first, and walks the six steps with the records' real state", async () => {
    expect((await runIsms(["admin", "add", "console:alice"], { env })).code).toBe(0);

    const standards = await chat("carol", [
      "what's the difference between 27001 and 27002?",
      "do we need all 93 controls?",
    ]);
    const difference = answerTo(
      standards,
      "what's the difference between 27001 and 27002?",
      "do we need all 93 controls?",
    );
    expect(difference).toMatch(/^ISO\/IEC 27001 and ISO\/IEC 27002/m);
    expect(difference).toMatch(/cannot be certified\s+against it/);
    expect(difference).toMatch(/In the standard:[\s\S]*Clause 6\.1\.3/);
    const all93 = answerTo(standards, "do we need all 93 controls?");
    expect(all93).toMatch(/^No\. ISO\/IEC 27001 does not make you implement all 93/m);
    expect(all93).toMatch(/Statement of Applicability/);

    // Before any rule: the answer says so plainly, and who owns the control.
    const before = answerTo(await chat("carol", ["can I work from a café?"]), "can I work from a café?");
    expect(before.trimStart()).toMatch(
      /^i We have no house rule for A\.6\.7 yet\. Control owner: no owner assigned yet\./,
    );

    const setting = await chat("alice", [
      "set house rule for A.6.7",
      "",
      RULE,
      "Remote working policy",
      "https://intranet.example.com/policies/remote-working",
      "2.1",
      "Head of IT",
    ]);
    expect(setting).toMatch(/Saved: our house rule for A\.6\.7/);

    const cafe = answerTo(await chat("carol", ["can I work from a café?"]), "can I work from a café?");
    const ruleAt = cafe.indexOf(RULE);
    expect(ruleAt).toBeGreaterThanOrEqual(0);
    expect(cafe.slice(0, ruleAt)).not.toMatch(/A\.6\.7 Remote working\n─/);
    expect(cafe).toMatch(/https:\/\/intranet\.example\.com\/policies\/remote-working/);
    expect(cafe.indexOf("A.6.7 Remote working\n─")).toBeGreaterThan(ruleAt);

    const empty = answerTo(await chat("alice", ["where are we?"]), "where are we?");
    const steps = [
      "Scope",
      "Risk assessment",
      "Controls and Statement of Applicability",
      "Implementation",
      "Internal audit and management review",
      "Certification audit",
    ];
    for (const [n, step] of steps.entries()) expect(empty).toContain(`${n + 1}. ${step}`);
    expect(empty).toMatch(/1\. Scope \(not started\)/);
    expect(empty).toMatch(/No scope document is on file yet/);

    const after = await chat("alice", [
      "submit evidence for clause 4.3",
      "",
      "ISMS scope statement v1",
      "",
      "https://intranet.example.com/isms/scope",
      "",
      "",
      "",
      "where are we?",
    ]);
    expect(after).toMatch(/Saved: E-\d+ ISMS scope statement v1 for 4\.3/);
    const walked = answerTo(after, "where are we?");
    expect(walked).toMatch(/1\. Scope \(done\)/);
    expect(walked).toMatch(/Clause 4 Context of the organization: 1 of 1 on file/);

    // The journey is for admins only.
    const refused = answerTo(await chat("carol", ["where are we?"]), "where are we?");
    expect(refused).not.toMatch(/1\. Scope/);
    expect(refused).toMatch(/admin/i);
  });
});
