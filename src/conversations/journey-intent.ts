/**
 * Recognises "where are we?" and the other ways admins ask how far the ISMS is on the way to certification. Only the
 * ISMS as a whole: "where do we stand on passwords?" is a question about passwords, and goes to the search.
 */

/** What "with …", "on …", "towards …" may name: the ISMS, the standard or the certification, nothing narrower. */
const WHOLE =
  "(?:the |our )?(?:isms|certification|implementation|compliance|(?:iso (?:iec )?|isoiec )?27001(?: 2022)?(?: certification| implementation| compliance)?|iso(?: certification)?)";
const LEAD = "(?:so |ok |okay |and |well )?";
const WHEN = "(?: now| at| today| overall| right now| so far| at the moment)?";

const JOURNEY: readonly RegExp[] = [
  // "where are we?", "where do we stand with ISO 27001", "where are we now with the ISMS"
  new RegExp(
    `^${LEAD}where (?:are we|do we stand|do things stand|are we standing)${WHEN}(?: (?:with|on|in|regarding) ${WHOLE})?${WHEN}$`,
  ),
  // "how are we doing", "how are we getting on with the ISMS", "how are we progressing towards certification"
  new RegExp(
    `^${LEAD}how (?:are we (?:doing|getting on|progressing|getting along)|is it going|are things going)${WHEN}(?: (?:with|on|in|towards?) ${WHOLE})?${WHEN}$`,
  ),
  // "how far are we from certification", "how close are we to being certified", "how close are we to ISO 27001"
  /\bhow (?:far|close) (?:are we|away are we|off are we) (?:from|to) (?:the |our |being |getting )?(?:iso (?:27001 )?)?certifi\w*/,
  new RegExp(`^${LEAD}how (?:far|close) (?:are we|away are we|off are we) (?:from|to) ${WHOLE}$`),
  // "our progress", "show the ISMS progress", "certification progress"
  /^(?:show |whats |what is )?(?:me )?(?:our|the isms|our isms|certification|our certification) progress$/,
  // "our progress towards certification", "what is our progress with ISO 27001", "progress on the ISMS"
  new RegExp(
    `^(?:show |whats |what is |how is |hows )?(?:me )?(?:our |the )?progress (?:towards?|to|on|with|in) ${WHOLE}$`,
  ),
  // "certification readiness journey", "journey to certification"
  /\bcertification (?:readiness )?journey\b|\bjourney to (?:iso (?:27001 )?)?certification\b/,
  // "what's next for our ISMS"
  /\bwhats next (?:for|with|in) (?:the |our )?isms\b/,
  // "status of the ISMS", "what is the status of our certification" ("status of A.5" and "status of clause 6" are
  // the readiness's)
  new RegExp(`^(?:whats |what is )?(?:the )?(?:overall )?status of ${WHOLE}$`),
];

/** `folded` as foldText gives it. */
export function isJourneyQuestion(folded: string): boolean {
  return JOURNEY.some((pattern) => pattern.test(folded));
}
