/**
 * Who may do what, through the real Slack and Teams adapters: every role against every action of the permissions
 * (src/records/permissions.ts) and the chat controls of the reminders, both by asking in chat (the form or answer, or
 * a refusal) and by submitting the form directly, as a forged modal or card could. A refusal changes nothing in the
 * records nor in the audit log; a person of another Slack workspace or Teams tenant is turned away before the core,
 * even with an admin's user id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceInput, riskInput } from "../support/records.js";
import {
  type FormValues,
  fingerprint,
  type Platform,
  ROLES,
  type Role,
  type Shown,
  slackPlatform,
  teamsPlatform,
} from "./support/platforms.js";

type Outcome = "allowed" | "refused" | "other org";
const A: Outcome = "allowed";
const R: Outcome = "refused";
const X: Outcome = "other org";

/** Fresh records for one cell, so that no cell depends on another. */
interface Fixture {
  question: number;
  risk: string;
  evidence: string;
  calendarItem: number;
}

interface Case {
  /** What the person says in chat. */
  ask: (f: Fixture) => string;
  /** How an allowed answer is recognised in what the platform was sent. */
  allowed: (shown: Shown) => boolean;
  /** Whether asking, when allowed, changes the records at once (otherwise only the form's submission does). */
  changes?: boolean;
  /** The form behind it, submitted with valid values. */
  submit?: {
    formId: string;
    context: (f: Fixture) => Record<string, string>;
    values: (p: Platform, as: Role) => FormValues;
  };
}

const form = (id: string) => (shown: Shown) => shown.forms.includes(id);
const says = (pattern: RegExp) => (shown: Shown) => pattern.test(shown.text);

const CASES: Record<string, Case> = {
  "control.set: set owner of A.8.13": {
    ask: () => "set owner of A.8.13",
    allowed: form("set-control"),
    submit: {
      formId: "set-control",
      context: () => ({ control: "A.8.13" }),
      values: (p) => ({
        owner: p.key("controlOwner"),
        applicable: "yes",
        status: "implemented",
        cadence: "quarterly",
      }),
    },
  },
  "evidence.submit: submit evidence for A.8.13": {
    ask: () => "submit evidence for A.8.13",
    allowed: form("submit-evidence"),
    submit: {
      formId: "submit-evidence",
      context: () => ({}),
      values: () => ({ target: "A.8.13", title: "Restore test", link: "https://wiki.example.com/restore" }),
    },
  },
  "evidence.review: review E-nnn": {
    ask: (f) => `review ${f.evidence}`,
    allowed: form("review-evidence"),
    submit: {
      formId: "review-evidence",
      context: (f) => ({ evidence: f.evidence }),
      values: () => ({ decision: "accepted" }),
    },
  },
  "risk.create: log a risk": {
    ask: () => "log a risk about phishing emails",
    allowed: form("new-risk"),
    submit: {
      formId: "new-risk",
      context: () => ({}),
      values: (p, as) => ({ title: "Phishing", likelihood: "3", impact: "3", owner: p.key(as) }),
    },
  },
  "risk.view: show R-nnn": { ask: (f) => `show ${f.risk}`, allowed: says(/Residual accepted/) },
  "risk.update: update risk R-nnn": {
    ask: (f) => `update risk ${f.risk}`,
    allowed: form("update-risk"),
    submit: {
      formId: "update-risk",
      context: (f) => ({ risk: f.risk }),
      values: (p) => ({
        title: "Lost laptops, encrypted",
        likelihood: "2",
        impact: "3",
        owner: p.key("riskOwner"),
        status: "treating",
      }),
    },
  },
  "risk.update: mark R-nnn reviewed": {
    ask: (f) => `mark ${f.risk} reviewed`,
    allowed: says(/marked reviewed/),
    changes: true,
  },
  "risk.accept: accept risk R-nnn": {
    ask: (f) => `accept risk ${f.risk}`,
    allowed: form("accept-risk"),
    submit: {
      formId: "accept-risk",
      context: (f) => ({ risk: f.risk }),
      values: () => ({ residualLikelihood: "1", residualImpact: "2", confirm: "yes" }),
    },
  },
  "audit.read: audit log": { ask: () => "audit log", allowed: says(/Audit log, newest first/) },
  "export: export risks as csv": { ask: () => "export risks as csv", allowed: (shown) => shown.files > 0 },
  "settings.set: change reminder settings": {
    ask: () => "change reminder settings",
    allowed: form("reminder-settings"),
    submit: {
      formId: "reminder-settings",
      context: () => ({}),
      values: (p) => ({
        "digest-day":
          p.records.reminderSettings.effective()["digest-day"] === "friday" ? "thursday" : "friday",
      }),
    },
  },
  "settings.set: pause reminders": {
    ask: () => "pause reminders",
    allowed: says(/paused for everyone/),
    changes: true,
  },
  "settings.set: resume reminders": {
    ask: () => "resume reminders",
    allowed: says(/running again/),
    changes: true,
  },
  "settings.set: send the digest now": {
    ask: () => "send the digest now",
    allowed: says(/The ISMS this week/),
  },
  "calendar.manage: add a date": {
    ask: () => "add a date to the ISMS calendar",
    allowed: form("calendar-item"),
    submit: {
      formId: "calendar-item",
      context: () => ({}),
      values: () => ({ title: "Penetration test", dueDate: "2027-06-30", repeatMonths: "12" }),
    },
  },
  "calendar.manage: calendar item N done": {
    ask: (f) => `calendar item ${f.calendarItem} done`,
    allowed: says(/done and closed/),
    changes: true,
  },
  "house-rule.manage: set house rule for A.8.13": {
    ask: () => "set house rule for A.8.13",
    allowed: form("house-rule"),
    submit: {
      formId: "house-rule",
      context: () => ({ target: "A.8.13" }),
      values: (_p, as) => ({ target: "A.8.13", rule: `Back up nightly and test a restore monthly (${as}).` }),
    },
  },
  "house-rule.manage: remove house rule for A.8.12": {
    ask: () => "remove house rule for A.8.12",
    allowed: says(/Removed our house rule for A\.8\.12/),
    changes: true,
  },
  "journey.view: where are we?": {
    ask: () => "where are we?",
    allowed: says(/Where we are/),
  },
  "questions.manage: unanswered questions": {
    ask: () => "unanswered questions",
    allowed: says(/There are no open questions|Questions we could not answer/),
  },
  "questions.manage: dismiss question N": {
    ask: (f) => `dismiss question ${f.question}`,
    allowed: says(/Question \d+ ".*" dismissed/),
    changes: true,
  },
  "question.pass: pass to the ISMS manager": {
    ask: () => "pass to the ISMS manager: can we keep bees on the roof?",
    allowed: says(/passed your question to the ISMS admins/),
    changes: true,
  },
};

/**
 * The matrix as tested, one row per action, one column per role:
 *                                             admin  control owner  manager  risk owner  employee  other org */
const MATRIX: [keyof typeof CASES, Outcome[]][] = [
  ["control.set: set owner of A.8.13", /*       */ [A, R, R, R, R, X]],
  ["evidence.submit: submit evidence for A.8.13", [A, A, R, R, R, X]],
  ["evidence.review: review E-nnn", /*          */ [A, A, R, R, R, X]],
  ["risk.create: log a risk", /*                */ [A, A, A, A, A, X]],
  ["risk.view: show R-nnn", /*                  */ [A, R, A, A, R, X]],
  ["risk.update: update risk R-nnn", /*         */ [A, R, R, A, R, X]],
  ["risk.update: mark R-nnn reviewed", /*       */ [A, R, R, A, R, X]],
  ["risk.accept: accept risk R-nnn", /*         */ [R, R, R, A, R, X]],
  ["audit.read: audit log", /*                  */ [A, R, R, R, R, X]],
  ["export: export risks as csv", /*            */ [A, R, R, R, R, X]],
  ["settings.set: change reminder settings", /* */ [A, R, R, R, R, X]],
  ["settings.set: pause reminders", /*          */ [A, R, R, R, R, X]],
  ["settings.set: resume reminders", /*         */ [A, R, R, R, R, X]],
  ["settings.set: send the digest now", /*      */ [A, R, R, R, R, X]],
  ["calendar.manage: add a date", /*            */ [A, R, R, R, R, X]],
  ["calendar.manage: calendar item N done", /*  */ [A, R, R, R, R, X]],
  ["house-rule.manage: set house rule for A.8.13", [A, R, R, R, R, X]],
  ["house-rule.manage: remove house rule for A.8.12", [A, R, R, R, R, X]],
  ["journey.view: where are we?", /*            */ [A, R, R, R, R, X]],
  ["questions.manage: unanswered questions", /* */ [A, R, R, R, R, X]],
  ["questions.manage: dismiss question N", /*   */ [A, R, R, R, R, X]],
  ["question.pass: pass to the ISMS manager", /**/ [A, A, A, A, A, X]],
];

/** The words of a refusal: why, and who can help (src/records/permissions.ts). */
const REFUSAL =
  /Only (?:ISMS admins|the owner of|an ISMS admin|the risk owner)|There is no risk R-\d+ that you can see|can submit evidence for it/;
const OTHER_ORG = /serves another (?:Slack workspace|organisation)/;

let fixtureCount = 0;
function freshFixture(p: Platform): Fixture {
  const n = ++fixtureCount;
  const { records } = p;
  const risk = records.risks.create(
    riskInput({ title: `Lost laptops ${n}`, owner: p.key("riskOwner") }),
    "test",
  );
  // Acceptance needs a residual rating; the risk owner's reminders are paused or running as the case needs.
  records.risks.update(risk.ref, { ...risk, residualLikelihood: 2, residualImpact: 2 }, "test");
  const evidence = records.evidence.submit(
    evidenceInput({ target: "A.8.13", title: `Backup log ${n}` }),
    null,
    "slack:UAUDITOR",
  );
  const item = records.calendar.add({ title: `Supplier review ${n}`, dueDate: "2027-03-01" }, "test");
  records.houseRules.set(
    {
      target: "A.8.12",
      rule: `Never paste customer data into outside tools (${n}).`,
      policyTitle: null,
      policyUrl: null,
      policyVersion: null,
      policyOwner: null,
    },
    "test",
  );
  if ("problems" in item) throw new Error("calendar fixture refused");
  const question = records.questions.passOn(
    `can we keep bees on the roof ${n}?`,
    "slack:UAUDITOR",
    undefined,
  );
  if (!question) throw new Error("question fixture refused");
  return { question: question.id, risk: risk.ref, evidence: evidence.ref, calendarItem: item.item.id };
}

function prepare(p: Platform, action: string): Fixture {
  const fixture = freshFixture(p);
  // Pausing needs running reminders, resuming paused ones.
  p.records.reminderSettings.setPaused(action.includes("resume"), "test");
  return fixture;
}

/** A refused submission may show its form again, with the refusal under the field it concerns. */
function expectOutcome(
  p: Platform,
  role: Role,
  expected: Outcome,
  shown: Shown,
  allowed: boolean,
  formAgain = false,
): void {
  if (expected === "allowed") {
    expect(allowed, `${role} should be allowed; was shown:\n${shown.text}`).toBe(true);
    expect(shown.text).not.toMatch(REFUSAL);
  } else if (expected === "refused") {
    expect(allowed, `${role} should be refused; was shown:\n${shown.text}`).toBe(false);
    expect(shown.text).toMatch(REFUSAL);
    if (!formAgain) expect(shown.forms).toEqual([]);
  } else {
    expect(shown.text).toMatch(OTHER_ORG);
    expect(shown.text).not.toMatch(REFUSAL);
    expect(shown.forms).toEqual([]);
    expect(shown.files).toBe(0);
  }
  expect(p.records.people.get(p.key("admin"))?.isAdmin).toBe(true);
}

describe.each([
  ["Slack", slackPlatform],
  ["Teams", teamsPlatform],
])("the authorization matrix in %s", (_name, start) => {
  let p: Platform;
  beforeAll(async () => {
    p = await start();
  });
  afterAll(() => p.close());

  describe.each(MATRIX)("%s", (action, outcomes) => {
    const kase = CASES[action] as Case;
    it.each(ROLES.map((role, index) => [role, outcomes[index] as Outcome] as const))(
      "asked in chat by the %s: %s",
      async (role, expected) => {
        const fixture = prepare(p, action);
        const before = fingerprint(p.records, { people: expected === "other org" });
        const shown = await p.ask(role, kase.ask(fixture));
        expectOutcome(p, role, expected, shown, kase.allowed(shown));
        const after = fingerprint(p.records, { people: expected === "other org" });
        if (expected === "allowed" && kase.changes) expect(after).not.toBe(before);
        else expect(after).toBe(before);
      },
    );

    const submit = kase.submit;
    if (!submit) return;
    it.each(ROLES.map((role, index) => [role, outcomes[index] as Outcome] as const))(
      "its form submitted directly by the %s: %s",
      async (role, expected) => {
        const fixture = prepare(p, action);
        const before = fingerprint(p.records, { people: expected === "other org" });
        const audited = p.records.audit.list(1)[0]?.id;
        const shown = await p.submit(role, submit.formId, submit.context(fixture), submit.values(p, role));
        const saved = /Saved: /.test(shown.text);
        expectOutcome(p, role, expected, shown, saved, true);
        if (expected === "allowed") {
          expect(p.records.audit.list(1)[0]?.id).not.toBe(audited);
        } else {
          expect(fingerprint(p.records, { people: expected === "other org" })).toBe(before);
        }
      },
    );
  });
});
