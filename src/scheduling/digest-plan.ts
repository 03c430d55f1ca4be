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

export function planManagerDigests(input: DigestInput): PlannedReminder[] {
  const soon = addDays(input.today, 14);
  const digests: PlannedReminder[] = [];
  for (const manager of input.managers) {
    const week = input.digestDate(manager);
    if (!week) continue;
    const people = new Set(input.reportsOf(manager));
    if (people.size === 0) continue;
    const lines: string[] = [];
    for (const state of input.controls) {
      if (!state.owner || !people.has(state.owner) || state.applicable === false || !state.nextEvidenceDue)
        continue;
      if (state.nextEvidenceDue < input.today)
        lines.push(`Overdue: evidence for ${state.controlId} (${state.owner}), due ${state.nextEvidenceDue}`);
      else if (state.nextEvidenceDue <= soon)
        lines.push(
          `Due soon: evidence for ${state.controlId} (${state.owner}), due ${state.nextEvidenceDue}`,
        );
    }
    for (const risk of input.risks) {
      if (people.has(risk.owner) && risk.aboveAppetite && risk.status !== "closed") {
        lines.push(
          `Above appetite: ${risk.ref} ${risk.title} (${risk.residualLevel ?? risk.level}, ${risk.owner})`,
        );
      }
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
