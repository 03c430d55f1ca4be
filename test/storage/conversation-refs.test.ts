import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteConversationRefs } from "../../src/storage/conversation-refs.js";
import { openDatabase } from "../../src/storage/database.js";
import { tempDir } from "../support/temp.js";

let folder = tempDir();
afterEach(() => {
  folder.remove();
  folder = tempDir();
});

describe("conversation references", () => {
  it("keeps each person's reference as given, replaces it, and survives a restart", () => {
    const path = join(folder.path, "isms.db");
    let now = "2026-11-25T09:00:00Z";
    const clock = () => new Date(now);
    const db = openDatabase(path, { clock });
    const refs = new SqliteConversationRefs(db, clock);
    expect(refs.get("teams:aad-bob")).toBeUndefined();
    refs.save("teams:aad-bob", "teams", '{"conversation":{"id":"a:1"}}');
    now = "2026-11-26T09:00:00Z";
    refs.save("teams:aad-bob", "teams", '{"conversation":{"id":"a:2"}}');
    db.close();

    const again = openDatabase(path, { clock });
    expect(new SqliteConversationRefs(again, clock).get("teams:aad-bob")).toBe(
      '{"conversation":{"id":"a:2"}}',
    );
    expect(again.prepare("SELECT person, platform, updated_at FROM conversation_refs").all()).toEqual([
      { person: "teams:aad-bob", platform: "teams", updated_at: "2026-11-26T09:00:00.000Z" },
    ]);
    again.close();
  });
});
