/**
 * What the person is told when the records cannot be written: the database busy (another process holds it), full, or
 * failing on disk. Each says that nothing was saved and what to do; none shows an error's own text.
 */
import { type StorageTrouble, storageTrouble } from "../storage/errors.js";
import { type Reply, reply } from "./reply.js";

export const TROUBLE_TEXT: Record<StorageTrouble, string> = {
  busy: "The records are busy just now, so nothing was saved; please try again in a moment.",
  full: "The database is full, so nothing was saved. Please tell your ISMS admin: the disk that holds the records needs space.",
  disk: "The records could not be written because of a disk error, so nothing was saved. Please tell your ISMS admin.",
};

/** The kind answer for a storage failure, or undefined when the error is something else. */
export function troubleReply(error: unknown): Reply | undefined {
  const trouble = storageTrouble(error);
  if (!trouble) return undefined;
  const text = TROUBLE_TEXT[trouble];
  return reply(text, [{ type: "notice", tone: "warning", text }], "private");
}
