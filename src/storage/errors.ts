/**
 * The database's own failures in words people can act on: busy (another process held the write lock past the busy
 * timeout), full (the disk, or the database's size limit), or a disk error. Everything else is not named here.
 */

export type StorageTrouble = "busy" | "full" | "disk";

/** Which trouble an error is, read from SQLite's result code (better-sqlite3's `code`), also on a wrapped cause. */
export function storageTrouble(error: unknown): StorageTrouble | undefined {
  let at: unknown = error;
  for (let depth = 0; depth < 5 && at !== null && typeof at === "object"; depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === "string") {
      if (/^SQLITE_(?:BUSY|LOCKED)/.test(code)) return "busy";
      if (code === "SQLITE_FULL") return "full";
      if (/^SQLITE_IOERR/.test(code)) return "disk";
    }
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}

/** One line for the command line (after "isms: "), or undefined when the error is no storage trouble. */
export function describeStorageTrouble(error: unknown): string | undefined {
  switch (storageTrouble(error)) {
    case "busy":
      return "the database is busy: another process is writing to it; nothing was changed, try again in a moment";
    case "full":
      return "the database is full (no space left on its disk, or its size limit reached); nothing was changed";
    case "disk":
      return "the database could not be read or written (a disk error); nothing was changed, check the disk";
    default:
      return undefined;
  }
}
