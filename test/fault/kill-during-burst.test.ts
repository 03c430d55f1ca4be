/**
 * The bot process killed with SIGKILL in the middle of a burst of 1,000 evidence submissions. The real `isms start`
 * (the built dist) serves Slack on a real database file; signed view_submission requests arrive 64 at a time, and
 * the process is killed once a third of them have been acknowledged. After a restart, every acknowledged submission
 * (Slack's modal closed: HTTP 200, which the app sends only after the transaction committed) is in the database
 * exactly once, with every field and its audit-log entry; nothing is half-written; the file passes its integrity
 * check; and a submission repeated after the restart is recognised.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotProcess, startBotProcess, stopBotProcess } from "../support/fault/bot-process.js";
import { runIsms } from "../support/run-cli.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/slack/fake-slack-api.js";
import { postToSlackApp, stateValue, viewSubmission } from "../support/slack/signed-request.js";
import { tempDir } from "../support/temp.js";

const SECRET = "fedcba9876543210fedcba9876543210";
const TOTAL = 1000;
const IN_FLIGHT = 64;
const KILL_AFTER = Math.floor(TOTAL / 3);
const ADMIN = "UADMIN";

const folder = tempDir("isms-kill-");
const dbPath = join(folder.path, "isms.db");
let slack: FakeSlackApi;
let env: Record<string, string>;
let bot: BotProcess | undefined;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  env = {
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.url,
    ISMS_DB_PATH: dbPath,
    ISMS_EXPORT_DIR: join(folder.path, "exports"),
  };
  expect((await runIsms(["admin", "add", `slack:${ADMIN}`], { env })).code).toBe(0);
}, 20_000);
afterAll(async () => {
  if (bot && bot.child.exitCode === null && bot.child.signalCode === null)
    await stopBotProcess(bot, "SIGKILL");
  await slack.close();
  folder.remove();
});

/** What submission `i` carries: every field of the evidence form. */
function fields(i: number) {
  return {
    target: "A.8.13",
    title: `Burst ${i}`,
    description: `Backup restore log number ${i}`,
    link: `https://wiki.example.com/restore/${i}`,
    fileName: `restore-${i}.pdf`,
    periodStart: "2026-10-01",
    periodEnd: "2026-12-31",
  };
}

function submission(i: number, key = `burst-${i}`): string {
  const f = fields(i);
  return viewSubmission(ADMIN, "form:submit-evidence", JSON.stringify({ formId: "submit-evidence", key }), {
    target: { value: stateValue.plainText(f.target) },
    title: { value: stateValue.plainText(f.title) },
    description: { value: stateValue.plainText(f.description) },
    link: { value: { type: "url_text_input", value: f.link } },
    fileName: { value: stateValue.plainText(f.fileName) },
    periodStart: { value: stateValue.datepicker(f.periodStart) },
    periodEnd: { value: stateValue.datepicker(f.periodEnd) },
  });
}

type Outcome = "acknowledged" | "refused" | "lost";

/** Sends submissions 0..TOTAL-1, IN_FLIGHT at a time, and calls `onAck` after each acknowledgement. */
async function burst(url: string, onAck: (acknowledged: number) => void): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(TOTAL).fill("lost");
  let next = 0;
  let acknowledged = 0;
  const worker = async () => {
    for (let i = next++; i < TOTAL; i = next++) {
      try {
        const response = await postToSlackApp(url, submission(i), SECRET, {});
        outcomes[i] = response.status === 200 && response.text === "" ? "acknowledged" : "refused";
        if (outcomes[i] === "acknowledged") onAck(++acknowledged);
      } catch {
        outcomes[i] = "lost"; // the connection died with the process
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return outcomes;
}

interface EvidenceRow {
  ref: string;
  target: string;
  title: string;
  description: string | null;
  link: string | null;
  file_name: string | null;
  period_start: string | null;
  period_end: string | null;
  submitted_by: string;
}

describe("kill -9 during a burst of evidence submissions", () => {
  it("keeps every acknowledged submission exactly once, complete with its audit entry, in a sound file", async () => {
    bot = await startBotProcess(env);
    const running = bot;
    let killed = false;
    const outcomes = await burst(running.slackUrl, (acknowledged) => {
      if (acknowledged >= KILL_AFTER && !killed) {
        killed = true;
        running.child.kill("SIGKILL");
      }
    });
    expect(await running.ended).toEqual({ code: null, signal: "SIGKILL" });
    const acknowledged = outcomes.flatMap((outcome, i) => (outcome === "acknowledged" ? [i] : []));
    expect(outcomes).not.toContain("refused");
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acknowledged.length).toBeLessThan(TOTAL); // killed mid-burst, not after it
    // Confirmations the people saw in Slack name records that must be there too.
    const confirmed = slack
      .callsTo("chat.postMessage")
      .map((call) =>
        /Saved: (E-\d+) Burst (\d+) for/.exec(String(call.args.text ?? JSON.stringify(call.args))),
      )
      .flatMap((match) => (match ? [{ ref: match[1] as string, i: Number(match[2]) }] : []));
    expect(confirmed.length).toBeGreaterThan(0);

    // The restarted bot opens the file, recognises a submission it acknowledged before, and takes new ones.
    slack.reset();
    bot = await startBotProcess(env);
    const [first] = acknowledged;
    const repeated = await postToSlackApp(bot.slackUrl, submission(first as number), SECRET);
    expect([repeated.status, repeated.text]).toEqual([200, ""]);
    const fresh = await postToSlackApp(bot.slackUrl, submission(TOTAL, "after-restart"), SECRET);
    expect([fresh.status, fresh.text]).toEqual([200, ""]);
    // (Reminders the restarted bot sends on its own may come in between: only these two are looked for.)
    const said = () => slack.callsTo("chat.postMessage").map((call) => String(call.args.text));
    await expect
      .poll(said, { timeout: 10_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^Already saved: E-\\d+ Burst ${first} for`)),
          expect.stringMatching(new RegExp(`^Saved: E-\\d+ Burst ${TOTAL} for`)),
        ]),
      );
    expect((await stopBotProcess(bot)).code).toBe(0);

    const db = new Database(dbPath);
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const rows = db.prepare("SELECT * FROM evidence ORDER BY id").all() as EvidenceRow[];
      const byTitle = new Map<string, EvidenceRow[]>();
      for (const row of rows) byTitle.set(row.title, [...(byTitle.get(row.title) ?? []), row]);
      const audit = db
        .prepare("SELECT entity_id, after FROM audit_log WHERE action = 'evidence.submit'")
        .all() as { entity_id: string; after: string }[];
      const auditByRef = new Map<string, string[]>();
      for (const entry of audit)
        auditByRef.set(entry.entity_id, [...(auditByRef.get(entry.entity_id) ?? []), entry.after]);
      const keys = new Map(
        (
          db.prepare("SELECT key, result FROM submissions WHERE form_id = 'submit-evidence'").all() as {
            key: string;
            result: string;
          }[]
        ).map((row) => [row.key, row.result]),
      );

      // Every acknowledged submission: one record, every field, its audit entry and its key.
      for (const i of [...acknowledged, TOTAL]) {
        const found = byTitle.get(`Burst ${i}`) ?? [];
        expect(found, `Burst ${i}`).toHaveLength(1);
        const [row] = found as [EvidenceRow];
        const f = fields(i);
        expect(row).toMatchObject({
          target: f.target,
          description: f.description,
          link: f.link,
          file_name: f.fileName,
          period_start: f.periodStart,
          period_end: f.periodEnd,
          submitted_by: `slack:${ADMIN}`,
        });
        expect(auditByRef.get(row.ref)?.map((after) => JSON.parse(after).title)).toEqual([f.title]);
        const key = `slack:${ADMIN} submit-evidence ${i === TOTAL ? "after-restart" : `burst-${i}`}`;
        expect(keys.get(key)).toMatch(new RegExp(`^${row.ref} Burst ${i} for A\\.8\\.13`));
      }
      for (const { ref, i } of confirmed) expect(byTitle.get(`Burst ${i}`)?.[0]?.ref).toBe(ref);

      // Nothing half-written: whatever committed (acknowledged or not) has its audit entry and key, one each.
      expect([...byTitle.values()].every((same) => same.length === 1)).toBe(true);
      expect(rows.every((row) => auditByRef.get(row.ref)?.length === 1)).toBe(true);
      expect(audit).toHaveLength(rows.length);
      expect(keys.size).toBe(rows.length);
      expect(rows.length).toBeLessThanOrEqual(TOTAL + 1);
    } finally {
      db.close();
    }
  }, 60_000);
});
