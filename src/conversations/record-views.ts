/** How risks, evidence and control states read in an answer. */
import type { Block, Field } from "../core/reply.js";
import type { ControlState, EvidenceRecord, RiskRecord } from "../records/types.js";
import type { ConversationContext } from "./context.js";

const words = (value: string) => value.replace(/_/g, " ");

export function riskLine(risk: RiskRecord): string {
  return `${risk.ref} ${risk.title}: ${risk.level}${risk.residualLevel ? `, residual ${risk.residualLevel}` : ""}, ${risk.status}${risk.aboveAppetite ? ", above appetite" : ""}`;
}

export function evidenceLine(item: EvidenceRecord): string {
  const review =
    item.reviewStatus === "rejected" ? `rejected: ${item.rejectReason ?? ""}` : item.reviewStatus;
  return `${item.ref} ${item.title} (${item.target}, ${review}${item.validUntil ? `, valid until ${item.validUntil}` : ""})`;
}

export function riskBlocks(ctx: ConversationContext, risk: RiskRecord): Block[] {
  const name = (key: string | null) => ctx.records.people.name(key);
  const fields: Field[] = [
    { label: "Level", value: `${risk.level} (likelihood ${risk.likelihood} × impact ${risk.impact})` },
    {
      label: "Residual",
      value: risk.residualLevel
        ? `${risk.residualLevel} (${risk.residualLikelihood} × ${risk.residualImpact})`
        : "not rated yet",
    },
    { label: "Above appetite", value: risk.aboveAppetite ? "yes" : "no" },
    { label: "Owner", value: name(risk.owner) },
    { label: "Status", value: risk.status },
    { label: "Treatment", value: risk.treatment ?? "not chosen yet" },
    { label: "Linked controls", value: risk.controls.join(", ") || "none" },
    { label: "Assets", value: risk.assets ?? "-" },
    { label: "Threat", value: risk.threat ?? "-" },
    { label: "Vulnerability", value: risk.vulnerability ?? "-" },
    { label: "Affected", value: risk.properties.join(", ") || "-" },
    { label: "Treatment due", value: risk.treatmentDue ?? "-" },
    { label: "Next review", value: risk.nextReview ?? "-" },
    {
      label: "Residual accepted",
      value: risk.acceptedBy ? `by ${name(risk.acceptedBy)} on ${risk.acceptedAt?.slice(0, 10)}` : "not yet",
    },
  ];
  const blocks: Block[] = [
    { type: "heading", text: `${risk.ref} ${risk.title}` },
    { type: "fields", fields },
  ];
  if (risk.description) blocks.push({ type: "paragraph", label: "Description", text: risk.description });
  if (risk.treatmentPlan)
    blocks.push({ type: "paragraph", label: "Treatment plan", text: risk.treatmentPlan });
  return blocks;
}

export function controlStatusFields(ctx: ConversationContext, state: ControlState): Field[] {
  const latest = ctx.records.evidence.forTarget(state.controlId)[0];
  return [
    { label: "Our owner", value: ctx.records.people.name(state.owner) },
    {
      label: "Applicable",
      value: state.applicable === null ? "not decided yet" : state.applicable ? "yes" : "no",
    },
    { label: "Our status", value: words(state.status) },
    { label: "Latest evidence", value: latest ? evidenceLine(latest) : "none yet" },
    {
      label: "Next evidence due",
      value: state.nextEvidenceDue ?? (state.cadence ? "now" : "no cadence set"),
    },
  ];
}
