import { describe, expect, it } from "vitest";
import { mayRemindNow } from "../../src/scheduling/quiet-hours.js";

const at = (iso: string) => new Date(iso);

describe("quiet rules", () => {
  it("reach people in their working hours, in their own time zone", () => {
    // 08:30 UTC on a Wednesday: 09:30 in Berlin (winter), 17:30 in Tokyo, 03:30 in New York.
    expect(mayRemindNow(at("2027-01-13T08:30:00Z"), "Europe/Berlin")).toBe(true);
    expect(mayRemindNow(at("2027-01-13T08:30:00Z"), "Asia/Tokyo")).toBe(true);
    expect(mayRemindNow(at("2027-01-13T08:30:00Z"), "America/New_York")).toBe(false);
    expect(mayRemindNow(at("2027-01-13T09:30:00Z"), "Asia/Tokyo")).toBe(false);
  });

  it("follow the clock change: 07:30 UTC is 08:30 in Berlin on Friday, 09:30 after the spring change", () => {
    expect(mayRemindNow(at("2027-03-26T07:30:00Z"), "Europe/Berlin")).toBe(false);
    expect(mayRemindNow(at("2027-03-29T07:30:00Z"), "Europe/Berlin")).toBe(true);
  });

  it("hold weekend reminders until Monday morning, unless weekends are allowed", () => {
    const saturday = at("2027-03-27T10:00:00Z");
    expect(mayRemindNow(saturday, "Europe/London")).toBe(false);
    expect(mayRemindNow(at("2027-03-29T08:00:00Z"), "Europe/London")).toBe(true); // Monday 09:00 BST
    expect(
      mayRemindNow(saturday, "Europe/London", {
        defaultTimeZone: "UTC",
        startHour: 9,
        endHour: 18,
        weekends: true,
      }),
    ).toBe(true);
  });

  it("use the organisation's time zone for people without one, or with an unknown one", () => {
    const rules = { defaultTimeZone: "Asia/Tokyo", startHour: 9, endHour: 18, weekends: false };
    expect(mayRemindNow(at("2027-01-13T01:00:00Z"), null, rules)).toBe(true); // 10:00 in Tokyo
    expect(mayRemindNow(at("2027-01-13T01:00:00Z"), "Mars/Base", rules)).toBe(true);
  });
});
