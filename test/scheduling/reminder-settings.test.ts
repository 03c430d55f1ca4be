import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Records } from "../../src/records/records.js";
import { digestDue, nextDigest } from "../../src/scheduling/digest-time.js";
import { crossCheck, effectiveConfig, parseLayer } from "../../src/scheduling/reminder-config.js";
import { openDatabase } from "../../src/storage/database.js";
import { tempDir } from "../support/temp.js";

describe("reading reminder settings", () => {
  it("reads lists, days and yes/no from text and from YAML values alike", () => {
    expect(parseLayer({ "lead-days": "3, 14", "digest-day": "Fri", weekends: "yes" }).layer).toEqual({
      "lead-days": [14, 3],
      "digest-day": "friday",
      weekends: true,
    });
    expect(parseLayer({ "lead-days": [30, 7], weekends: false, "digest-hour": 8 }).layer).toEqual({
      "lead-days": [30, 7],
      weekends: false,
      "digest-hour": 8,
    });
  });

  it("names each wrong setting with what it should be", () => {
    const { problems } = parseLayer({
      "digest-hour": "25",
      "time-zone": "Mars/Olympus",
      "lead-days": "soon",
      "grace-dayz": 3,
    });
    expect(problems["digest-hour"]).toMatch(/whole number from 0 to 23/);
    expect(problems["time-zone"]).toMatch(/IANA time zone such as Europe\/Berlin, not "Mars\/Olympus"/);
    expect(problems["lead-days"]).toMatch(/one to five whole numbers/);
    expect(problems["grace-dayz"]).toMatch(/not a reminder setting/);
  });

  it("refuses working hours that end before they start", () => {
    expect(crossCheck(effectiveConfig({ "work-start": 18, "work-end": 9 }))).toEqual({
      "work-end": "Working hours must end after they start.",
    });
  });
});

describe("when the weekly digest is due", () => {
  const timing = { weekday: 1, hour: 9, defaultTimeZone: "Europe/Berlin" };

  it("is due from the digest hour on the digest day, in the person's own time zone", () => {
    // Monday 2027-03-01 07:59 UTC is 08:59 in Berlin: not yet; 08:00 UTC is 09:00 in Berlin.
    expect(digestDue(new Date("2027-03-01T07:59:00Z"), null, timing)).toBeUndefined();
    expect(digestDue(new Date("2027-03-01T08:00:00Z"), null, timing)).toBe("2027-03-01");
    // In New York it is still 03:00 on Monday.
    expect(digestDue(new Date("2027-03-01T08:00:00Z"), "America/New_York", timing)).toBeUndefined();
    expect(digestDue(new Date("2027-03-01T14:00:00Z"), "America/New_York", timing)).toBe("2027-03-01");
  });

  it("is caught up for three days when the bot was down at the digest hour, then waits for next week", () => {
    const downSinceFriday = [
      { from: new Date("2027-02-26T17:00:00Z"), to: new Date("2027-03-02T10:00:00Z") },
    ];
    expect(digestDue(new Date("2027-03-02T10:00:00Z"), null, timing, downSinceFriday)).toBe("2027-03-01");
    expect(digestDue(new Date("2027-03-04T10:00:00Z"), null, timing, downSinceFriday)).toBe("2027-03-01");
    expect(digestDue(new Date("2027-03-05T10:00:00Z"), null, timing, downSinceFriday)).toBeUndefined();
    // Running on Monday at the digest hour means the digest went out then: no second one on Tuesday.
    const ranMonday = [{ from: new Date("2027-03-01T08:15:00Z"), to: new Date("2027-03-02T10:00:00Z") }];
    expect(digestDue(new Date("2027-03-02T10:00:00Z"), null, timing, ranMonday)).toBeUndefined();
    // A fresh install on Wednesday does not send Monday's digest.
    expect(digestDue(new Date("2027-03-03T10:00:00Z"), null, timing)).toBeUndefined();
  });

  it("says when the next digest goes out", () => {
    expect(nextDigest(new Date("2027-03-03T10:00:00Z"), timing)).toBe(
      "Monday 2027-03-08 at 09:00 (Europe/Berlin)",
    );
    expect(nextDigest(new Date("2027-03-01T07:00:00Z"), timing)).toBe(
      "Monday 2027-03-01 at 09:00 (Europe/Berlin)",
    );
  });
});

describe("the settings store", () => {
  let folder: ReturnType<typeof tempDir>;
  let records: Records;
  const clock = () => new Date("2027-03-01T09:00:00Z");
  beforeEach(() => {
    folder = tempDir();
    records = new Records(openDatabase(join(folder.path, "isms.db"), { clock }), clock, {
      "digest-day": "friday",
      "lead-days": [21, 7],
    });
  });
  afterEach(() => {
    records.db.close();
    folder.remove();
  });

  it("layers the defaults, the config file and admins' changes, and says where each value comes from", () => {
    const settings = records.reminderSettings;
    expect(settings.effective()["digest-day"]).toBe("friday");
    expect(settings.source("digest-day")).toBe("config file");
    expect(settings.source("grace-days")).toBe("default");
    expect(settings.change({ "digest-day": "tuesday", "grace-days": "10" }, "console:alice")).toEqual({
      changed: ["digest-day", "grace-days"],
    });
    expect(settings.effective()).toMatchObject({
      "digest-day": "tuesday",
      "grace-days": 10,
      "lead-days": [21, 7],
    });
    expect(settings.source("digest-day")).toBe("changed by an admin");
  });

  it("audit-logs each change with before and after, and changes nothing when any value is wrong", () => {
    const settings = records.reminderSettings;
    const result = settings.change({ "grace-days": "10", "digest-hour": "noon" }, "console:alice");
    expect(result).toEqual({ problems: { "digest-hour": expect.stringMatching(/whole number/) } });
    expect(settings.effective()["grace-days"]).toBe(7);
    settings.change({ "grace-days": "10" }, "console:alice");
    const [entry] = records.audit.list(1);
    expect(entry).toMatchObject({
      actor: "console:alice",
      action: "settings.reminders",
      before: { "grace-days": 7 },
      after: { "grace-days": 10 },
    });
  });

  it("pauses and resumes once each, audit-logged, and remembers who paused", () => {
    const settings = records.reminderSettings;
    expect(settings.setPaused(true, "console:alice")).toBe(true);
    expect(settings.setPaused(true, "console:alice")).toBe(false);
    expect(settings.paused()).toEqual({ by: "console:alice", at: "2027-03-01T09:00:00.000Z" });
    expect(settings.setPaused(false, "console:bob")).toBe(true);
    expect(settings.paused()).toBeUndefined();
    expect(records.audit.list(5).map((entry) => entry.action)).toEqual([
      "reminders.resume",
      "reminders.pause",
    ]);
  });
});
