/** `isms calendar`: the ISMS calendar from the command line; list it, add a date, mark an item done or cancel it. */
import type { Command } from "commander";
import { plain } from "../adapters/console/render.js";
import { calendarAbout, calendarLine, sortedEntries } from "../src/conversations/calendar-answers.js";
import type { CalendarItem } from "../src/records/calendar-store.js";
import { isoDate } from "../src/records/dates.js";
import type { Records } from "../src/records/records.js";
import { calendarEntries, calendarSettings } from "../src/scheduling/calendar-plan.js";
import { openRecords } from "./context.js";
import { NotFoundError, UsageError } from "./errors.js";
import type { RecordCommandDeps } from "./record-commands.js";

/** The options each field of a calendar item comes from, to name them in an error. */
const OPTION_OF: Record<string, string> = {
  title: "--title",
  dueDate: "--date",
  repeatMonths: "--repeat-months",
  about: "--about",
};

function itemId(raw: string): number {
  if (!/^\d{1,6}$/.test(raw.trim()))
    throw new UsageError(`"${raw}" is not a calendar item number; see them with: isms calendar`);
  return Number(raw);
}

const itemName = (item: CalendarItem) => `Calendar item ${item.id} "${plain(item.title)}"`;

export function addCalendarCommands(program: Command, { config, io, know, print }: RecordCommandDeps): void {
  const withRecords = (work: (records: Records) => void): void => {
    const { records, close } = openRecords(config);
    try {
      work(records);
    } finally {
      close();
    }
  };
  // The audit log names whoever ran the command on this machine, as the other record commands do.
  const actor = `cli:${io.osUser}`;
  const calendar = program
    .command("calendar")
    .description(
      "the ISMS calendar: policy review (A.5.1), internal audit (9.2), management review (9.3) and added dates",
    );

  calendar
    .command("list", { isDefault: true })
    .description("list the calendar with next dates, overdue marked")
    .action(() =>
      withRecords((records) => {
        const today = isoDate(records.clock());
        const settings = calendarSettings(records.reminderSettings.effective());
        for (const entry of sortedEntries(calendarEntries(records, settings)))
          print(plain(calendarLine(entry, today)));
      }),
    );

  calendar
    .command("add")
    .description("add a dated item, e.g. isms calendar add --title 'Penetration test' --date 2027-05-01")
    .requiredOption("--title <title>", "what is due")
    .requiredOption("--date <YYYY-MM-DD>", "when it is due")
    .option("--repeat-months <n>", "repeat every n months (1 to 60); a one-off date without it")
    .option("--about <id>", "the control or clause it is about, e.g. A.8.8 or 9.2")
    .action((options: { title: string; date: string; repeatMonths?: string; about?: string }) => {
      const about = options.about === undefined ? undefined : calendarAbout(know().catalogue, options.about);
      if (about && "problem" in about) throw new UsageError(`--about: ${about.problem}`);
      withRecords((records) => {
        const written = records.calendar.add(
          {
            title: options.title,
            dueDate: options.date,
            repeatMonths: options.repeatMonths === undefined ? null : Number(options.repeatMonths),
            about: about?.id ?? null,
          },
          actor,
        );
        if ("problems" in written) {
          const given: Record<string, string | undefined> = {
            title: options.title,
            dueDate: options.date,
            repeatMonths: options.repeatMonths,
          };
          const [field = "", problem = ""] = Object.entries(written.problems)[0] ?? [];
          throw new UsageError(`${OPTION_OF[field] ?? field} "${given[field] ?? ""}": ${problem}`);
        }
        const { item } = written;
        print(
          `Added calendar item ${item.id} "${plain(item.title)}" on ${item.dueDate}${item.repeatMonths ? `, every ${item.repeatMonths} month${item.repeatMonths === 1 ? "" : "s"}` : ""}.`,
        );
      });
    });

  calendar
    .command("done")
    .description("mark an item done; a repeating item moves on to its next date")
    .argument("<id>", "the calendar item number")
    .action((raw: string) =>
      withRecords((records) => {
        const item = records.calendar.complete(itemId(raw), actor);
        if (!item) throw new NotFoundError(`there is no open calendar item ${raw}.`);
        print(
          item.status === "open"
            ? `${itemName(item)} done; next on ${item.dueDate}.`
            : `${itemName(item)} done and closed.`,
        );
      }),
    );

  calendar
    .command("cancel")
    .description("cancel an item")
    .argument("<id>", "the calendar item number")
    .action((raw: string) =>
      withRecords((records) => {
        const item = records.calendar.cancel(itemId(raw), actor);
        if (!item) throw new NotFoundError(`there is no open calendar item ${raw}.`);
        print(`${itemName(item)} cancelled.`);
      }),
    );
}
