/**
 * "Our own rules first": the blocks that open every answer about one control or clause. With a house rule, the rule
 * and the policy behind it (title, version, owner, link); without, a plain line saying so and who owns the control,
 * with a button for admins to set one. An answer about several shows the rules there are, and no such lines.
 */
import { type Block, type Field, isWebLink, type Reply } from "../core/reply.js";
import type { HouseRule } from "../records/house-rules-store.js";
import type { PersonKey } from "../records/types.js";
import { type IdMatch, idsNamedBy } from "../search/resolve-ids.js";
import type { ConversationContext } from "./context.js";

/** "A.6.7" for a control, "clause 5.2" for a clause. */
export function targetName(target: string): string {
  return target.startsWith("A.") ? target : `clause ${target}`;
}

/** "Remote Working Policy, version 2.1", or just the part that is known; "" when neither is. */
export function policyName(rule: Pick<HouseRule, "policyTitle" | "policyVersion">): string {
  return [rule.policyTitle, rule.policyVersion ? `version ${rule.policyVersion}` : null]
    .filter((part): part is string => part !== null && part !== "")
    .join(", ");
}

/** "Read Remote working policy (intranet.example.com)": the host shown, so a link cannot pass for another site. */
function linkLabel(title: string | null, url: string): string {
  return `Read ${title ?? "the policy"} (${new URL(url).host})`;
}

function ruleBlocks(rule: HouseRule): Block[] {
  const blocks: Block[] = [
    { type: "paragraph", label: `Our house rule for ${targetName(rule.target)}`, text: rule.rule },
  ];
  const fields: Field[] = [];
  const policy = policyName(rule);
  if (policy) fields.push({ label: "Our policy", value: policy });
  if (rule.policyOwner) fields.push({ label: "Policy owner", value: rule.policyOwner });
  if (fields.length > 0) blocks.push({ type: "fields", fields });
  if (rule.policyUrl && isWebLink(rule.policyUrl))
    blocks.push({ type: "link", label: linkLabel(rule.policyTitle, rule.policyUrl), url: rule.policyUrl });
  return blocks;
}

/** Who looks after a control or clause that has no house rule yet. */
function ownerText(ctx: ConversationContext, target: string): string {
  const { people, controls } = ctx.records;
  if (target.startsWith("A.")) {
    const owner = controls.get(target).owner;
    return owner ? `Control owner: ${people.name(owner)}.` : "Control owner: no owner assigned yet.";
  }
  const admins = people.admins().map((admin) => people.name(admin.key));
  return admins.length > 0 ? `The ISMS admins look after the clauses: ${admins.join(", ")}.` : "";
}

/** The blocks that go first in an answer about `target` (a control or clause id), for the person `actor`. */
export function houseRuleBlocks(
  ctx: ConversationContext,
  actor: PersonKey,
  target: string,
  rule = ctx.records.houseRules.get(target),
): Block[] {
  if (rule) return ruleBlocks(rule);
  const text = `We have no house rule for ${targetName(target)} yet. ${ownerText(ctx, target)}`.trim();
  const blocks: Block[] = [{ type: "notice", tone: "info", text }];
  if (ctx.permissions.check(actor, { type: "house-rule.manage" }).allowed)
    blocks.push({
      type: "actions",
      buttons: [{ label: "Set a house rule", ask: `set house rule for ${target}` }],
    });
  return blocks;
}

/** The controls and clauses an answer to id mentions explains, each once, in the order it explains them. */
export function idsExplained(matches: readonly IdMatch[]): string[] {
  return [...new Set(matches.flatMap(idsNamedBy))];
}

/**
 * An answer about several controls or clauses ("5.1", "A.6.7 and A.8.9") with the rules we have for them first, in
 * the order they are explained. Those without a rule are not mentioned, so that the answer stays short.
 */
export function withHouseRules(ctx: ConversationContext, targets: readonly string[], answer: Reply): Reply {
  const rules = targets.flatMap((target) => ctx.records.houseRules.get(target) ?? []);
  if (rules.length === 0) return answer;
  const text = [
    ...rules.map((rule) => `Our house rule for ${targetName(rule.target)}: ${rule.rule}`),
    answer.text,
  ];
  return { ...answer, text: text.join(" | "), blocks: [...rules.flatMap(ruleBlocks), ...answer.blocks] };
}

/** The answer about `target` with our own rule first, in its blocks and in its one-line summary. */
export function withHouseRule(
  ctx: ConversationContext,
  actor: PersonKey,
  target: string,
  answer: Reply,
): Reply {
  const rule = ctx.records.houseRules.get(target);
  const text = rule ? `Our house rule for ${targetName(target)}: ${rule.rule} | ${answer.text}` : answer.text;
  return { ...answer, text, blocks: [...houseRuleBlocks(ctx, actor, target, rule), ...answer.blocks] };
}
