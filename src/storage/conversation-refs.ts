/**
 * Where a chat platform lets the bot write to a person first (reminders, digests, private answers): the platform's
 * own conversation reference, kept as opaque JSON per person key. Only the adapter that saved it reads it.
 */
import type { PersonKey } from "../records/types.js";
import { type Db, prepared } from "./database.js";
import { storageTrouble } from "./errors.js";

export interface ConversationReferenceStore {
  /** Keeps (or replaces) the person's reference; `reference` is the platform's JSON, stored as it is. */
  save(person: PersonKey, platform: string, reference: string): void;
  /** The person's reference as saved, or undefined when the platform never gave one. */
  get(person: PersonKey): string | undefined;
}

export class SqliteConversationRefs implements ConversationReferenceStore {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  save(person: PersonKey, platform: string, reference: string): void {
    try {
      prepared(
        this.db,
        `INSERT INTO conversation_refs (person, platform, reference, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (person) DO UPDATE
             SET platform = excluded.platform, reference = excluded.reference, updated_at = excluded.updated_at`,
      ).run(person, platform, reference, this.clock().toISOString());
    } catch (error) {
      // The database busy or full must not stop the person's answer; the reference is kept at their next message.
      if (!storageTrouble(error)) throw error;
    }
  }

  get(person: PersonKey): string | undefined {
    const row = prepared(this.db, "SELECT reference FROM conversation_refs WHERE person = ?").get(person) as
      | { reference: string }
      | undefined;
    return row?.reference;
  }
}
