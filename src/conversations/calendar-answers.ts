/**
 * The ISMS calendar in chat: anyone may read it; admins add dated items through a form, and mark them done or
 * cancel them. The same lines serve the `isms calendar` command.
 */
import type { Catalogue } from "../catalogue/catalogue.js";
import { type Block, type Button, type Reply, reply } from "../core/reply.js";
import type { CalendarItem } from "../records/calendar-store.js";
import { todayIn } from "../records/dates.js";
import {
  type CalendarEntry,
  calendarEntries,
  calendarSettings,
  entryName,
} from "../scheduling/calendar-plan.js";
import { findIdMentions } from "../search/ids.js";
import { resolveMention } from "../search/resolve-ids.js";
import type { CalendarIntent } from "./calendar-intents.js";
import type { Actor, ConversationContext } from "./context.js";
import { calendarItemForm } from "./form-definitions.js";
import { refusal } from "./refusal.js";

type Values = Record<string, string | string[] | number | undefined>;

const notice = (text: string, tone: "info" | "warning" = "info"): Reply =>
  reply(text, [{ type: "notice", tone, text }], "private");

/**
 * What a calendar item is about, typed as "A.8.8", "8.8", "clause 9.2" or "9.2": the canonical id of a real control
 * or clause, or the reason it is not one.
 */
export function calendarAbout(catalogue: Catalogue, raw: string): { id: string } | { problem: string } {
  const text = raw.trim();
  const mentions = findIdMentions(text);
  const [mention] = mentions;
  const notAnId = {
    problem: `"${text}" is not a control or clause id; write one such as A.8.8 or clause 9.2.`,
  };
  if (!mention || mentions.length > 1 || mention.text.length < text.length) return notAnId;
  const match = resolveMention(catalogue, mention);
  switch (match?.type) {
    case "control":
      return { id: match.control.id };
    case "clause":
      return { id: match.clause.id };
    case "ambiguous":
      return {
        problem: `"${text}" is both clause ${match.clause.id} and control ${match.control.id}; write clause ${match.clause.id} or ${match.control.id}.`,
      };
    case "legacy":
      return {
        problem: `${match.legacy.id} is a 2013 control; write the 2022 control that replaced it (${match.successors.map((c) => c.id).join(", ")}).`,
      };
    case "unknown":
      return {
        problem: `There is no control or clause ${text}${match.suggestions.length > 0 ? `; did you mean ${match.suggestions.join(" or ")}?` : "."}`,
      };
    default:
      return notAnId;
  }
}

/** Soonest first; a standard item never held comes before everything else. */
export function sortedEntries(entries: CalendarEntry[]): CalendarEntry[] {
  return [...entries].sort((a, b) => (a.due ?? "").localeCompare(b.due ?? ""));
}

/** One line of the calendar: "2027-01-31 (overdue): Policy review (A.5.1), every 12 months; last held 2026-01-31". */
export function calendarLine(entry: CalendarEntry, today: string): string {
  const what =
    entry.id === null
      ? `${entry.title} (${entry.about})`
      : `${entry.title} (calendar item ${entry.id}${entry.about ? `, about ${entry.about}` : ""})`;
  const repeat = entry.repeatMonths
    ? `every ${entry.repeatMonths} month${entry.repeatMonths === 1 ? "" : "s"}`
    : "once";
  if (entry.due === null) return `Not on record: ${what}. ${entry.todo ?? ""}`.trim();
  const when = entry.due < today ? " (overdue)" : entry.due === today ? " (today)" : "";
  return `${entry.due}${when}: ${what}, ${repeat}${entry.lastHeld ? `; last held ${entry.lastHeld}` : ""}`;
}

/** "The next management review (9.3) is due on 2027-01-31." */
function focusText(entry: CalendarEntry, today: string): string {
  const name = entryName(entry);
  if (entry.due === null)
    return `No ${entry.title.toLowerCase()} (${entry.about}) is on record. ${entry.todo ?? ""}`.trim();
  if (entry.due < today) return `${name} is overdue: it was due on ${entry.due}.`;
  if (entry.due === today) return `${name} is due today.`;
  return `The next ${entry.title.toLowerCase()} (${entry.about}) is due on ${entry.due}${entry.lastHeld ? `; the last one on record is from ${entry.lastHeld}` : ""}.`;
}

function entriesFor(ctx: ConversationContext): CalendarEntry[] {
  return sortedEntries(
    calendarEntries(ctx.records, calendarSettings(ctx.records.reminderSettings.effective())),
  );
}

function calendarAnswer(ctx: ConversationContext, actor: Actor, focus: string | undefined): Reply {
  const today = todayIn(ctx.clock(), ctx.records.people.get(actor.key)?.timezone);
  const entries = entriesFor(ctx);
  const focused = focus ? entries.find((entry) => entry.itemKey === `calendar:${focus}`) : undefined;
  const admin = ctx.permissions.check(actor.key, { type: "calendar.manage" }).allowed;
  const buttons: Button[] = [
    ...(focused && admin ? [{ label: `Submit evidence for ${focused.about}`, ask: focused.ask }] : []),
    ...(admin ? [{ label: "Add a date", ask: "add a date to the ISMS calendar" }] : []),
  ];
  const blocks: Block[] = [
    { type: "heading", text: "The ISMS calendar" },
    ...(focused ? [{ type: "paragraph" as const, text: focusText(focused, today) }] : []),
    { type: "list", items: entries.map((entry) => calendarLine(entry, today)) },
    ...(buttons.length > 0 ? [{ type: "actions" as const, buttons }] : []),
  ];
  return reply(focused ? focusText(focused, today) : "The ISMS calendar", blocks);
}

/** "calendar item 3 "Penetration test"". */
const itemName = (item: CalendarItem) => `Calendar item ${item.id} "${item.title}"`;

export function answerCalendarIntent(ctx: ConversationContext, actor: Actor, intent: CalendarIntent): Reply {
  if (intent.type === "calendar") return calendarAnswer(ctx, actor, intent.focus);
  const decision = ctx.permissions.check(actor.key, { type: "calendar.manage" });
  if (!decision.allowed) return refusal(decision);
  const { calendar } = ctx.records;
  switch (intent.type) {
    case "calendar-add": {
      const form = calendarItemForm();
      return reply(form.title, [{ type: "form", form }], "private");
    }
    case "calendar-done": {
      const item = calendar.complete(intent.id, actor.key);
      if (!item) return notice(`There is no open calendar item ${intent.id}.`, "warning");
      return notice(
        item.status === "open"
          ? `${itemName(item)} done; next on ${item.dueDate}.`
          : `${itemName(item)} done and closed.`,
      );
    }
    case "calendar-cancel": {
      const item = calendar.cancel(intent.id, actor.key);
      if (!item) return notice(`There is no open calendar item ${intent.id}.`, "warning");
      return notice(`${itemName(item)} cancelled.`);
    }
  }
}

/** The calendar form's rules beyond each field's type: the "about" id must be a real control or clause. */
export function calendarFormErrors(
  ctx: ConversationContext,
  values: Values,
  errors: Record<string, string>,
): Record<string, string> {
  const found: Record<string, string> = {};
  const about = values.about;
  if (!errors.about && typeof about === "string" && about.trim() !== "") {
    const checked = calendarAbout(ctx.catalogue, about);
    if ("problem" in checked) found.about = checked.problem;
  }
  const repeat = Number(values.repeatMonths);
  if (
    !errors.repeatMonths &&
    values.repeatMonths !== undefined &&
    values.repeatMonths !== "" &&
    !Number.isInteger(repeat)
  )
    found.repeatMonths = "Repeat every (months) must be a whole number from 1 to 60.";
  return found;
}

/** Saves the calendar form's item; runs inside the submission's transaction. Returns what was saved. */
export function saveCalendarItem(ctx: ConversationContext, actor: Actor, values: Values): string {
  const about =
    typeof values.about === "string" && values.about !== ""
      ? calendarAbout(ctx.catalogue, values.about)
      : undefined;
  const written = ctx.records.calendar.add(
    {
      title: typeof values.title === "string" ? values.title : "",
      dueDate: typeof values.dueDate === "string" ? values.dueDate : "",
      repeatMonths: typeof values.repeatMonths === "number" ? values.repeatMonths : null,
      about: about && "id" in about ? about.id : null,
    },
    actor.key,
  );
  // The form's rules were checked before; a refusal here is a bug, and the transaction saves nothing.
  if ("problems" in written) throw new Error(Object.values(written.problems).join(" "));
  const { item } = written;
  const repeat = item.repeatMonths
    ? `, every ${item.repeatMonths} month${item.repeatMonths === 1 ? "" : "s"}`
    : "";
  return `calendar item ${item.id} ${item.title} on ${item.dueDate}${repeat}`;
}
