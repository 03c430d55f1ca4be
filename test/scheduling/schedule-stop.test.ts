import { describe, expect, it } from "vitest";
import type { Reminders } from "../../src/scheduling/reminders.js";
import { startReminderSchedule } from "../../src/scheduling/schedule.js";

/** Reminders whose run takes as long as the test says, counting the runs begun and finished. */
function slowReminders() {
  const runs = { begun: 0, finished: 0 };
  let finish: () => void = () => undefined;
  const reminders = {
    run: async () => {
      runs.begun += 1;
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      runs.finished += 1;
      return { sent: 2, failed: 1, paused: false };
    },
  } as unknown as Reminders;
  return { reminders, runs, finish: () => finish() };
}

describe("stopping the reminder schedule", () => {
  it("lets the run in progress finish before it resolves, and starts no other", async () => {
    const slow = slowReminders();
    const outcomes: unknown[] = [];
    const schedule = startReminderSchedule({
      reminders: slow.reminders,
      send: async () => undefined,
      clock: () => new Date("2027-03-01T09:00:00Z"),
      onRun: (outcome) => outcomes.push(outcome),
    });
    let stopped = false;
    const stopping = schedule.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false);
    slow.finish();
    await stopping;
    expect(slow.runs).toEqual({ begun: 1, finished: 1 });
    expect(outcomes).toEqual([{ sent: 2, failed: 1, paused: false, ms: expect.any(Number) }]);
  });
});
