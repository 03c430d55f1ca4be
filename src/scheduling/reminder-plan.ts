/**
 * Plans reminders from the records, as a pure function of "today": which person should hear about which item, and in
 * which period. A period names the stage an item is in (two weeks before, three days before, due, overdue week N,
 * escalated), so that each stage is reminded once, and a bot that was down for a week sends only the current stage
 * of each item, not every missed day.
 */
import { addMonths } from "../records/dates.js";
import { riskAwaits } from "../records/risk-awaits.js";
import type { ControlState, PersonKey, RiskLevel, RiskRecord } from "../records/types.js";

export type ReminderKind =
  | "evidence-due"
  | "evidence-overdue"
  | "evidence-escalation"
  | "risk-review"
  | "treatment-due"
  | "acceptance-pending"
  | "manager-digest"
  | "admin-digest"
  | "calendar";

export interface PlannedReminder {
  recipient: PersonKey;
  kind: ReminderKind;
  /** The record it is about: "control:A.8.13", "risk:R-003". */
  itemKey: string;
  /** The stage, unique per item and recipient: the ledger sends each (item, recipient, period) once. */
  period: string;
  /** One line for the person. */
  text: string;
  /** What the reminder's main button says on the person's behalf. */
  ask: string;
}

export interface ReminderSettings {
  /** Days before evidence is due when the owner is reminded (default 14 and 3). */
  leadDays: number[];
  /** Days overdue before the owner's manager is told, and again before the admins are (default 7). */
  graceDays: number;
  /** How often risks are reviewed, in months, by level. */
  reviewMonths: Record<RiskLevel, number>;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  leadDays: [14, 3],
  graceDays: 7,
  reviewMonths: { critical: 1, high: 3, medium: 6, low: 12 },
};

export interface PlanInput {
  today: string; // YYYY-MM-DD
  controls: ControlState[];
  risks: RiskRecord[];
  managerOf: (person: PersonKey) => PersonKey | null;
  admins: PersonKey[];
  settings?: ReminderSettings;
}

const DAY = 86_400_000;
const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

function evidenceReminders(
  state: ControlState,
  input: PlanInput,
  settings: ReminderSettings,
): PlannedReminder[] {
  const due = state.nextEvidenceDue;
  if (!state.owner || !due || state.applicable === false) return [];
  const itemKey = `control:${state.controlId}`;
  const ask = `submit evidence for ${state.controlId}`;
  const late = days(due, input.today);
  const planned: PlannedReminder[] = [];
  if (late < 0) {
    const lead = [...settings.leadDays].sort((a, b) => a - b).find((n) => -late <= n);
    if (lead !== undefined) {
      planned.push({
        recipient: state.owner,
        kind: "evidence-due",
        itemKey,
        period: `${due}:before-${lead}`,
        text: `Evidence for ${state.controlId} is due on ${due} (in ${-late} day${late === -1 ? "" : "s"}).`,
        ask,
      });
    }
    return planned;
  }
  if (late === 0) {
    return [
      {
        recipient: state.owner,
        kind: "evidence-due",
        itemKey,
        period: `${due}:due`,
        text: `Evidence for ${state.controlId} is due today.`,
        ask,
      },
    ];
  }
  const week = Math.floor((late - 1) / 7);
  planned.push({
    recipient: state.owner,
    kind: "evidence-overdue",
    itemKey,
    period: `${due}:overdue-${week}`,
    text: `Evidence for ${state.controlId} is ${late} day${late === 1 ? "" : "s"} overdue (due ${due}).`,
    ask,
  });
  const manager = input.managerOf(state.owner);
  if (late >= settings.graceDays && manager) {
    planned.push({
      recipient: manager,
      kind: "evidence-escalation",
      itemKey,
      period: `${due}:manager`,
      text: `Evidence for ${state.controlId}, owned by ${state.owner} who reports to you, is ${late} days overdue.`,
      ask: `evidence for ${state.controlId}`,
    });
  }
  if (late >= 2 * settings.graceDays) {
    for (const admin of input.admins) {
      planned.push({
        recipient: admin,
        kind: "evidence-escalation",
        itemKey,
        period: `${due}:admins`,
        text: `Evidence for ${state.controlId} (owner ${state.owner}) is ${late} days overdue.`,
        ask: `evidence for ${state.controlId}`,
      });
    }
  }
  return planned;
}

function riskReminders(risk: RiskRecord, input: PlanInput, settings: ReminderSettings): PlannedReminder[] {
  if (risk.status === "closed") return [];
  const itemKey = `risk:${risk.ref}`;
  const planned: PlannedReminder[] = [];
  const reviewBy =
    risk.nextReview ??
    addMonths(risk.updatedAt.slice(0, 10), settings.reviewMonths[risk.residualLevel ?? risk.level]);
  if (reviewBy <= input.today) {
    planned.push({
      recipient: risk.owner,
      kind: "risk-review",
      itemKey,
      period: `${reviewBy}:review`,
      text: `${risk.ref} ${risk.title} (${risk.level}) is due for review since ${reviewBy}.`,
      ask: `update risk ${risk.ref}`,
    });
  }
  if (risk.treatmentDue && risk.treatmentDue <= input.today && !risk.acceptedBy) {
    planned.push({
      recipient: risk.owner,
      kind: "treatment-due",
      itemKey,
      period: `${risk.treatmentDue}:treatment`,
      text: `The treatment of ${risk.ref} ${risk.title} was due on ${risk.treatmentDue}.`,
      ask: `update risk ${risk.ref}`,
    });
  }
  if (riskAwaits(risk) === "acceptance") {
    // A weekly nudge while the owner's acceptance is pending.
    const week = Math.floor(days("2000-01-03", input.today) / 7); // weeks since a Monday
    planned.push({
      recipient: risk.owner,
      kind: "acceptance-pending",
      itemKey,
      period: `acceptance:week-${week}`,
      text: `${risk.ref} ${risk.title} waits for your acceptance of its residual risk (${risk.residualLevel}).`,
      ask: `accept risk ${risk.ref}`,
    });
  }
  return planned;
}

export function planReminders(input: PlanInput): PlannedReminder[] {
  const settings = input.settings ?? DEFAULT_REMINDER_SETTINGS;
  return [
    ...input.controls.flatMap((state) => evidenceReminders(state, input, settings)),
    ...input.risks.flatMap((risk) => riskReminders(risk, input, settings)),
  ];
}

/** One message per person: everything planned for them, together (a catch-up after downtime is not a flood). */
export function byRecipient(reminders: PlannedReminder[]): Map<PersonKey, PlannedReminder[]> {
  const grouped = new Map<PersonKey, PlannedReminder[]>();
  for (const reminder of reminders)
    grouped.set(reminder.recipient, [...(grouped.get(reminder.recipient) ?? []), reminder]);
  return grouped;
}
