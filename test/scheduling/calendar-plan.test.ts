import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Records } from "../../src/records/records.js";
import {
  type CalendarSettings,
  calendarEntries,
  DEFAULT_CALENDAR_SETTINGS,
  planCalendarReminders,
} from "../../src/scheduling/calendar-plan.js";
import { ReminderLedger } from "../../src/scheduling/reminder-ledger.js";
import { Reminders } from "../../src/scheduling/reminders.js";
import { openDatabase } from "../../src/storage/database.js";
import { evidenceInput } from "../support/records.js";
import { tempDir } from "../support/temp.js";

let folder: ReturnType<typeof tempDir>;
let now = new Date("2026-02-02T09:00:00Z");
const clock = () => now;
let records: Records;
const admins = ["console:alice", "console:carol"];

beforeEach(() => {
  folder = tempDir();
  now = new Date("2026-02-02T09:00:00Z");
  records = new Records(openDatabase(join(folder.path, "isms.db"), { clock }), clock);
});
afterEach(() => {
  records.db.close();
  folder.remove();
});

const held = (target: string, periodEnd: string | null) =>
  records.evidence.submit(
    evidenceInput({ target, title: `Held ${periodEnd}`, periodEnd }),
    null,
    "console:bob",
  );

/** "recipient itemKey period" for each reminder planned on that day. */
const planAt = (today: string, settings?: CalendarSettings) =>
  planCalendarReminders(records, today, admins, settings).map(
    (r) => `${r.recipient} ${r.itemKey} ${r.period}`,
  );
const textAt = (today: string, itemKey: string) =>
  planCalendarReminders(records, today, ["console:alice"]).find((r) => r.itemKey === itemKey)?.text;
const dueOf = (itemKey: string, settings?: CalendarSettings) =>
  calendarEntries(records, settings).find((entry) => entry.itemKey === itemKey)?.due;

describe("the standard dates", () => {
  beforeEach(() => {
    held("A.5.1", "2026-01-15");
    held("9.3", "2026-01-20");
  });

  it("fall due a year after the latest evidence, counted across month ends", () => {
    held("9.2", "2026-01-31");
    expect(dueOf("calendar:internal-audit")).toBe("2027-01-31");
    // With audits every month, 31 January is followed by the last day of February.
    const monthly = { ...DEFAULT_CALENDAR_SETTINGS, internalAuditMonths: 1 };
    expect(dueOf("calendar:internal-audit", monthly)).toBe("2026-02-28");
    expect(dueOf("calendar:policy-review")).toBe("2027-01-15");
    expect(dueOf("calendar:management-review")).toBe("2027-01-20");
  });

  it("count the newest evidence that was not rejected, on a subclause too, dated by its period or its submission", () => {
    held("9.2", "2026-01-31");
    const rejected = held("9.2.2", "2026-06-30");
    records.evidence.review(rejected.ref, "rejected", "not signed", "console:alice");
    expect(dueOf("calendar:internal-audit")).toBe("2027-01-31");
    now = new Date("2026-09-10T09:00:00Z");
    held("9.2.2", null); // no period: the day it was handed in
    expect(dueOf("calendar:internal-audit")).toBe("2027-09-10");
  });

  it("remind every admin 30 and 7 days before, on the day, then weekly while overdue", () => {
    held("9.2", "2026-01-31");
    const audit = (today: string) => planAt(today).filter((line) => line.includes("internal-audit"));
    expect(audit("2026-12-31")).toEqual([]);
    expect(audit("2027-01-01")).toEqual([
      "console:alice calendar:internal-audit 2027-01-31:before-30",
      "console:carol calendar:internal-audit 2027-01-31:before-30",
    ]);
    expect(audit("2027-01-23")).toContain("console:alice calendar:internal-audit 2027-01-31:before-30");
    expect(audit("2027-01-24")).toContain("console:alice calendar:internal-audit 2027-01-31:before-7");
    expect(audit("2027-01-31")).toContain("console:alice calendar:internal-audit 2027-01-31:due");
    expect(audit("2027-02-01")).toContain("console:alice calendar:internal-audit 2027-01-31:overdue-0");
    expect(audit("2027-02-07")).toContain("console:alice calendar:internal-audit 2027-01-31:overdue-0");
    expect(audit("2027-02-08")).toContain("console:alice calendar:internal-audit 2027-01-31:overdue-1");
    expect(textAt("2027-01-24", "calendar:internal-audit")).toBe(
      "The internal audit (9.2) is due on 2027-01-31 (in 7 days).",
    );
    expect(textAt("2027-02-10", "calendar:internal-audit")).toBe(
      "The internal audit (9.2) is 10 days overdue (due 2027-01-31).",
    );
    // The button opens the evidence form for the clause.
    expect(
      planCalendarReminders(records, "2027-01-31", admins).find(
        (r) => r.itemKey === "calendar:internal-audit",
      )?.ask,
    ).toBe("submit evidence for 9.2");
  });

  it("tell the admins once a month when none is on record, with what to do", () => {
    expect(planAt("2026-03-05")).toEqual([
      "console:alice calendar:internal-audit never:2026-03",
      "console:carol calendar:internal-audit never:2026-03",
    ]);
    expect(planAt("2026-03-31")).toEqual(planAt("2026-03-05"));
    expect(planAt("2026-04-01")).toContain("console:alice calendar:internal-audit never:2026-04");
    expect(textAt("2026-03-05", "calendar:internal-audit")).toBe(
      "No internal audit (9.2) is on record. Plan the audit programme and hold an internal audit, then submit its report as evidence for 9.2.",
    );
  });

  it("plan nothing when there is no admin to tell", () => {
    expect(planCalendarReminders(records, "2026-03-05", [])).toEqual([]);
  });

  it("follow the lead days and intervals given as settings", () => {
    held("9.2", "2026-01-31");
    const settings = { ...DEFAULT_CALENDAR_SETTINGS, leadDays: [14], internalAuditMonths: 6 };
    expect(planAt("2026-07-16", settings)).toEqual([]);
    expect(planAt("2026-07-17", settings)).toContain(
      "console:alice calendar:internal-audit 2026-07-31:before-14",
    );
  });
});

describe("dates the admins add", () => {
  beforeEach(() => {
    for (const target of ["A.5.1", "9.2", "9.3"]) held(target, "2026-01-01");
  });

  it("are reminded like the standard ones, and a repeating one moves on when done", () => {
    const write = records.calendar.add(
      { title: "Penetration test", dueDate: "2026-03-15", repeatMonths: 3, about: "A.8.8" },
      "console:alice",
    );
    const id = "item" in write ? write.item.id : 0;
    expect(planAt("2026-03-15")).toEqual([
      `console:alice calendar:${id} 2026-03-15:due`,
      `console:carol calendar:${id} 2026-03-15:due`,
    ]);
    expect(textAt("2026-03-15", `calendar:${id}`)).toBe(
      `Penetration test (calendar item ${id}, about A.8.8) is due today. Say "calendar item ${id} done" once it is done.`,
    );
    expect(planCalendarReminders(records, "2026-03-15", admins)[0]?.ask).toBe("show the ISMS calendar");
    records.calendar.complete(id, "console:alice");
    expect(dueOf(`calendar:${id}`)).toBe("2026-06-15");
    expect(planAt("2026-03-16")).toEqual([]);
    expect(planAt("2026-05-16")).toEqual([
      `console:alice calendar:${id} 2026-06-15:before-30`,
      `console:carol calendar:${id} 2026-06-15:before-30`,
    ]);
  });

  it("stop once a one-off date is done or a date is cancelled", () => {
    const once = records.calendar.add({ title: "Board briefing", dueDate: "2026-03-01" }, "console:alice");
    const other = records.calendar.add({ title: "Supplier review", dueDate: "2026-03-01" }, "console:alice");
    expect(planAt("2026-03-09")).toHaveLength(4);
    if ("item" in once) records.calendar.complete(once.item.id, "console:alice");
    if ("item" in other) records.calendar.cancel(other.item.id, "console:alice");
    expect(planAt("2026-03-09")).toEqual([]);
  });
});

describe("the calendar among the other reminders", () => {
  it("reaches every admin once per stage, across runs", async () => {
    for (const key of admins) records.people.addAdmin(key, "test");
    now = new Date("2026-03-02T09:00:00Z"); // a Monday
    const reminders = new Reminders(records, new ReminderLedger(records.db, clock));
    const calendar = (due: ReturnType<Reminders["due"]>) =>
      [...due].flatMap(([to, items]) =>
        items.filter((i) => i.kind === "calendar").map((i) => `${to} ${i.itemKey}`),
      );
    expect(calendar(reminders.due(now))).toEqual([
      "console:alice calendar:policy-review",
      "console:alice calendar:internal-audit",
      "console:alice calendar:management-review",
      "console:carol calendar:policy-review",
      "console:carol calendar:internal-audit",
      "console:carol calendar:management-review",
    ]);
    await reminders.run(now, async () => {});
    now = new Date("2026-03-03T09:00:00Z");
    expect(calendar(reminders.due(now))).toEqual([]);
  });
});
