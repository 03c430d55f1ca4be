/** What the Teams handlers share: the core (one entry point, as for every platform), the adapter and the app's id. */
import type { CloudAdapter } from "botbuilder";
import type { IncomingMessage } from "../../src/core/message.js";
import type { Reply } from "../../src/core/reply.js";
import type { LookupResult } from "../../src/search/lookup.js";
import type { ConversationReferenceStore } from "../../src/storage/conversation-refs.js";

export interface TeamsCore {
  handle(message: IncomingMessage): Promise<Reply>;
  /** Controls and clauses for what someone typed in the messaging extension, best first. */
  lookup(query: string): LookupResult[];
  /** True the first time a delivery id is seen; false for Teams' redeliveries and duplicates. */
  claimDelivery(deliveryId: string): boolean;
  /** Where each Teams person can be written to first (reminders, private answers). */
  references: ConversationReferenceStore;
  /** A download link for an export file the core wrote (the HTTP server serves it); undefined when none can be made. */
  exportLink?(path: string): string | undefined;
  /** Every Annex A control, so that forms offer controls as a list; without it they are typed as ids. */
  controls?(): { id: string; title: string }[];
}

export interface TeamsDeps {
  core: TeamsCore;
  adapter: CloudAdapter;
  /** The bot's Microsoft app id; "" when authentication is off (local testing only). */
  appId: string;
  /** The only tenant served, when the app is single-tenant. */
  tenantId: string | undefined;
  log: (line: string) => void;
}
