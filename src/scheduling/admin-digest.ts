/**
 * The weekly ISMS-wide digest for the admins: where the ISMS stands (controls, evidence, risks), how that changed
 * since last week's digest, the questions the bot could not answer, the ten most overdue items, and reminders whose
 * delivery failed or is in doubt. Planned like a reminder, once a week per admin.
 */
import { addDays } from "../records/dates.js";
import type { Records } from "../records/records.js";
import type { PersonKey } from "../records/types.js";
import type { DigestCounts } from "./digest-snapshots.js";
import type { FailedDelivery } from "./reminder-ledger.js";
import type { PlannedReminder } from "./reminder-plan.js";

export interface DeliveryTrouble {
  unfinished: { itemKey: string; recipient: string }[];
  failures: FailedDelivery[];
}

export function digestCounts(records: Records, today: string): DigestCounts {
  const controls = records.controls.all().filter((state) => state.applicable === true);
  const risks = records.risks.all().filter((risk) => risk.status !== "closed");
  const level = (name: string) => risks.filter((risk) => (risk.residualLevel ?? risk.level) === name).length;
  return {
    applicable: controls.length,
    withOwner: controls.filter((state) => state.owner).length,
    evidenceOverdue: controls.filter(
      (state) => state.nextEvidenceDue !== null && state.nextEvidenceDue < today,
    ).length,
    openRisks: risks.length,
    critical: level("critical"),
    high: level("high"),
    medium: level("medium"),
    low: level("low"),
    aboveAppetite: risks.filter((risk) => risk.aboveAppetite).length,
  };
}

const TREND: [keyof DigestCounts, string][] = [
  ["evidenceOverdue", "evidence overdue"],
  ["withOwner", "controls with an owner"],
  ["openRisks", "open risks"],
  ["aboveAppetite", "above appetite"],
  ["critical", "critical"],
];

function trendLine(now: DigestCounts, previous: { week: string; counts: DigestCounts } | undefined): string {
  if (!previous) return "Trend: no figures from an earlier week yet; next week's digest compares with these.";
  const parts = TREND.map(([key, label]) => {
    const change = now[key] - previous.counts[key];
    return `${label} ${now[key]} (${change === 0 ? "no change" : change > 0 ? `+${change}` : `−${-change}`})`;
  });
  return `Since the digest of ${previous.week}: ${parts.join(", ")}`;
}

/** The questions the bot could not answer that are still open, and how many came in this week; none when none. */
function openQuestionsLine(records: Records, today: string): string[] {
  const counts = records.questions.counts(`${addDays(today, -7)}T00:00:00.000Z`);
  if (counts.open === 0) return [];
  return [
    `Questions I could not answer: ${counts.open} open, ${counts.new} new and ${counts.passedOn} passed on to you in the last 7 days; say "unanswered questions" to see them`,
  ];
}

export function adminDigestLines(
  records: Records,
  today: string,
  trouble: DeliveryTrouble,
  previous: { week: string; counts: DigestCounts } | undefined,
): string[] {
  const counts = digestCounts(records, today);
  const overdue = records.controls
    .all()
    .filter(
      (state) => state.applicable === true && state.nextEvidenceDue !== null && state.nextEvidenceDue < today,
    )
    .sort((a, b) => (a.nextEvidenceDue ?? "").localeCompare(b.nextEvidenceDue ?? ""))
    .slice(0, 10)
    .map(
      (state) => `${state.controlId}: evidence due ${state.nextEvidenceDue} (owner ${state.owner ?? "none"})`,
    );
  return [
    `Applicable controls: ${counts.applicable}, with an owner: ${counts.withOwner}, evidence overdue: ${counts.evidenceOverdue}`,
    `Open risks: ${counts.openRisks} (${counts.critical} critical, ${counts.high} high, ${counts.medium} medium, ${counts.low} low), above appetite: ${counts.aboveAppetite}`,
    trendLine(counts, previous),
    ...openQuestionsLine(records, today),
    ...overdue.map((line) => `Most overdue: ${line}`),
    ...trouble.unfinished.map(
      (claim) => `Delivery not confirmed: a reminder about ${claim.itemKey} to ${claim.recipient}`,
    ),
    ...trouble.failures.map(
      (failure) =>
        `Not delivered after ${failure.attempts} attempt${failure.attempts === 1 ? "" : "s"}: a reminder about ${failure.itemKey} to ${failure.recipient} (last error: ${failure.lastError ?? "unknown"})`,
    ),
  ];
}

export interface AdminDigestInput {
  records: Records;
  /** The admin's date now. */
  today: string;
  /** The date of the digest due for this admin now, or undefined (see digest-time.ts). */
  digestDate: (admin: PersonKey) => string | undefined;
  trouble: DeliveryTrouble;
  previous: (week: string) => { week: string; counts: DigestCounts } | undefined;
}

export function planAdminDigests({
  records,
  today,
  digestDate,
  trouble,
  previous,
}: AdminDigestInput): PlannedReminder[] {
  return records.people.admins().flatMap((admin) => {
    const week = digestDate(admin.key);
    if (!week) return [];
    const lines = adminDigestLines(records, today, trouble, previous(week));
    return [
      {
        recipient: admin.key,
        kind: "admin-digest" as const,
        itemKey: "digest:admins",
        period: `week-of-${week}`,
        text: `The ISMS this week:\n${lines.map((line) => `• ${line}`).join("\n")}`,
        ask: "audit readiness",
      },
    ];
  });
}
