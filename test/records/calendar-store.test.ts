import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CalendarItem } from "../../src/records/calendar-store.js";
import { Records } from "../../src/records/records.js";
import { openDatabase } from "../../src/storage/database.js";
import { tempDir } from "../support/temp.js";

let folder: ReturnType<typeof tempDir>;
let records: Records;
const clock = () => new Date("2026-11-25T09:00:00Z");

beforeEach(() => {
  folder = tempDir();
  records = new Records(openDatabase(join(folder.path, "isms.db"), { clock }), clock);
});
afterEach(() => {
  records.db.close();
  folder.remove();
});

const add = (input: Parameters<Records["calendar"]["add"]>[0]): CalendarItem => {
  const written = records.calendar.add(input, "console:alice");
  if (!("item" in written)) throw new Error(JSON.stringify(written.problems));
  return written.item;
};

describe("the ISMS calendar's added dates", () => {
  it("are saved with an audit entry naming who added them", () => {
    const item = add({
      title: "  Penetration test ",
      dueDate: "2027-05-01",
      repeatMonths: 12,
      about: "A.8.8",
    });
    expect(item).toMatchObject({
      title: "Penetration test",
      dueDate: "2027-05-01",
      repeatMonths: 12,
      about: "A.8.8",
      status: "open",
      createdBy: "console:alice",
    });
    expect(records.audit.list(1)[0]).toMatchObject({
      actor: "console:alice",
      action: "calendar.add",
      entity: "calendar",
      entityId: `calendar:${item.id}`,
      before: null,
      after: { title: "Penetration test" },
    });
  });

  it("move a repeating date on by its months from its due date when done, across month ends", () => {
    const item = add({ title: "Access review", dueDate: "2027-01-31", repeatMonths: 1 });
    expect(records.calendar.complete(item.id, "console:alice")).toMatchObject({
      status: "open",
      dueDate: "2027-02-28",
    });
    expect(records.audit.list(1)[0]).toMatchObject({
      action: "calendar.complete",
      before: { dueDate: "2027-01-31" },
      after: { dueDate: "2027-02-28" },
    });
  });

  it("close a one-off date when done, and leave only open dates in the list, soonest first", () => {
    const once = add({ title: "Board briefing", dueDate: "2027-02-01" });
    const later = add({ title: "Supplier review", dueDate: "2027-06-01" });
    const sooner = add({ title: "Tabletop exercise", dueDate: "2027-03-01" });
    expect(records.calendar.complete(once.id, "console:alice")?.status).toBe("done");
    expect(records.calendar.cancel(later.id, "console:alice")?.status).toBe("cancelled");
    expect(records.calendar.open().map((item) => item.title)).toEqual(["Tabletop exercise"]);
    expect(records.calendar.get(sooner.id)?.status).toBe("open");
    expect(records.audit.list(2).map((entry) => entry.action)).toEqual([
      "calendar.cancel",
      "calendar.complete",
    ]);
  });

  it("cannot be done or cancelled twice, or when they do not exist", () => {
    const item = add({ title: "Board briefing", dueDate: "2027-02-01" });
    records.calendar.cancel(item.id, "console:alice");
    expect(records.calendar.complete(item.id, "console:alice")).toBeUndefined();
    expect(records.calendar.cancel(item.id, "console:alice")).toBeUndefined();
    expect(records.calendar.complete(999, "console:alice")).toBeUndefined();
    expect(records.audit.list().filter((entry) => entry.entity === "calendar")).toHaveLength(2);
  });

  it("refuse invalid input field by field and save nothing", () => {
    expect(
      records.calendar.add(
        { title: " ", dueDate: "2027-02-30", repeatMonths: 61, about: "backups" },
        "console:alice",
      ),
    ).toEqual({
      problems: {
        title: "Title is required.",
        dueDate: "Date must be a real date written YYYY-MM-DD, e.g. 2027-03-31.",
        repeatMonths: "Repeat must be a whole number of months from 1 to 60.",
        about: "About must be a control or clause id, e.g. A.8.8 or 9.2.",
      },
    });
    expect(records.calendar.add({ title: "x", dueDate: "1/5/2027" }, "console:alice")).toMatchObject({
      problems: { dueDate: expect.stringMatching(/real date/) },
    });
    expect(
      records.calendar.add({ title: "x", dueDate: "2027-05-01", repeatMonths: 1.5 }, "console:alice"),
    ).toMatchObject({ problems: { repeatMonths: expect.stringMatching(/whole number/) } });
    expect(records.calendar.open()).toEqual([]);
    expect(records.audit.list()).toEqual([]);
  });
});
