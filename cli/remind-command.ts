/**
 * `isms remind`: look at and control the reminders from the command line. Dry run at any moment, send what is due,
 * show the schedule and settings, change a setting, pause and resume, and send the weekly digests now. Sends go to
 * Slack when its credentials are configured, and console people's reminders are printed.
 */
import type { Command } from "commander";
import { plain } from "../adapters/console/render.js";
import type { Records } from "../src/records/records.js";
import { nextDigest } from "../src/scheduling/digest-time.js";
import {
  digestWeekday,
  formatSetting,
  isSettingName,
  SETTING_NAMES,
  SETTINGS,
} from "../src/scheduling/reminder-config.js";
import { ReminderLedger } from "../src/scheduling/reminder-ledger.js";
import { Reminders, type Send } from "../src/scheduling/reminders.js";
import { UsageError } from "./errors.js";

interface RemindOptions {
  dryRun?: boolean;
  run?: boolean;
  show?: boolean;
  set?: string[];
  pause?: boolean;
  resume?: boolean;
  digestNow?: boolean;
  at?: string;
}

export interface RemindDeps {
  withRecords: (work: (records: Records) => Promise<void>) => Promise<void>;
  /** How this process delivers: Slack and Teams when configured, the console otherwise. */
  openDelivery: (records: Records) => Promise<{ send: Send; close: () => void }>;
  print: (text: string) => void;
  actor: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseAt(text: string | undefined): Date {
  const at = text ? new Date(text) : new Date();
  if (Number.isNaN(at.getTime()))
    throw new UsageError(`--at "${text}" is not a date and time such as 2027-03-01T09:00.`);
  return at;
}

function showSchedule(records: Records, reminders: Reminders, at: Date, print: (text: string) => void) {
  const settings = records.reminderSettings;
  const config = settings.effective();
  const paused = settings.paused();
  if (paused)
    print(
      `Reminders are PAUSED since ${paused.at} by ${plain(paused.by)}; resume with isms remind --resume.`,
    );
  const timing = {
    weekday: digestWeekday(config),
    hour: config["digest-hour"],
    defaultTimeZone: config["time-zone"],
  };
  print(`Next digest: ${nextDigest(at, timing)}.`);
  const due = reminders.due(at);
  const count = [...due.values()].reduce((sum, items) => sum + items.length, 0);
  print(`Due now: ${count} reminder(s) for ${due.size} person(s).`);
  for (const name of SETTING_NAMES) {
    const source = settings.source(name);
    print(
      `  ${name.padEnd(26)} ${formatSetting(name, config[name] as never)}${source === "default" ? "" : `  (${source})`}`,
    );
  }
}

export function addRemindCommand(
  program: Command,
  { withRecords, openDelivery, print, actor }: RemindDeps,
): void {
  program
    .command("remind")
    .description(
      "reminders: dry run, send what is due, show or change the schedule, pause, resume, digest now",
    )
    .option(
      "--dry-run",
      "print who would get what at --at (default now), without sending or recording anything",
    )
    .option("--run", "send what is due now, each reminder once")
    .option("--show", "show the schedule and every setting, with where each value comes from")
    .option("--set <name=value>", "change a setting, e.g. --set digest-day=friday (repeatable)", collect)
    .option("--pause", "pause all reminders and digests")
    .option("--resume", "resume reminders and digests")
    .option("--digest-now", "send this week's digests to the managers and admins now")
    .option("--at <time>", 'the moment to plan for, e.g. "2027-03-01T09:00" (default: now)')
    .action((options: RemindOptions) =>
      withRecords(async (records) => {
        const chosen = (["dryRun", "run", "show", "set", "pause", "resume", "digestNow"] as const).filter(
          (name) => options[name] !== undefined,
        );
        if (chosen.length !== 1)
          throw new UsageError(
            "choose one of --dry-run, --run, --show, --set, --pause, --resume or --digest-now.",
          );
        if (options.at && !options.dryRun && !options.show)
          throw new UsageError("--at goes with --dry-run or --show; --run always sends what is due now.");
        const at = parseAt(options.at);
        const reminders = new Reminders(records, new ReminderLedger(records.db, () => at));

        if (options.show) return showSchedule(records, reminders, at, print);
        if (options.set) {
          const raw: Record<string, string> = {};
          for (const pair of options.set) {
            const [name = "", ...rest] = pair.split("=");
            if (!isSettingName(name.trim()))
              throw new UsageError(
                `"${name}" is not a setting; the settings are: ${SETTING_NAMES.join(", ")}.`,
              );
            if (rest.length === 0) throw new UsageError(`--set ${pair}: write it as name=value.`);
            raw[name.trim()] = rest.join("=");
          }
          const result = records.reminderSettings.change(raw, actor);
          if ("problems" in result) throw new UsageError(Object.values(result.problems).join(" "));
          const config = records.reminderSettings.effective();
          return print(
            result.changed.length === 0
              ? "Nothing changed: the settings were already so."
              : `Changed: ${result.changed.map((name) => `${SETTINGS[name].label} ${formatSetting(name, config[name] as never)}`).join(", ")}.`,
          );
        }
        if (options.pause || options.resume) {
          const changed = records.reminderSettings.setPaused(Boolean(options.pause), actor);
          return print(
            options.pause
              ? changed
                ? "Reminders and digests are paused."
                : "Reminders were already paused."
              : changed
                ? "Reminders and digests are running again."
                : "Reminders were not paused.",
          );
        }
        if (options.dryRun) {
          const paused = records.reminderSettings.paused();
          if (paused)
            print(`Reminders are paused (by ${plain(paused.by)}): nothing would be sent. Due if resumed:`);
          const due = reminders.due(at);
          if (due.size === 0) return print(`No reminders are due at ${at.toISOString()}.`);
          for (const [recipient, items] of due) {
            const held = reminders.heldBack(recipient, at) ? "  (held: outside their working hours)" : "";
            print(`${plain(recipient)}:${held}`);
            for (const item of items) print(`  ${item.kind}: ${plain(item.text)}`);
          }
          return;
        }
        const delivery = await openDelivery(records);
        try {
          if (options.digestNow) {
            const result = await reminders.digestsNow(at, delivery.send);
            return print(`Sent ${result.sent} digest(s); ${result.failed} could not be delivered.`);
          }
          const result = await reminders.run(at, delivery.send);
          if (result.paused)
            return print("Reminders are paused; nothing was sent. Resume with isms remind --resume.");
          print(`Sent ${result.sent} reminder(s); ${result.failed} failed and stay due.`);
        } finally {
          delivery.close();
        }
      }),
    );
}
