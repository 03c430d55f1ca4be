/**
 * Another process holding the database's write lock: opens the file, BEGIN EXCLUSIVE, writes one row, says "locked"
 * on stdout, and commits when a line arrives on stdin (or stdin closes, or after `hold ms` when given, or after 20 s
 * at the latest), then says "released" and exits. Usage: node hold-write-lock.mjs <database file> [hold ms]
 */
import { createInterface } from "node:readline";
import Database from "better-sqlite3";

const path = process.argv[2];
const holdMs = process.argv[3] === undefined ? 20_000 : Number(process.argv[3]);
if (!path) {
  process.stderr.write("usage: hold-write-lock.mjs <database file>\n");
  process.exit(2);
}
const db = new Database(path, { timeout: 5000 });
db.exec("BEGIN EXCLUSIVE");
const at = new Date().toISOString();
// A question the bot could not answer, the same one each time (so the same record, counted once more).
db.prepare(
  `INSERT INTO open_questions (question_key, question, first_asked_at, last_asked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (question_key) DO UPDATE SET times_asked = times_asked + 1`,
).run("written by the process holding the lock", "written by the process holding the lock", at, at);
process.stdout.write("locked\n");

let done = false;
function release() {
  if (done) return;
  done = true;
  db.exec("COMMIT");
  db.close();
  process.stdout.write("released\n");
  process.exit(0);
}
const lines = createInterface({ input: process.stdin });
lines.on("line", release);
lines.on("close", release);
setTimeout(release, Math.min(holdMs, 20_000));
