import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../../adapters/console/console-chat.js";
import { Bot } from "../../../src/core/bot.js";
import { Records } from "../../../src/records/records.js";
import { openDatabase } from "../../../src/storage/database.js";
import { SqliteMemory } from "../../../src/storage/memory-store.js";
import { realCatalogue } from "../../support/catalogue.js";
import { runIsms } from "../../support/run-cli.js";
import { tempDir } from "../../support/temp.js";

const folder = tempDir();
afterAll(() => folder.remove());

async function chat(lines: string[], interactive = false): Promise<string> {
  const clock = () => new Date("2026-11-25T09:00:00Z");
  const db = openDatabase(join(folder.path, "chat.db"), { clock });
  const bot = new Bot({
    ...realCatalogue(),
    memory: new SqliteMemory(db),
    records: new Records(db, clock),
    exportDir: join(folder.path, "exports"),
    clock,
  });
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += chunk;
  });
  const done = runConsoleChat({ bot, input, output, user: "alice", interactive });
  input.end(lines.map((line) => `${line}\n`).join(""));
  await done;
  db.close();
  return printed;
}

describe("the console chat", () => {
  it("answers each piped line in order and stops at the end of input", async () => {
    const printed = await chat(["what does A.8.9 require", "", "what replaced A.12.1.2?"]);
    const first = printed.indexOf("> what does A.8.9 require");
    const second = printed.indexOf("> what replaced A.12.1.2?");
    expect(first).toBe(0);
    expect(printed.slice(first, second)).toMatch(/A\.8\.9 Configuration management/);
    expect(printed.slice(second)).toMatch(/A\.8\.32 Change management/);
  });

  it("presses a numbered button when the person types its number", async () => {
    const printed = await chat(["5.1", "2"]);
    expect(printed).toMatch(/\[1\] Show clause 5\.1 {3}\[2\] Show A\.5\.1/);
    // Our own house rule comes first; with none set, a line says so.
    expect(printed).toMatch(
      /> A\.5\.1\ni We have no house rule for A\.5\.1 yet\. Control owner: no owner assigned yet\.\n\nA\.5\.1 Policies for information security/,
    );
  });

  it("greets and prompts on a terminal, and leaves on quit", async () => {
    const printed = await chat(["help", "quit", "clause 9.2"], true);
    expect(printed).toMatch(/^isms-bot console — you are "alice"/);
    expect(printed).toMatch(/you> /);
    expect(printed).not.toMatch(/Internal audit/);
  });

  it("strips terminal control characters from what it echoes", async () => {
    const printed = await chat(["\u001b[2Jblorp \u0007snazzle"]);
    expect(printed.includes("\u001b") || printed.includes("\u0007")).toBe(false);
    expect(printed).toMatch(/blorp snazzle/);
  });
});

describe("the start command with no platform credentials", () => {
  it("opens the console chat on the embedded database and answers piped input", async () => {
    const run = await runIsms([], {
      input: "what does A.8.9 require\n",
      env: { ISMS_DB_PATH: join(folder.path, "start.db") },
    });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith("> what does A.8.9 require\n")).toBe(true);
    expect(run.stdout).toMatch(/\nA\.8\.9 Configuration management\n/);
    expect(run.stdout).toMatch(
      /no ISMS admin yet\. To become one, ask whoever runs it to type: isms admin add\s+console:/,
    );
    expect(run.stdout).toMatch(/What auditors usually ask to see/);
    expect(run.stderr).toBe("");
  });

  it("acts as the person named by --as", async () => {
    const dbPath = join(folder.path, "as.db");
    await runIsms(["start", "--as", "carol"], { input: "help\n", env: { ISMS_DB_PATH: dbPath } });
    const clock = () => new Date();
    const db = openDatabase(dbPath, { clock });
    expect(db.prepare("SELECT user_id FROM people").all()).toEqual([{ user_id: "carol" }]);
    db.close();
  });
});
