/**
 * The dated items admins add to the ISMS calendar (a penetration test, a supplier review), one-off or repeating.
 * Every change is written in one transaction with its audit entry; invalid input is refused field by field.
 */
import { z } from "zod";
import { type Db, prepared } from "../storage/database.js";
import type { AuditLog } from "./audit-log.js";
import { addMonths, isoDate } from "./dates.js";
import type { PersonKey } from "./types.js";

export const CALENDAR_STATUSES = ["open", "done", "cancelled"] as const;
export type CalendarStatus = (typeof CALENDAR_STATUSES)[number];

export interface CalendarItemInput {
  title: string;
  dueDate: string; // YYYY-MM-DD
  /** Repeats every so many months (1 to 60); null or absent for a one-off date. */
  repeatMonths?: number | null;
  /** The control ("A.8.8") or clause ("9.2") it is about, already checked against the catalogue by the caller. */
  about?: string | null;
}

export interface CalendarItem {
  id: number;
  title: string;
  dueDate: string;
  repeatMonths: number | null;
  about: string | null;
  status: CalendarStatus;
  createdBy: PersonKey;
  createdAt: string;
  updatedAt: string;
}

/** A write either saves the item or names what is wrong with each field (keys as in `CalendarItemInput`). */
export type CalendarWrite = { item: CalendarItem } | { problems: Record<string, string> };

interface CalendarRow {
  id: number;
  title: string;
  due_date: string;
  repeat_months: number | null;
  about: string | null;
  status: CalendarStatus;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** "2027-02-30" is refused: a date must read back unchanged. */
function isRealDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(date.getTime()) && isoDate(date) === text;
}

const inputSchema = z.object({
  title: z
    .string({ error: "Title is required." })
    .trim()
    .min(1, "Title is required.")
    .max(150, "Title must be at most 150 characters."),
  dueDate: z
    .string({ error: "Date is required." })
    .refine(isRealDate, "Date must be a real date written YYYY-MM-DD, e.g. 2027-03-31."),
  repeatMonths: z
    .number({ error: "Repeat must be a whole number of months from 1 to 60." })
    .int("Repeat must be a whole number of months from 1 to 60.")
    .min(1, "Repeat must be a whole number of months from 1 to 60.")
    .max(60, "Repeat must be a whole number of months from 1 to 60.")
    .nullish(),
  about: z
    .string()
    .regex(
      /^(?:A\.[5-8]\.\d{1,2}|\d{1,2}(?:\.\d{1,2}){0,2})$/,
      "About must be a control or clause id, e.g. A.8.8 or 9.2.",
    )
    .nullish(),
});

/** Checks an item before it is saved: the cleaned input, or a message per wrong field. */
export function checkCalendarItem(
  input: unknown,
): { input: CalendarItemInput } | { problems: Record<string, string> } {
  const parsed = inputSchema.safeParse(input);
  if (parsed.success) return { input: parsed.data };
  const problems: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "item");
    problems[field] ??= issue.message;
  }
  return { problems };
}

function toItem(row: CalendarRow): CalendarItem {
  return {
    id: row.id,
    title: row.title,
    dueDate: row.due_date,
    repeatMonths: row.repeat_months,
    about: row.about,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class CalendarStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
  ) {}

  get(id: number): CalendarItem | undefined {
    const row = prepared(this.db, "SELECT * FROM calendar_items WHERE id = ?").get(id) as
      | CalendarRow
      | undefined;
    return row && toItem(row);
  }

  /** The open items, soonest first. */
  open(): CalendarItem[] {
    return (
      prepared(
        this.db,
        "SELECT * FROM calendar_items WHERE status = 'open' ORDER BY due_date, id",
      ).all() as CalendarRow[]
    ).map(toItem);
  }

  add(input: CalendarItemInput, actor: PersonKey): CalendarWrite {
    const checked = checkCalendarItem(input);
    if ("problems" in checked) return checked;
    const { title, dueDate, repeatMonths, about } = checked.input;
    return this.db.transaction(() => {
      const at = this.clock().toISOString();
      const { lastInsertRowid } = prepared(
        this.db,
        `INSERT INTO calendar_items (title, due_date, repeat_months, about, status, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'open', ?, ?, ?)`,
      ).run(title, dueDate, repeatMonths ?? null, about ?? null, actor, at, at);
      const item = this.get(Number(lastInsertRowid)) as CalendarItem;
      this.audit.append(actor, "calendar.add", "calendar", `calendar:${item.id}`, null, item);
      return { item };
    })();
  }

  /**
   * Marks an open item done. A repeating item stays open and moves on by its months from its due date (31 Jan + 1
   * month is 28/29 Feb); a one-off item is closed. Undefined when there is no open item with this id.
   */
  complete(id: number, actor: PersonKey): CalendarItem | undefined {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before?.status !== "open") return undefined;
      const at = this.clock().toISOString();
      if (before.repeatMonths !== null) {
        prepared(this.db, "UPDATE calendar_items SET due_date = ?, updated_at = ? WHERE id = ?").run(
          addMonths(before.dueDate, before.repeatMonths),
          at,
          id,
        );
      } else {
        prepared(this.db, "UPDATE calendar_items SET status = 'done', updated_at = ? WHERE id = ?").run(
          at,
          id,
        );
      }
      const after = this.get(id) as CalendarItem;
      this.audit.append(actor, "calendar.complete", "calendar", `calendar:${id}`, before, after);
      return after;
    })();
  }

  /** Cancels an open item; undefined when there is no open item with this id. */
  cancel(id: number, actor: PersonKey): CalendarItem | undefined {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before?.status !== "open") return undefined;
      prepared(this.db, "UPDATE calendar_items SET status = 'cancelled', updated_at = ? WHERE id = ?").run(
        this.clock().toISOString(),
        id,
      );
      const after = this.get(id) as CalendarItem;
      this.audit.append(actor, "calendar.cancel", "calendar", `calendar:${id}`, before, after);
      return after;
    })();
  }
}
