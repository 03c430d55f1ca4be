/** All ISMS records behind one object, sharing one database, clock and audit log. */
import type { ConfigLayer } from "../scheduling/reminder-config.js";
import { type Db, prepared } from "../storage/database.js";
import { AuditLog } from "./audit-log.js";
import { CalendarStore } from "./calendar-store.js";
import { ControlStateStore } from "./control-state-store.js";
import { EvidenceStore } from "./evidence-store.js";
import { HouseRuleStore } from "./house-rules-store.js";
import { OpenQuestionsStore } from "./open-questions-store.js";
import { PeopleStore } from "./people-store.js";
import { ReminderSettingsStore } from "./reminder-settings-store.js";
import { RiskMatrixStore } from "./risk-matrix.js";
import { RiskStore } from "./risk-store.js";
import { SnoozeStore } from "./snooze-store.js";

export class Records {
  readonly audit: AuditLog;
  readonly people: PeopleStore;
  readonly controls: ControlStateStore;
  readonly evidence: EvidenceStore;
  readonly matrix: RiskMatrixStore;
  readonly risks: RiskStore;
  readonly snoozes: SnoozeStore;
  readonly calendar: CalendarStore;
  readonly reminderSettings: ReminderSettingsStore;
  readonly houseRules: HouseRuleStore;
  /** Questions the bot could not answer, one record each. */
  readonly questions: OpenQuestionsStore;

  constructor(
    readonly db: Db,
    readonly clock: () => Date,
    /** The reminder settings from the config file, which admins' changes override. */
    reminderConfig: ConfigLayer = {},
  ) {
    this.audit = new AuditLog(db, clock);
    this.people = new PeopleStore(db, this.audit, clock);
    this.controls = new ControlStateStore(db, this.audit, clock);
    this.evidence = new EvidenceStore(db, this.audit, clock);
    this.matrix = new RiskMatrixStore(db, this.audit);
    this.risks = new RiskStore(db, this.audit, clock, () => this.matrix.get());
    this.snoozes = new SnoozeStore(db, this.audit);
    this.calendar = new CalendarStore(db, this.audit, clock);
    this.questions = new OpenQuestionsStore(db, this.audit, clock);
    this.reminderSettings = new ReminderSettingsStore(db, this.audit, clock, reminderConfig);
    this.houseRules = new HouseRuleStore(db, this.audit, clock);
  }

  /**
   * Runs `write` in one transaction: everything it changes, and its audit entries, commit together or not at all. It
   * takes the write lock first (BEGIN IMMEDIATE), so a lock held by another process is waited for up to the busy
   * timeout; a deferred transaction that had read first would fail at once instead.
   */
  transaction<T>(write: () => T): T {
    return this.db.transaction(write).immediate();
  }

  /** The result of a form already submitted under this key, if any. */
  submitted(key: string): string | undefined {
    const row = prepared(this.db, "SELECT result FROM submissions WHERE key = ?").get(key) as
      | { result: string }
      | undefined;
    return row?.result;
  }

  /** Call inside the transaction that saves the form's record, so a repeat of the key finds it. */
  rememberSubmission(key: string, formId: string, result: string): void {
    prepared(this.db, "INSERT INTO submissions (key, form_id, result, created_at) VALUES (?, ?, ?, ?)").run(
      key,
      formId,
      result,
      this.clock().toISOString(),
    );
  }
}
