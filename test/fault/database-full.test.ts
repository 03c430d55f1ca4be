/**
 * The database full. Without root there is no small filesystem to fill, so SQLite's own size limit stands in for the
 * disk (PRAGMA max_page_count on the bot's connection: SQLITE_FULL, as on a full disk). Evidence is submitted through
 * the real Slack app until the limit is reached: the person is told plainly that the database is full, the failing
 * write leaves nothing behind, every earlier record is intact, and the file passes its integrity check.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultPlatforms, startFaultPlatforms } from "../support/fault/platforms.js";
import { dmMessage, eventCallback, stateValue, viewSubmission } from "../support/slack/signed-request.js";
import { cardSubmit, user } from "../support/teams/activities.js";
import { shownText } from "../support/teams/cards.js";

const FULL =
  /The database is full, so nothing was saved\. Please tell your ISMS admin: the disk that holds the records needs space\./;
const json = (value: unknown) => JSON.stringify(value);

let p: FaultPlatforms;
beforeAll(async () => {
  p = await startFaultPlatforms();
  p.records.people.addAdmin("slack:U1", "test");
  p.records.people.addAdmin("teams:aad-alice", "test");
});
afterAll(() => p.close());

const submit = (key: string, title: string) =>
  p.postSlack(
    viewSubmission("U1", "form:submit-evidence", json({ formId: "submit-evidence", key }), {
      target: { value: stateValue.plainText("A.8.13") },
      title: { value: stateValue.plainText(title) },
      // Long descriptions fill pages quickly.
      description: { value: stateValue.plainText(`${title}: ${"restore log line. ".repeat(100)}`) },
      link: { value: { type: "url_text_input", value: `https://wiki.example.com/${key}` } },
    }),
  );

const rows = (sql: string) => p.db.prepare(sql).all();
const count = (sql: string) => (p.db.prepare(sql).get() as { n: number }).n;

describe("a full database", () => {
  it("says so plainly, saves nothing half-way, keeps every earlier record, and saves the form once space is back", async () => {
    for (let i = 1; i <= 3; i++) expect((await submit(`early-${i}`, `Early ${i}`)).status).toBe(200);
    const before = rows("SELECT * FROM evidence ORDER BY id");
    const auditBefore = rows("SELECT * FROM audit_log ORDER BY id");
    expect(before).toHaveLength(3);

    // The "disk" now has room for a few more pages only.
    const pages = p.db.pragma("page_count", { simple: true }) as number;
    p.db.pragma(`max_page_count = ${pages + 3}`);
    let refused: Awaited<ReturnType<typeof submit>> | undefined;
    let failedAt = 0;
    for (let i = 1; i <= 200 && !refused; i++) {
      const response = await submit(`fill-${i}`, `Fill ${i}`);
      if (response.json !== undefined) {
        refused = response;
        failedAt = i;
      }
    }
    expect(refused?.json).toMatchObject({
      response_action: "errors",
      errors: { target: expect.stringMatching(FULL) },
    });
    expect(refused?.text).not.toMatch(/SQLITE|disk is full|Error:/);

    // The failing submission left nothing: no record, no audit entry, no remembered key.
    expect(count(`SELECT COUNT(*) AS n FROM evidence WHERE title = 'Fill ${failedAt}'`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM submissions WHERE key LIKE '% fill-${failedAt}'`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM audit_log WHERE after LIKE '%Fill ${failedAt}"%'`)).toBe(0);
    // Every record that was saved has its audit entry and its submission key, one each.
    const saved = count("SELECT COUNT(*) AS n FROM evidence");
    expect(saved).toBe(3 + failedAt - 1);
    expect(count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'evidence.submit'")).toBe(saved);
    expect(count("SELECT COUNT(*) AS n FROM submissions WHERE form_id = 'submit-evidence'")).toBe(saved);
    // The earlier records are exactly as they were.
    expect(rows("SELECT * FROM evidence ORDER BY id LIMIT 3")).toEqual(before);
    expect(rows(`SELECT * FROM audit_log ORDER BY id LIMIT ${auditBefore.length}`)).toEqual(auditBefore);
    expect(p.db.pragma("integrity_check", { simple: true })).toBe("ok");

    // Questions are still answered from what is there.
    p.slack.reset();
    await p.postSlack(eventCallback(dmMessage("U1", "evidence for A.8.13")));
    const [answer] = await p.slack.waitFor("chat.postMessage", 1, 5000);
    expect(json(answer?.args)).toMatch(/Early 1/);

    // Teams says the same, on the form's card.
    await p.postTeams(
      cardSubmit(
        { serviceUrl: p.connector.url },
        user("alice"),
        {
          isms: "form",
          formId: "submit-evidence",
          key: "t-full",
          "field:target": "A.8.13",
          "field:title": "Restore test from Teams",
          "field:description": "restore log line. ".repeat(100),
        },
        { replyToId: "card-1" },
      ),
    );
    const [card] = await p.connector.waitFor("update", 1, 5000);
    expect(shownText(card)).toMatch(FULL);

    // Space again: the same form, submitted again, is saved once.
    p.db.pragma("max_page_count = 1073741823");
    p.slack.reset();
    expect((await submit(`fill-${failedAt}`, `Fill ${failedAt}`)).json).toBeUndefined();
    expect((await submit(`fill-${failedAt}`, `Fill ${failedAt}`)).json).toBeUndefined();
    expect(count(`SELECT COUNT(*) AS n FROM evidence WHERE title = 'Fill ${failedAt}'`)).toBe(1);
    const [confirmed, repeated] = await p.slack.waitFor("chat.postMessage", 2, 5000);
    expect(json(confirmed?.args)).toMatch(new RegExp(`Saved: E-\\d+ Fill ${failedAt}`));
    expect(json(repeated?.args)).toMatch(/Already saved/);
    expect(p.db.pragma("integrity_check", { simple: true })).toBe("ok");
  }, 30_000);
});
