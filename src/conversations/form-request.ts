/**
 * What a person would type to be shown a form again; every adapter uses it (Slack modals, Teams cards). Buttons and modals carry only the form's id and context; the
 * core re-creates the form from this text, so it alone decides what the form holds and who may fill it.
 */
export function formRequest(
  formId: string,
  context: Record<string, string> | undefined,
  initial: Record<string, string | string[]> | undefined = {},
): string {
  switch (formId) {
    case "update-risk":
      return `update risk ${context?.risk ?? ""}`;
    case "accept-risk":
      return `accept risk ${context?.risk ?? ""}`;
    case "review-evidence":
      return `review ${context?.evidence ?? ""}`;
    case "set-control":
      return `set owner of ${context?.control ?? ""}`;
    case "calendar-item":
      return "add a date to the ISMS calendar";
    case "reminder-settings":
      return "change reminder settings";
    case "house-rule": {
      const target = context?.target ?? (typeof initial.target === "string" ? initial.target : "");
      return target ? `set house rule for ${target}` : "add house rule";
    }
    case "submit-evidence":
      return `submit evidence for ${typeof initial.target === "string" ? initial.target : ""}`.trim();
    default:
      return `log a risk${typeof initial.title === "string" && initial.title ? ` about ${initial.title}` : ""}`;
  }
}
