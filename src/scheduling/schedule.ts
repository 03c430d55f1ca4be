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
  /** Told how each run went, for the log: how many reminders were sent and failed, and how long it took. */
  onRun?: (outcome: { sent: number; failed: number; paused: boolean; ms: number }) => void;
}

export function startReminderSchedule({
  reminders,
  send,
  clock,
  pattern = "*/15 * * * *",
  reaches,
  onError,
  onRun,
}: ScheduleOptions): {
  ready: Promise<void>;
  /** Starts no further run, and resolves once a run already going has finished. */
  stop: () => Promise<void>;
} {
  if (!cron.validate(pattern)) throw new Error(`"${pattern}" is not a cron pattern`);
  const running = new Set<Promise<void>>();
  let stopped = false;
  const run = async () => {
    // Wall time, not the clock: tests move the clock, the log wants how long the run really took.
    const started = Date.now();
    try {
      const outcome = await reminders.run(clock(), send, reaches);
      onRun?.({ ...outcome, ms: Date.now() - started });
    } catch (error) {
      onError?.(error);
    }
  };
  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    const going = run();
    running.add(going);
    void going.then(() => running.delete(going));
    return going;
  };
  const task: ScheduledTask = cron.schedule(pattern, tick, { noOverlap: true, name: "isms-reminders" });
  return {
    ready: tick(),
    stop: async () => {
      stopped = true;
      await task.stop();
      await task.destroy();
      await Promise.all([...running]);
    },
  };
}
