/**
 * Who may do what with the ISMS records. Every action is checked here, in the core, whatever the platform; a refusal
 * says why and who can help.
 */
import type { Records } from "./records.js";
import type { PersonKey } from "./types.js";

export type Action =
  | { type: "control.set"; controlId: string }
  | { type: "evidence.submit"; target: string }
  | { type: "evidence.review"; ref: string }
  | { type: "risk.create" }
  | { type: "risk.update"; ref: string }
  | { type: "risk.accept"; ref: string }
  | { type: "risk.view"; ref: string }
  | { type: "audit.read" }
  | { type: "export" }
  | { type: "settings.set" }
  | { type: "calendar.manage" }
  | { type: "house-rule.manage" }
  | { type: "journey.view" }
  | { type: "question.pass" }
  | { type: "questions.manage" };

export type Decision = { allowed: true } | { allowed: false; reason: string; help: string };

export interface Roles {
  admin: boolean;
  controlOwner: boolean;
  manager: boolean;
}

export class Permissions {
  constructor(private readonly records: Records) {}

  roles(actor: PersonKey): Roles {
    return {
      admin: this.records.people.get(actor)?.isAdmin === true,
      controlOwner: this.records.controls.ownedBy(actor).length > 0,
      manager: this.records.people.reportsOf(actor).length > 0,
    };
  }

  /** Who to ask: the admins by name, or how to make the first one. */
  askAdmins(): string {
    const admins = this.records.people.admins();
    if (admins.length === 0) {
      return "There is no ISMS admin yet: whoever runs the bot can add one with `isms admin add <platform>:<user id>`.";
    }
    return `Ask an ISMS admin: ${admins.map((admin) => this.records.people.name(admin.key)).join(", ")}.`;
  }

  private refuse(reason: string, help = this.askAdmins()): Decision {
    return { allowed: false, reason, help };
  }

  check(actor: PersonKey, action: Action): Decision {
    const { people, controls, risks, evidence } = this.records;
    const admin = people.get(actor)?.isAdmin === true;
    const allow: Decision = { allowed: true };
    switch (action.type) {
      case "risk.create":
      case "question.pass":
        return allow;
      case "control.set":
      case "audit.read":
      case "export":
      case "settings.set":
      case "calendar.manage":
      case "house-rule.manage":
      case "journey.view":
      case "questions.manage":
        return admin ? allow : this.refuse(`Only ISMS admins can ${describe(action)}.`);
      case "evidence.submit": {
        if (admin) return allow;
        const owner = action.target.startsWith("A.") ? controls.get(action.target).owner : null;
        if (owner === actor) return allow;
        return this.refuse(
          owner
            ? `Only the owner of ${action.target} (${people.name(owner)}) or an ISMS admin can submit evidence for it.`
            : `${action.target} has no owner yet, so only an ISMS admin can submit evidence for it.`,
          owner ? `Ask ${people.name(owner)}, or an admin. ${this.askAdmins()}` : this.askAdmins(),
        );
      }
      case "evidence.review": {
        const item = evidence.get(action.ref);
        if (!item)
          return this.refuse(`There is no evidence ${action.ref}.`, "Check the id, for example E-001.");
        if (item.reviewStatus !== "submitted") {
          return this.refuse(
            `${item.ref} was already ${item.reviewStatus} by ${people.name(item.reviewedBy)}.`,
            "Ask for new evidence to be submitted instead.",
          );
        }
        if (item.submittedBy === actor) {
          return this.refuse(
            "Nobody reviews their own evidence.",
            `Ask another reviewer. ${this.askAdmins()}`,
          );
        }
        const owner = item.target.startsWith("A.") ? controls.get(item.target).owner : null;
        return admin || owner === actor
          ? allow
          : this.refuse(`Only an ISMS admin or the owner of ${item.target} can review ${item.ref}.`);
      }
      case "risk.update":
      case "risk.accept":
      case "risk.view": {
        const risk = risks.get(action.ref);
        // The same words whether the risk does not exist or may not be seen: no one learns that it exists.
        const unseen = this.refuse(
          `There is no risk ${action.ref} that you can see.`,
          "Risk details are shown to the risk owner, their managers and ISMS admins.",
        );
        if (!risk) return unseen;
        const mayView = risk.owner === actor || admin || people.managersOf(risk.owner).includes(actor);
        if (!mayView) return unseen;
        if (action.type === "risk.accept") {
          return risk.owner === actor
            ? allow
            : this.refuse(
                `Only the risk owner, ${people.name(risk.owner)}, can accept the residual risk of ${risk.ref}.`,
                `Ask ${people.name(risk.owner)}.`,
              );
        }
        if (risk.owner === actor || admin || action.type === "risk.view") return allow;
        return this.refuse(`Only the risk owner or an ISMS admin can change ${risk.ref}.`);
      }
    }
  }
}

function describe(action: Action): string {
  switch (action.type) {
    case "control.set":
      return `set the owner, applicability or cadence of ${action.controlId}`;
    case "audit.read":
      return "read the audit log";
    case "export":
      return "export the Statement of Applicability and the risk register";
    case "calendar.manage":
      return "add, complete or cancel dates on the ISMS calendar";
    case "house-rule.manage":
      return "set or remove the organisation's house rules and policy links";
    case "journey.view":
      return "see how far the ISMS is on the way to certification";
    case "questions.manage":
      return "see, answer or dismiss the questions the bot could not answer";
    default:
      return "change ISMS settings";
  }
}
