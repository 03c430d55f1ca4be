/**
 * Runs the reminders: plans them from the records for a given moment, leaves out what the ledger has already sent,
 * and sends one combined message per person through whatever adapter delivers (the console prints it). A send that
 * fails is recorded with its reason and stays due; the adapter's `send` may pace and retry (see paced-send.ts).
 */
import type { Reply } from "../core/reply.js";
import { isoDate, todayIn } from "../records/dates.js";
import type { Records } from "../records/records.js";
import type { PersonKey } from "../records/types.js";
import { adminDigestLines, digestCounts, planAdminDigests } from "./admin-digest.js";
import { calendarSettings, planCalendarReminders } from "./calendar-plan.js";
import { planManagerDigests } from "./digest-plan.js";
import { DigestSnapshots } from "./digest-snapshots.js";
import { digestDue } from "./digest-time.js";
import { mayRemindNow, validZone } from "./quiet-hours.js";
import { digestWeekday, planSettings, quietRules, type ReminderConfig } from "./reminder-config.js";
import type { ReminderLedger } from "./reminder-ledger.js";
import { byRecipient, type PlannedReminder, planReminders } from "./reminder-plan.js";

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

/** One line for the admins: the error's message, never its stack. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split("\n")[0]?.trim() || "unknown error";
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
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
  private readonly snapshots: DigestSnapshots;

  constructor(
    private readonly records: Records,
    private readonly ledger: ReminderLedger,
  ) {
    this.snapshots = new DigestSnapshots(records.db, records.clock);
  }

  /** The settings in effect now: an admin's change applies from the next run. */
  private config(): ReminderConfig {
    return this.records.reminderSettings.effective();
  }

  private digestDate(config: ReminderConfig, at: Date): (person: PersonKey) => string | undefined {
    const timing = {
      weekday: digestWeekday(config),
      hour: config["digest-hour"],
      defaultTimeZone: config["time-zone"],
    };
    const downtimes = this.ledger.downtimes();
    return (person) => digestDue(at, this.records.people.get(person)?.timezone, timing, downtimes);
  }

  /** Each person's own date at this moment (the organisation's time zone when theirs is unknown). */
  private localDates(at: Date, config: ReminderConfig): (person: PersonKey) => string {
    const byPerson = new Map<PersonKey, string>();
    const byZone = new Map<string, string>();
    return (person) => {
      let day = byPerson.get(person);
      if (day === undefined) {
        const zone = this.records.people.get(person)?.timezone ?? "";
        day = byZone.get(zone) ?? todayIn(at, validZone(zone, config["time-zone"]));
        byZone.set(zone, day);
        byPerson.set(person, day);
      }
      return day;
    };
  }

  /**
   * Everything planned for this moment. Each reminder is planned on its recipient's own date, so that "due today"
   * arrives on their due day and Monday's digest counts what is overdue on their Monday, east or west of UTC: the
   * plan is made once per date that anyone has now (usually one, at most three).
   */
  private plan(
    at: Date,
    digestDate: (person: PersonKey) => string | undefined,
    dateOf = this.localDates(at, this.config()),
  ): PlannedReminder[] {
    const { records } = this;
    const config = this.config();
    const controls = records.controls.all();
    const risks = records.risks.all();
    const admins = records.people.admins().map((admin) => admin.key);
    const managers = records.people.managers();
    const recipients = new Set<PersonKey>([...admins, ...managers, ...risks.map((risk) => risk.owner)]);
    for (const state of controls) if (state.owner) recipients.add(state.owner);
    const trouble = { unfinished: this.ledger.unfinished(), failures: this.ledger.failures() };
    const days = new Set([...recipients].map(dateOf));
    return [...days].flatMap((today) =>
      [
        ...planReminders({
          today,
          controls,
          risks,
          managerOf: (person) => records.people.get(person)?.manager ?? null,
          admins,
          settings: planSettings(config),
        }),
        ...planManagerDigests({
          today,
          controls,
          risks,
          reportsOf: (manager) => records.people.reportsOf(manager),
          managers,
          digestDate,
        }),
        ...planAdminDigests({
          records,
          today,
          digestDate,
          trouble,
          previous: (week) => this.snapshots.before(week),
        }),
        ...planCalendarReminders(records, today, admins, calendarSettings(config)),
      ].filter((reminder) => dateOf(reminder.recipient) === today),
    );
  }

  /** What is due at this moment and not yet sent, one list per person (whether paused or not). */
  due(at: Date): Map<PersonKey, PlannedReminder[]> {
    const dateOf = this.localDates(at, this.config());
    return byRecipient(
      this.plan(at, this.digestDate(this.config(), at), dateOf).filter(
        (reminder) =>
          !this.ledger.has(reminder) &&
          !this.records.snoozes.isSnoozed(reminder.itemKey, reminder.recipient, dateOf(reminder.recipient)),
      ),
    );
  }

  /** True when it is outside this person's working hours (or a weekend) now: their reminders wait. */
  heldBack(recipient: PersonKey, at: Date): boolean {
    return !mayRemindNow(at, this.records.people.get(recipient)?.timezone, quietRules(this.config()));
  }

  /** The ISMS-wide digest as it would read now, for an admin who asks for it. */
  adminDigestLines(at: Date): string[] {
    const week = this.digestDate(this.config(), at)("") ?? isoDate(at);
    return adminDigestLines(
      this.records,
      isoDate(at),
      { unfinished: this.ledger.unfinished(), failures: this.ledger.failures() },
      this.snapshots.before(week),
    );
  }

  /** Sends what is due: claim each reminder, send each person one message, then mark them sent (or failed). */
  async run(
    at: Date,
    send: Send,
    /** Whom this process can reach (a Slack-only process, Slack people); the others stay due for another. */
    reaches: (recipient: PersonKey) => boolean = () => true,
  ): Promise<{ sent: number; failed: number; paused: boolean }> {
    if (this.records.reminderSettings.paused()) return { sent: 0, failed: 0, paused: true };
    const due = new Map([...this.due(at)].filter(([recipient]) => reaches(recipient)));
    this.ledger.markRun(at);
    return { ...(await this.deliver(due, at, send, true)), paused: false };
  }

  /**
   * "Send the digests now": this week's manager and admin digests to everyone, at once, whatever the day, hour or
   * pause; each recorded in the ledger under this moment, so a failure is reported like any other.
   */
  async digestsNow(at: Date, send: Send): Promise<{ sent: number; failed: number }> {
    const digests = this.plan(at, () => `now-${at.toISOString()}`).filter((item) =>
      item.kind.endsWith("-digest"),
    );
    return this.deliver(byRecipient(digests), at, send, false);
  }

  private async deliver(
    due: Map<PersonKey, PlannedReminder[]>,
    at: Date,
    send: Send,
    quiet: boolean,
  ): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (const [recipient, items] of due) {
      // Outside the person's working hours the reminders stay due for a later run.
      if (quiet && this.heldBack(recipient, at)) continue;
      const mine = items.filter((item) => this.ledger.claim(item));
      if (mine.length === 0) continue; // another process has them
      for (const item of mine) {
        if (
          item.kind === "admin-digest" &&
          item.period.startsWith("week-of-") &&
          !item.period.includes("now-")
        )
          this.snapshots.save(item.period.slice("week-of-".length), digestCounts(this.records, isoDate(at)));
      }
      try {
        await send(recipient, reminderReply(mine));
        for (const item of mine) this.ledger.finish(item);
        sent += mine.length;
      } catch (error) {
        for (const item of mine) this.ledger.fail(item, reason(error));
        failed += mine.length;
      }
    }
    return { sent, failed };
  }
}
