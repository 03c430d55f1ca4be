import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIsms } from "../support/run-cli.js";
import { tempDir } from "../support/temp.js";

const folder = tempDir();
const env = { ISMS_DB_PATH: join(folder.path, "isms.db") };
afterAll(() => folder.remove());

beforeAll(async () => {
  await runIsms(["admin", "add", "console:alice"], { env });
  await runIsms(["admin", "add", "console:carol"], { env });
});

describe("isms calendar", () => {
  it("adds a date, lists it with the standard dates, and moves a repeating date on when done", async () => {
    const added = await runIsms(
      [
        "calendar",
        "add",
        "--title",
        "Penetration test",
        "--date",
        "2099-05-31",
        "--repeat-months",
        "9",
        "--about",
        "8.8",
      ],
      { env },
    );
    expect(added.stdout).toBe('Added calendar item 1 "Penetration test" on 2099-05-31, every 9 months.\n');
    const listed = await runIsms(["calendar"], { env });
    expect(listed.code).toBe(0);
    expect(listed.stdout.split("\n")).toEqual([
      expect.stringMatching(
        /^Not on record: Policy review \(A\.5\.1\)\. Review the information security policies/,
      ),
      expect.stringMatching(/^Not on record: Internal audit \(9\.2\)\./),
      expect.stringMatching(/^Not on record: Management review \(9\.3\)\./),
      "2099-05-31: Penetration test (calendar item 1, about A.8.8), every 9 months",
      "",
    ]);
    expect((await runIsms(["calendar", "done", "1"], { env })).stdout).toBe(
      'Calendar item 1 "Penetration test" done; next on 2100-02-28.\n',
    );
    const log = await runIsms(["audit-log", "--json", "--limit", "2"], { env });
    expect(
      log.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toMatchObject([
      { actor: expect.stringMatching(/^cli:/), action: "calendar.complete", entityId: "calendar:1" },
      { actor: expect.stringMatching(/^cli:/), action: "calendar.add", entityId: "calendar:1" },
    ]);
  });

  it("refuses a date that does not exist, or an unknown control, in one line and adds nothing", async () => {
    const badDate = await runIsms(["calendar", "add", "--title", "Audit", "--date", "2027-02-29"], { env });
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toBe(
      'isms: --date "2027-02-29": Date must be a real date written YYYY-MM-DD, e.g. 2027-03-31.\n',
    );
    const badAbout = await runIsms(
      ["calendar", "add", "--title", "Audit", "--date", "2027-03-01", "--about", "5.1"],
      { env },
    );
    expect(badAbout.code).toBe(2);
    expect(badAbout.stderr).toBe(
      'isms: --about: "5.1" is both clause 5.1 and control A.5.1; write clause 5.1 or A.5.1.\n',
    );
    expect((await runIsms(["calendar"], { env })).stdout).not.toMatch(/Audit \(calendar item/);
  });

  it("says so when an item to mark done or cancel does not exist", async () => {
    const missing = await runIsms(["calendar", "cancel", "42"], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("isms: there is no open calendar item 42.\n");
    const notANumber = await runIsms(["calendar", "done", "first"], { env });
    expect(notANumber.code).toBe(2);
    expect(notANumber.stderr).toBe(
      'isms: "first" is not a calendar item number; see them with: isms calendar\n',
    );
  });
});

describe("isms remind --dry-run", () => {
  it("shows the ISMS calendar's reminders to every admin", async () => {
    await runIsms(["calendar", "add", "--title", "Supplier review", "--date", "2027-03-08"], { env });
    const run = await runIsms(["remind", "--dry-run", "--at", "2027-03-01T09:00:00Z"], { env });
    expect(run.code).toBe(0);
    for (const admin of ["console:alice", "console:carol"]) {
      const section = run.stdout.split(/\n(?=console:)/).find((part) => part.startsWith(`${admin}:`)) ?? "";
      expect(section).toMatch(/calendar: No internal audit \(9\.2\) is on record\./);
      expect(section).toMatch(/calendar: No management review \(9\.3\) is on record\./);
      expect(section).toMatch(
        /calendar: Supplier review \(calendar item \d+\) is due on 2027-03-08 \(in 7 days\)\./,
      );
    }
  });
});
