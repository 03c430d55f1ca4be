/** Recognises "where are we?" and the other ways admins ask how far the ISMS is on the way to certification. */

const JOURNEY: readonly RegExp[] = [
  // "where are we?", "where are we now", "where are we with the ISMS"
  /^(?:so |ok |okay )?where are we(?: now| at| today| overall)?(?: (?:with|on|in) (?:the |our )?(?:isms|certification|iso(?: 27001)?(?: certification)?|implementation))?$/,
  // "how far are we from certification", "how close are we to being certified"
  /\bhow (?:far|close) (?:are we|away are we|off are we) (?:from|to) (?:the |our |being |getting )?(?:iso (?:27001 )?)?certifi\w*/,
  // "our progress", "show the ISMS progress", "certification progress"
  /^(?:show |whats |what is )?(?:me )?(?:our|the isms|our isms|certification|our certification) progress$/,
  // "certification readiness journey", "journey to certification"
  /\bcertification (?:readiness )?journey\b|\bjourney to (?:iso (?:27001 )?)?certification\b/,
  // "what's next for our ISMS"
  /\bwhats next (?:for|with|in) (?:the |our )?isms\b/,
];

/** `folded` as foldText gives it. */
export function isJourneyQuestion(folded: string): boolean {
  return JOURNEY.some((pattern) => pattern.test(folded));
}
