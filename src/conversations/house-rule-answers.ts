/**
 * House rules in chat: anyone may list them; admins set one through a form (checked field by field, saved with its
 * audit entry in one transaction, once per submission) and remove one.
 */
import type { FormDefinition } from "../core/forms.js";
import type { FormSubmission } from "../core/message.js";
import { type Block, type Button, type Reply, reply } from "../core/reply.js";
import { TROUBLE_TEXT } from "../core/trouble.js";
import { storageTrouble } from "../storage/errors.js";
import type { Actor, ConversationContext } from "./context.js";
import { policyName, targetName } from "./house-rule-blocks.js";
import { checkHouseRule, HOUSE_RULE_FORM, houseRuleTarget } from "./house-rule-check.js";
import { houseRuleForm } from "./house-rule-form.js";
import type { HouseRuleIntent } from "./house-rule-intents.js";
import { refusal } from "./refusal.js";

const notice = (text: string, tone: "info" | "warning" = "info"): Reply =>
  reply(text, [{ type: "notice", tone, text }], "private");

/** "A.6.7 Remote working", "Clause 5.2 Policy": the id with its official title. */
function targetLabel(ctx: ConversationContext, target: string): string {
  const entry = ctx.catalogue.entry(target);
  return entry ? `${target.startsWith("A.") ? target : `Clause ${target}`} ${entry.title}` : target;
}

function listAnswer(ctx: ConversationContext, actor: Actor): Reply {
  const rules = ctx.records.houseRules.list();
  const admin = ctx.permissions.check(actor.key, { type: "house-rule.manage" }).allowed;
  const buttons: Button[] = admin ? [{ label: "Set a house rule", ask: "add house rule" }] : [];
  if (rules.length === 0) {
    const text = admin
      ? "We have no house rules yet. Set one for a control or clause, e.g. say: set house rule for A.6.7"
      : "We have no house rules yet; the ISMS admins can set them.";
    return reply(text, [
      { type: "notice", tone: "info", text },
      ...(buttons.length > 0 ? [{ type: "actions" as const, buttons }] : []),
    ]);
  }
  const title = `Our house rules (${rules.length})`;
  const items = rules.map((rule) => {
    const policy = policyName(rule);
    const about = [policy, rule.policyOwner ? `owner ${rule.policyOwner}` : "", rule.policyUrl ?? ""]
      .filter((part) => part !== "")
      .join("; ");
    return `${targetLabel(ctx, rule.target)}: ${rule.rule}${about ? ` (${about})` : ""}`;
  });
  const blocks: Block[] = [
    { type: "heading", text: title },
    { type: "list", items },
    {
      type: "actions",
      buttons: [
        ...rules.slice(0, 4).map((rule) => ({
          label: `Show ${targetName(rule.target)}`,
          ask: rule.target.startsWith("A.") ? rule.target : `clause ${rule.target}`,
        })),
        ...buttons,
      ],
    },
  ];
  return reply(title, blocks);
}

function formReply(form: FormDefinition): Reply {
  return reply(form.title, [{ type: "form", form }], "private");
}

export function answerHouseRuleIntent(
  ctx: ConversationContext,
  actor: Actor,
  intent: HouseRuleIntent,
): Reply {
  if (intent.type === "list-house-rules") return listAnswer(ctx, actor);
  const decision = ctx.permissions.check(actor.key, { type: "house-rule.manage" });
  if (!decision.allowed) return refusal(decision);
  const found = intent.target ? houseRuleTarget(ctx.catalogue, intent.target) : undefined;
  if (found && "problem" in found) return notice(found.problem, "warning");
  const target = found?.id;
  if (intent.type === "set-house-rule") {
    const current = target ? ctx.records.houseRules.get(target) : undefined;
    return formReply(houseRuleForm(target, current));
  }
  if (!target) return notice("Say which house rule to remove, e.g. remove house rule for A.6.7.", "warning");
  const removed = ctx.records.transaction(() => ctx.records.houseRules.remove(target, actor.key));
  return removed
    ? notice(
        `Removed our house rule for ${targetName(target)}. Answers about it show the standard alone again.`,
      )
    : notice(`There is no house rule for ${targetName(target)} to remove.`, "warning");
}

/** The form shown again as it was filled in, with a message per wrong field and `text` above it. */
function refused(
  form: FormDefinition,
  submission: FormSubmission,
  errors: Record<string, string>,
  text: string,
): Reply {
  const filled = {
    ...form,
    fields: form.fields.map((field) => {
      const value = submission.values[field.name];
      return value === undefined || value === "" ? field : { ...field, initial: value };
    }),
  };
  return reply(
    text,
    [
      { type: "notice", tone: "warning", text },
      { type: "form", form: filled, errors },
    ],
    "private",
  );
}

/**
 * The house-rule form, submitted: admins only; every wrong field named and nothing saved until all are right; the
 * rule and its audit entry saved together, and remembered under `key` so that a second delivery saves nothing more.
 */
export function submitHouseRule(
  ctx: ConversationContext,
  actor: Actor,
  submission: FormSubmission,
  key: string,
): Reply {
  const decision = ctx.permissions.check(actor.key, { type: "house-rule.manage" });
  if (!decision.allowed) return refusal(decision);
  const form = houseRuleForm(submission.context?.target);
  const checked = checkHouseRule(ctx.catalogue, submission.values);
  if ("errors" in checked) {
    const errors = checked.errors as Record<string, string>;
    const count = Object.keys(errors).length;
    const text = `Please correct ${count === 1 ? "this field" : "these fields"}: ${Object.values(errors).join(" ")}`;
    return refused(form, submission, errors, text);
  }
  const { input } = checked;
  const { records } = ctx;
  let outcome: "created" | "updated" | "unchanged";
  try {
    outcome = records.transaction(() => {
      const saved = records.houseRules.set(input, actor.key);
      records.rememberSubmission(key, HOUSE_RULE_FORM, `our house rule for ${targetName(input.target)}`);
      return saved.outcome;
    });
  } catch (error) {
    const trouble = storageTrouble(error);
    if (!trouble) throw error;
    ctx.onError?.(error);
    return refused(form, submission, { target: TROUBLE_TEXT[trouble] }, TROUBLE_TEXT[trouble]);
  }
  if (outcome === "unchanged")
    return notice(`Nothing changed: that is our house rule for ${targetLabel(ctx, input.target)} already.`);
  return notice(
    `Saved: our house rule for ${targetLabel(ctx, input.target)}${outcome === "updated" ? " (replacing the one before)" : ""}. Every answer about ${targetName(input.target)} now shows it first.`,
  );
}
