/**
 * The reminder schedule: on start, and then on a cron pattern (every 15 minutes by default), sends what is due. The
 * core owns the schedule; the adapter only delivers. Catching up after downtime is the first run: the ledger and the
 * planner's stages make it one combined message per person.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Reminders, Send } from "./reminders.js";

export interface ScheduleOptions {
  reminders: Reminders;
  send: Send;
  clock: () => Date;
  pattern?: string;
  /** Whom this process's adapters can reach; reminders to anyone else stay due for a process that can. */
  reaches?: (recipient: string) => boolean;
  /** Told about a run that failed as a whole (for example the database was busy); the next run tries again. */
  onError?: (error: unknown) => void;
}

export function startReminderSchedule({
  reminders,
  send,
  clock,
  pattern = "*/15 * * * *",
  reaches,
  onError,
}: ScheduleOptions): {
  ready: Promise<void>;
  stop: () => Promise<void>;
} {
  if (!cron.validate(pattern)) throw new Error(`"${pattern}" is not a cron pattern`);
  const tick = async () => {
    try {
      await reminders.run(clock(), send, reaches);
    } catch (error) {
      onError?.(error);
    }
  };
  const task: ScheduledTask = cron.schedule(pattern, tick, { noOverlap: true, name: "isms-reminders" });
  return {
    ready: tick(),
    stop: async () => {
      await task.stop();
      await task.destroy();
    },
  };
}
