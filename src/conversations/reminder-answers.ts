/**
 * Admin control of the reminders in chat: show the schedule, change the settings (a form built from the settings
 * table, checked field by field), pause and resume, and see the ISMS-wide digest now. Anyone may look at the
 * schedule; only admins change it, and every change is audit-logged by the settings store.
 */
import type { FormDefinition, FormField } from "../core/forms.js";
import type { FormSubmission } from "../core/message.js";
import { type Block, type Reply, reply } from "../core/reply.js";
import { nextDigest } from "../scheduling/digest-time.js";
import {
  digestWeekday,
  formatSetting,
  type ReminderConfig,
  SETTING_NAMES,
  SETTINGS,
  type SettingName,
  WEEKDAYS,
} from "../scheduling/reminder-config.js";
import { ReminderLedger } from "../scheduling/reminder-ledger.js";
import { Reminders } from "../scheduling/reminders.js";
import type { Actor, ConversationContext } from "./context.js";
import { refusal } from "./refusal.js";

export type ReminderIntent =
  | { type: "reminder-schedule" }
  | { type: "change-reminder-settings" }
  | { type: "pause-reminders" }
  | { type: "resume-reminders" }
  | { type: "digest-now" };

/**
 * What may follow "pause reminders" and still mean everyone's: "stop reminders for A.8.13" is about one item (a
 * snooze), not a pause of the whole organisation's reminders.
 */
const EVERYONE = `(?: and (?:the )?digests)?(?: for (?:everyone|everybody|all|now|a while))?(?: now)?(?: please)?$`;
const PAUSE = new RegExp(
  `^(?:please )?(?:pause|stop|suspend|mute|hold) (?:all )?(?:the )?(?:isms )?reminders${EVERYONE}`,
);
const RESUME = new RegExp(
  `^(?:please )?(?:resume|restart|unpause|start) (?:all )?(?:the )?(?:isms )?reminders${EVERYONE}`,
);

/** "show the reminder schedule", "pause reminders", "send the digest now", … */
export function recogniseReminderIntent(folded: string): ReminderIntent | undefined {
  if (PAUSE.test(folded)) return { type: "pause-reminders" };
  if (RESUME.test(folded)) return { type: "resume-reminders" };
  if (/\bsend (?:me )?(?:the |a |an )?(?:isms |admin |weekly )*digest\b/.test(folded))
    return { type: "digest-now" };
  if (/\b(?:change|edit|configure|update|adjust)\b.*\b(?:reminders?|digests?)\b/.test(folded))
    return { type: "change-reminder-settings" };
  if (
    /^(?:show |what is |whats )?(?:the )?(?:reminder|digest) (?:schedule|settings)$|^when do (?:reminders|digests) go out$|^reminders?$/.test(
      folded,
    )
  )
    return { type: "reminder-schedule" };
  return undefined;
}

const notice = (text: string, tone: "info" | "warning" = "info"): Reply =>
  reply(text, [{ type: "notice", tone, text }], "private");

const SETTINGS_FORM_ID = "reminder-settings";

export function reminderSettingsForm(config: ReminderConfig): FormDefinition {
  const field = (name: SettingName): FormField => {
    const setting = SETTINGS[name];
    const base = { name, label: setting.label, required: true, hint: setting.hint };
    const initial = formatSetting(name, config[name] as never);
    if (name === "digest-day")
      return {
        ...base,
        kind: "select",
        options: WEEKDAYS.map((day) => ({ value: day, label: formatSetting("digest-day", day) })),
        initial: config["digest-day"],
      };
    if (name === "weekends")
      return {
        ...base,
        kind: "select",
        options: [
          { value: "no", label: "No" },
          { value: "yes", label: "Yes" },
        ],
        initial,
      };
    return { ...base, kind: "text", maxLength: 60, initial };
  };
  return {
    id: SETTINGS_FORM_ID,
    title: "Reminder settings",
    submitLabel: "Save settings",
    fields: SETTING_NAMES.map(field),
  };
}

function scheduleReply(ctx: ConversationContext, actor: Actor): Reply {
  const { records, clock } = ctx;
  const settings = records.reminderSettings;
  const config = settings.effective();
  const now = clock();
  const paused = settings.paused();
  const due = new Reminders(records, new ReminderLedger(records.db, clock)).due(now);
  const count = [...due.values()].reduce((sum, items) => sum + items.length, 0);
  const admin = ctx.permissions.check(actor.key, { type: "settings.set" }).allowed;
  const blocks: Block[] = [{ type: "heading", text: "Reminder schedule" }];
  if (paused)
    blocks.push({
      type: "notice",
      tone: "warning",
      text: `Reminders and digests are paused since ${paused.at.slice(0, 16).replace("T", " ")} UTC by ${records.people.name(paused.by)}. Nothing is sent until an admin resumes them; what falls due meanwhile is sent as one message per person then.`,
    });
  blocks.push(
    {
      type: "paragraph",
      text: `Next digest: ${nextDigest(now, {
        weekday: digestWeekday(config),
        hour: config["digest-hour"],
        defaultTimeZone: config["time-zone"],
      })}. Due now: ${count} reminder${count === 1 ? "" : "s"} for ${due.size} ${due.size === 1 ? "person" : "people"}${paused ? " (held while paused)" : ""}.`,
    },
    {
      type: "fields",
      fields: SETTING_NAMES.map((name) => {
        const source = settings.source(name);
        return {
          label: SETTINGS[name].label,
          value: `${formatSetting(name, config[name] as never)}${source === "default" ? "" : ` (${source})`}`,
        };
      }),
    },
  );
  if (admin)
    blocks.push({
      type: "actions",
      buttons: [
        { label: "Change reminder settings", ask: "change reminder settings" },
        paused
          ? { label: "Resume reminders", ask: "resume reminders" }
          : { label: "Pause reminders", ask: "pause reminders" },
        { label: "Digest now", ask: "send the digest now" },
        { label: "ISMS calendar", ask: "show the ISMS calendar" },
      ],
    });
  return reply("Reminder schedule", blocks, "private");
}

export function answerReminderIntent(ctx: ConversationContext, actor: Actor, intent: ReminderIntent): Reply {
  const { records, clock } = ctx;
  if (intent.type === "reminder-schedule") return scheduleReply(ctx, actor);
  const decision = ctx.permissions.check(actor.key, { type: "settings.set" });
  if (!decision.allowed) return refusal(decision);
  switch (intent.type) {
    case "change-reminder-settings":
      return reply(
        "Reminder settings",
        [{ type: "form", form: reminderSettingsForm(records.reminderSettings.effective()) }],
        "private",
      );
    case "pause-reminders":
      return records.reminderSettings.setPaused(true, actor.key)
        ? notice(
            "Reminders and digests are paused for everyone. Say “resume reminders” to send them again; what falls due meanwhile goes out then, one message per person.",
          )
        : notice("Reminders are already paused.");
    case "resume-reminders":
      return records.reminderSettings.setPaused(false, actor.key)
        ? notice("Reminders and digests are running again; what is due goes out at the next run.")
        : notice("Reminders are not paused.");
    case "digest-now": {
      const lines = new Reminders(records, new ReminderLedger(records.db, clock)).adminDigestLines(clock());
      return reply(
        "The ISMS this week",
        [
          { type: "heading", text: "The ISMS this week" },
          { type: "list", items: lines },
          {
            type: "paragraph",
            text: "This is the admins' digest as of now, for you. To send every manager and admin their digest at once, run `isms remind --digest-now` on the bot's host.",
          },
          { type: "actions", buttons: [{ label: "Audit readiness", ask: "audit readiness" }] },
        ],
        "private",
      );
    }
  }
}

/**
 * The settings form, submitted: every wrong field named; nothing changes until all are right. A submission saved
 * under `key` is remembered with it, so that the same submission delivered again does not undo a later change.
 */
export function submitReminderSettings(
  ctx: ConversationContext,
  actor: Actor,
  submission: FormSubmission,
  key?: string,
): Reply {
  const decision = ctx.permissions.check(actor.key, { type: "settings.set" });
  if (!decision.allowed) return refusal(decision);
  const settings = ctx.records.reminderSettings;
  const raw = Object.fromEntries(
    SETTING_NAMES.filter((name) => submission.values[name] !== undefined).map((name) => [
      name,
      submission.values[name],
    ]),
  );
  const result = ctx.records.transaction(() => {
    const changed = settings.change(raw, actor.key);
    if (key && "changed" in changed)
      ctx.records.rememberSubmission(
        key,
        SETTINGS_FORM_ID,
        `reminder settings${changed.changed.length > 0 ? ` (${changed.changed.join(", ")})` : ""}`,
      );
    return changed;
  });
  if ("problems" in result) {
    const form = reminderSettingsForm(settings.effective());
    const filled = {
      ...form,
      fields: form.fields.map((field) => {
        const value = submission.values[field.name];
        return value === undefined ? field : { ...field, initial: value };
      }),
    };
    const text = `Please correct ${Object.keys(result.problems).length === 1 ? "this field" : "these fields"}: ${Object.values(result.problems).join(" ")}`;
    return reply(
      text,
      [
        { type: "notice", tone: "warning", text },
        { type: "form", form: filled, errors: result.problems },
      ],
      "private",
    );
  }
  if (result.changed.length === 0) return notice("Nothing changed: the settings were already so.");
  const config = settings.effective();
  return notice(
    `Saved: ${result.changed.map((name) => `${SETTINGS[name].label} ${formatSetting(name, config[name] as never)}`).join(", ")}. The next reminder run uses them.`,
  );
}

export const REMINDER_SETTINGS_FORM = SETTINGS_FORM_ID;
