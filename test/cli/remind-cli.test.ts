import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Records } from "../../src/records/records.js";
import { openDatabase } from "../../src/storage/database.js";
import { runIsms } from "../support/run-cli.js";
import { tempDir } from "../support/temp.js";

const folder = tempDir();
const env = { ISMS_DB_PATH: join(folder.path, "isms.db"), ISMS_CONFIG: join(folder.path, "isms.config.yml") };
afterAll(() => folder.remove());

beforeAll(async () => {
  writeFileSync(env.ISMS_CONFIG, "reminders:\n  digest-day: monday\n  lead-days: [14, 3]\n");
  for (const person of ["alice", "bob", "mallory"])
    await runIsms(["chat", "--as", person], { input: "hi\n", env });
  const clock = () => new Date("2027-02-01T09:00:00Z");
  const records = new Records(openDatabase(env.ISMS_DB_PATH, { clock }), clock);
  records.people.addAdmin("console:alice", "test");
  records.people.setManager("console:bob", "console:mallory", "test");
  records.controls.update(
    "A.8.13",
    { owner: "console:bob", applicable: true, cadence: "quarterly", nextEvidenceDue: "2027-03-03" },
    "test",
  );
  records.db.close();
});

describe("isms remind", () => {
  it("shows in a dry run who would get what at a chosen moment, without sending", async () => {
    // Monday 1 March: bob's evidence is due in 2 days; mallory's and alice's weekly digests are due.
    const run = await runIsms(["remind", "--dry-run", "--at", "2027-03-01T09:00"], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /console:bob:\n {2}evidence-due: Evidence for A\.8\.13 is due on 2027-03-03 \(in 2 days\)\./,
    );
    expect(run.stdout).toMatch(
      /console:mallory:\n {2}manager-digest: Your team's ISMS items this week \(1\)/,
    );
    expect(run.stdout).toMatch(/console:alice:[\s\S]*admin-digest: The ISMS this week/);
    // At night the same reminders are shown as held.
    const night = await runIsms(["remind", "--dry-run", "--at", "2027-03-01T23:00"], { env });
    expect(night.stdout).toMatch(/console:bob: {2}\(held: outside their working hours\)/);
    // Nothing was recorded: the same dry run shows the same.
    expect((await runIsms(["remind", "--dry-run", "--at", "2027-03-01T09:00"], { env })).stdout).toBe(
      run.stdout,
    );
  });

  it("shows the settings with where each comes from, and changes one with a one-line reason when wrong", async () => {
    const shown = await runIsms(["remind", "--show", "--at", "2027-03-03T10:00"], { env });
    expect(shown.stdout).toMatch(/Next digest: Monday 2027-03-08 at 09:00 \(UTC\)\./);
    expect(shown.stdout).toMatch(/digest-day +Monday {2}\(config file\)/);
    expect(shown.stdout).toMatch(/grace-days +7\n/);
    const wrong = await runIsms(["remind", "--set", "digest-hour=noon"], { env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(
      "isms: Digest hour must be a whole number from 0 to 23 (o'clock, local time).\n",
    );
    const unknown = await runIsms(["remind", "--set", "cadence=3"], { env });
    expect(unknown.stderr).toMatch(/^isms: "cadence" is not a setting; the settings are: lead-days, /);
    const ok = await runIsms(["remind", "--set", "grace-days=10", "--set", "digest-hour=10"], { env });
    expect(ok.stdout).toBe("Changed: Grace days before escalation 10, Digest hour 10.\n");
    expect((await runIsms(["remind", "--show"], { env })).stdout).toMatch(
      /grace-days +10 {2}\(changed by an admin\)/,
    );
    await runIsms(["remind", "--set", "grace-days=7", "--set", "digest-hour=9"], { env });
  });

  it("sends nothing while paused, and what is due once resumed", async () => {
    expect((await runIsms(["remind", "--pause"], { env })).stdout).toBe(
      "Reminders and digests are paused.\n",
    );
    expect((await runIsms(["remind", "--run"], { env })).stdout).toMatch(
      /Reminders are paused; nothing was sent/,
    );
    expect((await runIsms(["remind", "--resume"], { env })).stdout).toBe(
      "Reminders and digests are running again.\n",
    );
    const audit = await runIsms(["audit-log", "--limit", "2"], { env });
    expect(audit.stdout).toMatch(/reminders\.resume[\s\S]*reminders\.pause/);
  });

  it("sends the digests now, printing the console people's", async () => {
    const run = await runIsms(["remind", "--digest-now"], { env });
    expect(run.stdout).toMatch(/To console:alice:\n[\s\S]*The ISMS this week/);
    expect(run.stdout).toMatch(/Sent \d+ digest\(s\); 0 could not be delivered\./);
  });

  it("refuses mixed or missing choices, and a config file with a wrong value stops with its name", async () => {
    expect((await runIsms(["remind"], { env })).stderr).toMatch(/^isms: choose one of --dry-run, --run/);
    expect((await runIsms(["remind", "--run", "--at", "2027-03-01T09:00"], { env })).code).toBe(2);
    const bad = join(folder.path, "bad.yml");
    writeFileSync(bad, "reminders:\n  digest-hour: 25\n");
    const run = await runIsms(["remind", "--show"], { env: { ...env, ISMS_CONFIG: bad } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "isms: configuration: bad.yml: reminders.digest-hour: Digest hour must be a whole number from 0 to 23 (o'clock, local time).\n",
    );
  });
});

describe("reminders in the console chat", () => {
  it("shows the console person their reminders with buttons that work, and only theirs", async () => {
    const always = join(folder.path, "always.yml");
    writeFileSync(always, "reminders:\n  work-start: 0\n  work-end: 24\n  weekends: yes\n");
    const local = { ...env, ISMS_CONFIG: always, ISMS_DB_PATH: join(folder.path, "console.db") };
    await runIsms(["chat", "--as", "bob"], { input: "hi\n", env: local });
    const clock = () => new Date();
    const records = new Records(openDatabase(local.ISMS_DB_PATH, { clock }), clock);
    records.controls.update(
      "A.8.13",
      { owner: "console:bob", applicable: true, cadence: "quarterly", nextEvidenceDue: "2020-01-06" },
      "test",
    );
    records.db.close();
    // Bob's catch-up arrives before his first question; pressing its button opens the prefilled evidence form.
    const run = await runIsms(["chat", "--as", "bob", "--reminders"], { input: "1\ncancel\n", env: local });
    expect(run.stdout).toMatch(
      /^🔔 Reminder\n[\s\S]*Evidence for A\.8\.13 is \d+ days overdue \(due 2020-01-06\)\./,
    );
    expect(run.stdout).toMatch(/> submit evidence for A\.8\.13\n[\s\S]*Submit evidence/);
    // Once shown, it is not shown again; and alice at the console does not get bob's.
    expect((await runIsms(["chat", "--as", "bob", "--reminders"], { input: "", env: local })).stdout).toBe(
      "",
    );
    expect((await runIsms(["chat", "--as", "alice", "--reminders"], { input: "", env: local })).stdout).toBe(
      "",
    );
  });

  it("refuses a config file whose settings contradict each other", async () => {
    const bad = join(folder.path, "contradict.yml");
    writeFileSync(bad, "reminders:\n  work-start: 18\n  work-end: 9\n");
    const run = await runIsms(["remind", "--show"], { env: { ...env, ISMS_CONFIG: bad } });
    expect(run.stderr).toBe(
      "isms: configuration: contradict.yml: reminders.work-end: Working hours must end after they start.\n",
    );
  });
});
