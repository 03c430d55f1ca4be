/** The reminder schedule for a console chat: the person at the console gets their reminders in the chat. */
import type { Reply } from "../src/core/reply.js";
import type { Records } from "../src/records/records.js";
import { ReminderLedger } from "../src/scheduling/reminder-ledger.js";
import { Reminders } from "../src/scheduling/reminders.js";
import { startReminderSchedule } from "../src/scheduling/schedule.js";

export function consoleReminders(records: Records, user: string, show: (reply: Reply) => void) {
  const me = `console:${user}`;
  return startReminderSchedule({
    reminders: new Reminders(records, new ReminderLedger(records.db, records.clock)),
    clock: records.clock,
    reaches: (recipient) => recipient === me,
    send: async (_recipient, reply) => show(reply),
  });
}
