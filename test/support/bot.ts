/** A real bot on a real SQLite file in a temporary folder, with a clock the test controls. */
import { join } from "node:path";
import { Bot } from "../../src/core/bot.js";
import type { FormSubmission } from "../../src/core/message.js";
import type { Reply } from "../../src/core/reply.js";
import { Records } from "../../src/records/records.js";
import { openDatabase } from "../../src/storage/database.js";
import { SqliteMemory } from "../../src/storage/memory-store.js";
import { realCatalogue } from "./catalogue.js";
import { tempDir } from "./temp.js";

export interface TestBot {
  bot: Bot;
  records: Records;
  ask(user: string, text: string): Promise<Reply>;
  submit(user: string, submission: FormSubmission): Promise<Reply>;
  close(): void;
}

export function testBot(now = "2026-11-25T09:00:00Z"): TestBot {
  const folder = tempDir();
  const clock = () => new Date(now);
  const db = openDatabase(join(folder.path, "isms.db"), { clock });
  const records = new Records(db, clock);
  const bot = new Bot({
    ...realCatalogue(),
    memory: new SqliteMemory(db),
    records,
    exportDir: join(folder.path, "exports"),
    clock,
  });
  const from = (user: string) => ({ platform: "console", userId: user, displayName: user });
  const conversation = { id: "c", kind: "direct" as const };
  return {
    bot,
    records,
    ask: (user, text) => bot.handle({ from: from(user), conversation, text }),
    submit: (user, submission) => bot.handle({ from: from(user), conversation, text: "", submission }),
    close: () => {
      db.close();
      folder.remove();
    },
  };
}

/** The text of every notice in a reply. */
export function notices(reply: Reply): string {
  return reply.blocks.flatMap((block) => (block.type === "notice" ? [block.text] : [])).join("\n");
}
