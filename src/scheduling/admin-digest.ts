/**
 * The weekly ISMS-wide digest for the admins: where the ISMS stands (controls, evidence, risks), the ten most overdue
 * items, and reminders whose delivery is in doubt. Planned like a reminder, once a week per admin.
 */
import { isoDate, isoWeekday } from "../records/dates.js";
import type { Records } from "../records/records.js";
import type { PlannedReminder } from "./reminder-plan.js";

export function planAdminDigests(
  records: Records,
  at: Date,
  unfinished: { itemKey: string; recipient: string }[],
  digestDay = 1,
): PlannedReminder[] {
  const today = isoDate(at);
  if (isoWeekday(today) !== digestDay) return [];
  const controls = records.controls.all().filter((state) => state.applicable === true);
  const risks = records.risks.all().filter((risk) => risk.status !== "closed");
  const overdue = controls
    .filter((state) => state.nextEvidenceDue !== null && state.nextEvidenceDue < today)
    .sort((a, b) => (a.nextEvidenceDue ?? "").localeCompare(b.nextEvidenceDue ?? ""))
    .slice(0, 10)
    .map(
      (state) => `${state.controlId}: evidence due ${state.nextEvidenceDue} (owner ${state.owner ?? "none"})`,
    );
  const byLevel = ["critical", "high", "medium", "low"].map(
    (level) => `${risks.filter((risk) => (risk.residualLevel ?? risk.level) === level).length} ${level}`,
  );
  const lines = [
    `Applicable controls: ${controls.length}, with an owner: ${controls.filter((s) => s.owner).length}, evidence overdue: ${controls.filter((s) => s.nextEvidenceDue !== null && s.nextEvidenceDue < today).length}`,
    `Open risks: ${risks.length} (${byLevel.join(", ")}), above appetite: ${risks.filter((r) => r.aboveAppetite).length}`,
    ...overdue.map((line) => `Most overdue: ${line}`),
    ...unfinished.map(
      (claim) => `Delivery not confirmed: a reminder about ${claim.itemKey} to ${claim.recipient}`,
    ),
  ];
  return records.people.admins().map((admin) => ({
    recipient: admin.key,
    kind: "admin-digest" as const,
    itemKey: "digest:admins",
    period: `week-of-${today}`,
    text: `The ISMS this week:\n${lines.map((line) => `• ${line}`).join("\n")}`,
    ask: "audit readiness",
  }));
}
