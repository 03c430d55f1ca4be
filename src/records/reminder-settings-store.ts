/**
 * The reminder settings in effect, and the admins' changes to them. The config file gives the organisation's base
 * (passed in at start); what admins change in chat or with the CLI is stored in the database, audit-logged, and
 * wins over the file. Pausing and resuming reminders is recorded the same way.
 */
import {
  type ConfigLayer,
  crossCheck,
  effectiveConfig,
  parseLayer,
  type ReminderConfig,
  type SettingName,
} from "../scheduling/reminder-config.js";
import { type Db, prepared } from "../storage/database.js";
import type { AuditLog } from "./audit-log.js";
import type { PersonKey } from "./types.js";

export type SettingSource = "default" | "config file" | "changed by an admin";

export interface PauseState {
  by: PersonKey;
  at: string;
}

export class ReminderSettingsStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
    private readonly fileLayer: ConfigLayer = {},
  ) {}

  private read(key: string): unknown {
    const row = prepared(this.db, "SELECT value FROM settings WHERE key = ?").get(key) as
      | { value: string }
      | undefined;
    return row ? JSON.parse(row.value) : undefined;
  }

  private write(key: string, value: unknown): void {
    if (value === undefined) {
      prepared(this.db, "DELETE FROM settings WHERE key = ?").run(key);
      return;
    }
    prepared(
      this.db,
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(key, JSON.stringify(value));
  }

  /** What admins changed; anything no longer valid (a setting renamed in a later version) is ignored. */
  private changed(): ConfigLayer {
    const stored = this.read("reminders");
    return stored && typeof stored === "object" ? parseLayer(stored as Record<string, unknown>).layer : {};
  }

  effective(): ReminderConfig {
    return effectiveConfig(this.fileLayer, this.changed());
  }

  source(name: SettingName): SettingSource {
    if (name in this.changed()) return "changed by an admin";
    return name in this.fileLayer ? "config file" : "default";
  }

  /**
   * Checks and applies changes given as text or values per setting. Returns the problems per setting (and changes
   * nothing) or the names of the settings whose value changed.
   */
  change(
    raw: Record<string, unknown>,
    actor: PersonKey,
  ): { problems: Record<string, string> } | { changed: SettingName[] } {
    const { layer, problems } = parseLayer(raw);
    if (Object.keys(problems).length > 0) return { problems };
    const before = this.effective();
    const after = { ...before, ...layer };
    const crossProblems = crossCheck(after);
    if (Object.keys(crossProblems).length > 0) return { problems: crossProblems };
    const changed = (Object.keys(layer) as SettingName[]).filter(
      (name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]),
    );
    if (changed.length === 0) return { changed };
    this.db.transaction(() => {
      const stored = { ...this.changed() };
      for (const name of changed) Object.assign(stored, { [name]: after[name] });
      this.write("reminders", stored);
      this.audit.append(
        actor,
        "settings.reminders",
        "settings",
        "reminders",
        Object.fromEntries(changed.map((name) => [name, before[name]])),
        Object.fromEntries(changed.map((name) => [name, after[name]])),
      );
    })();
    return { changed };
  }

  paused(): PauseState | undefined {
    const state = this.read("reminders_paused");
    return state && typeof state === "object" ? (state as PauseState) : undefined;
  }

  /** Pauses (true) or resumes (false) every reminder and digest; false when it already was so. */
  setPaused(paused: boolean, actor: PersonKey): boolean {
    return this.db.transaction(() => {
      const before = this.paused();
      if (Boolean(before) === paused) return false;
      const after = paused ? { by: actor, at: this.clock().toISOString() } : undefined;
      this.write("reminders_paused", after);
      this.audit.append(
        actor,
        paused ? "reminders.pause" : "reminders.resume",
        "settings",
        "reminders",
        before ?? null,
        after ?? null,
      );
      return true;
    })();
  }
}
