/** What the record conversations need: the catalogue, the records, the permissions and the clock. */
import type { Catalogue } from "../catalogue/catalogue.js";
import type { Permissions } from "../records/permissions.js";
import type { Records } from "../records/records.js";
import type { PersonKey } from "../records/types.js";
import type { SearchEngine } from "../search/engine.js";
import { resolveAs } from "../search/resolve-ids.js";

export interface ConversationContext {
  catalogue: Catalogue;
  search: SearchEngine;
  records: Records;
  permissions: Permissions;
  clock: () => Date;
  /** Told about failures answered kindly instead of thrown (the database busy or full while saving a form). */
  onError?: (error: unknown) => void;
}

export interface Actor {
  key: PersonKey;
  platform: string;
}

/** "8.1", "a.8.1", "A 8 1" → "A.8.1"; undefined when it is not a 2022 control. Read by the search's id parser. */
export function canonicalControl(ctx: ConversationContext, text: string): string | undefined {
  const match = resolveAs(ctx.catalogue, text, "control");
  return match?.type === "control" ? match.control.id : undefined;
}

/** A person typed as a name, an email, a user id on the actor's platform, or platform:id. */
export function resolvePerson(ctx: ConversationContext, actor: Actor, text: string): PersonKey | undefined {
  // People the bot knows, or someone picked with the platform's own user picker ("slack:U123" from a Slack
  // users_select): the platform vouches for them. Typed console names must be people the bot knows.
  const known = ctx.records.people.find(text, actor.platform)?.key;
  if (known) return known;
  // Slack user ids ("U024BE7LH"), Teams people's Entra object ids (lowercase GUIDs).
  const picked = new RegExp(
    `^${actor.platform}:(?:[A-Z0-9]{6,}|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})$`,
  ).exec(text.trim());
  return picked && actor.platform !== "console" ? picked[0] : undefined;
}
