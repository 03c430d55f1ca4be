/**
 * Runs the reminders: plans them from the records for a given moment, leaves out what the ledger has already sent,
 * and sends one combined message per person through whatever adapter delivers (the console prints it).
 */
import type { Reply } from "../core/reply.js";
import { isoDate } from "../records/dates.js";
import type { Records } from "../records/records.js";
import type { PersonKey } from "../records/types.js";
import { planAdminDigests } from "./admin-digest.js";
import { planManagerDigests } from "./digest-plan.js";
import { DEFAULT_QUIET_RULES, mayRemindNow, type QuietRules } from "./quiet-hours.js";
import type { ReminderLedger } from "./reminder-ledger.js";
import { byRecipient, type PlannedReminder, planReminders, type ReminderSettings } from "./reminder-plan.js";

export type Send = (recipient: PersonKey, reply: Reply) => Promise<void>;

/** "Snooze 1 week" for the first item, and "Mark reviewed" for the first risk due for review. */
function snoozeAndReview(items: PlannedReminder[]): { label: string; ask: string }[] {
  const buttons: { label: string; ask: string }[] = [];
  const first = items.find((item) => !item.kind.endsWith("-digest"));
  if (first) buttons.push({ label: "Snooze 1 week", ask: `snooze ${first.itemKey.split(":")[1]}` });
  const review = items.find((item) => item.kind === "risk-review");
  if (review) buttons.push({ label: "Mark reviewed", ask: `mark ${review.itemKey.split(":")[1]} reviewed` });
  return buttons;
}

export function reminderReply(items: PlannedReminder[]): Reply {
  const text = items.length === 1 ? (items[0]?.text ?? "") : `You have ${items.length} ISMS reminders.`;
  return {
    text,
    visibility: "private",
    blocks: [
      { type: "heading", text: "Your ISMS reminders" },
      {
        type: "list",
        items: items.filter((item) => !item.kind.endsWith("-digest")).map((item) => item.text),
      },
      ...items
        .filter((item) => item.kind.endsWith("-digest"))
        .map((item) => {
          const [title = "", ...lines] = item.text.split("\n");
          return { type: "list" as const, label: title, items: lines.map((line) => line.replace(/^• /, "")) };
        }),
      {
        type: "actions",
        buttons: [
          ...[...new Set(items.map((item) => item.ask))]
            .slice(0, 3)
            .map((ask) => ({ label: ask.charAt(0).toUpperCase() + ask.slice(1), ask })),
          ...snoozeAndReview(items),
        ].slice(0, 5),
      },
    ],
  };
}

export class Reminders {
  constructor(
    private readonly records: Records,
    private readonly ledger: ReminderLedger,
    private readonly settings?: ReminderSettings,
    private readonly quiet: QuietRules = DEFAULT_QUIET_RULES,
  ) {}

  /** What is due at this moment and not yet sent, one list per person. */
  due(at: Date): Map<PersonKey, PlannedReminder[]> {
    const { records } = this;
    const planned = planReminders({
      today: isoDate(at),
      controls: records.controls.all(),
      risks: records.risks.all(),
      managerOf: (person) => records.people.get(person)?.manager ?? null,
      admins: records.people.admins().map((admin) => admin.key),
      ...(this.settings ? { settings: this.settings } : {}),
    });
    const managers = records.people.managers();
    const digests = planManagerDigests({
      today: isoDate(at),
      controls: records.controls.all(),
      risks: records.risks.all(),
      reportsOf: (manager) => records.people.reportsOf(manager),
      managers,
    });
    const today = isoDate(at);
    return byRecipient(
      [...planned, ...digests, ...planAdminDigests(records, at, this.ledger.unfinished())].filter(
        (reminder) =>
          !this.ledger.has(reminder) &&
          !records.snoozes.isSnoozed(reminder.itemKey, reminder.recipient, today),
      ),
    );
  }

  /** Sends what is due: claim each reminder, send each person one message, then mark them sent (or free them). */
  async run(at: Date, send: Send): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (const [recipient, items] of this.due(at)) {
      // Outside the person's working hours the reminders stay due for a later run.
      if (!mayRemindNow(at, this.records.people.get(recipient)?.timezone, this.quiet)) continue;
      const mine = items.filter((item) => this.ledger.claim(item));
      if (mine.length === 0) continue; // another process has them
      try {
        await send(recipient, reminderReply(mine));
        for (const item of mine) this.ledger.finish(item, "sent");
        sent += mine.length;
      } catch {
        for (const item of mine) this.ledger.release(item);
        failed += mine.length;
      }
    }
    return { sent, failed };
  }
}
