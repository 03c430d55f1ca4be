/** Recognises requests about the organisation's house rules: set one (a form), remove one, list them all. */

export type HouseRuleIntent =
  /** `target` is the id as typed ("A.6.7", "clause 5.2"), checked against the catalogue when answered. */
  | { type: "set-house-rule"; target: string | undefined }
  | { type: "remove-house-rule"; target: string | undefined }
  | { type: "list-house-rules" };

/** "house rule", "our policy", "our own rule", "policy link". */
const SUBJECT = "(?:house rules?|our (?:own )?(?:policy|policies|rules?)|policy links?)";
const SET = new RegExp(
  String.raw`^(?:please )?(?:set|add|create|write|edit|change|update|new)\b(?: (?:a|the|an))? ${SUBJECT}\b`,
);
const REMOVE = new RegExp(
  String.raw`^(?:please )?(?:remove|delete|clear|drop)\b(?: (?:a|the))? ${SUBJECT}\b`,
);
const LIST =
  /^(?:(?:show|list|see|view|what are)(?: me)?(?: all)? )?(?:(?:the|our|all) )*(?:house rules|(?:house )?policies|policy links)$/;

/** What follows "for", "of", "on" or "about" at the end: the control or clause, as typed. */
function targetOf(text: string): string | undefined {
  const match = /\b(?:for|of|on|about)\s+(.+?)\s*[?.!]*$/i.exec(text.trim());
  return match?.[1]?.trim() || undefined;
}

/** Reads the folded text for the request, and the text as typed for the id. */
export function recogniseHouseRuleIntent(folded: string, text: string): HouseRuleIntent | undefined {
  if (SET.test(folded)) return { type: "set-house-rule", target: targetOf(text) };
  if (REMOVE.test(folded)) return { type: "remove-house-rule", target: targetOf(text) };
  // "policies" alone is a question about the catalogue (A.5.1); "our policies" and "list policies" are ours.
  if (LIST.test(folded) && folded !== "policies") return { type: "list-house-rules" };
  return undefined;
}
