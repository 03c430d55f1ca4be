/**
 * Weekly digests, planned like reminders: on the digest day (from the digest hour, in the manager's time zone), each
 * manager gets one message about their people's overdue and due-soon evidence and the risks they own above the
 * appetite. The period is the digest's week, so a digest goes out once a week per manager however often the schedule
 * runs.
 */
import { addDays } from "../records/dates.js";
import type { ControlState, PersonKey, RiskRecord } from "../records/types.js";
import type { PlannedReminder } from "./reminder-plan.js";

export interface DigestInput {
  today: string; // YYYY-MM-DD
  /** The date of the digest due for this person now (see digest-time.ts), or undefined when none is. */
  digestDate: (person: PersonKey) => string | undefined;
  controls: ControlState[];
  risks: RiskRecord[];
  reportsOf: (manager: PersonKey) => PersonKey[];
  managers: PersonKey[];
}

/** Groups items by their owner once, so that each manager's digest reads only their people's items. */
function byOwner<T>(items: T[], owner: (item: T) => string | null): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const item of items) {
    const key = owner(item);
    if (key) grouped.set(key, [...(grouped.get(key) ?? []), item]);
  }
  return grouped;
}

export function planManagerDigests(input: DigestInput): PlannedReminder[] {
  const soon = addDays(input.today, 14);
  const digests: PlannedReminder[] = [];
  const controlsOf = byOwner(
    input.controls.filter((state) => state.applicable !== false && state.nextEvidenceDue),
    (state) => state.owner,
  );
  const risksOf = byOwner(
    input.risks.filter((risk) => risk.aboveAppetite && risk.status !== "closed"),
    (risk) => risk.owner,
  );
  for (const manager of input.managers) {
    const week = input.digestDate(manager);
    if (!week) continue;
    const lines: string[] = [];
    for (const person of new Set(input.reportsOf(manager))) {
      for (const state of controlsOf.get(person) ?? []) {
        const due = state.nextEvidenceDue ?? "";
        if (due < input.today) lines.push(`Overdue: evidence for ${state.controlId} (${person}), due ${due}`);
        else if (due <= soon) lines.push(`Due soon: evidence for ${state.controlId} (${person}), due ${due}`);
      }
      for (const risk of risksOf.get(person) ?? [])
        lines.push(
          `Above appetite: ${risk.ref} ${risk.title} (${risk.residualLevel ?? risk.level}, ${person})`,
        );
    }
    if (lines.length === 0) continue;
    lines.sort();
    digests.push({
      recipient: manager,
      kind: "manager-digest",
      itemKey: `digest:manager:${manager}`,
      period: `week-of-${week}`,
      text: `Your team's ISMS items this week (${lines.length}):\n${lines.map((line) => `• ${line}`).join("\n")}`,
      ask: "audit readiness",
    });
  }
  return digests;
}
