/**
 * Recognises what is said about the questions the bot could not answer: passing one on to the ISMS admins (what the
 * "not sure" answer's button says), listing them, and closing one. Also makes that button.
 */
import type { Button } from "../core/reply.js";
import { questionText } from "../records/open-question-key.js";

export type OpenQuestionIntent =
  | { type: "pass-question"; question: string }
  | { type: "open-questions" }
  | { type: "close-question"; id: number; status: "answered" | "dismissed" };

/** "pass to the ISMS manager: <question>"; also "pass this on to the ISMS admins: …". */
const PASS_ON =
  /^\s*pass (?:this |it |my question )?(?:on )?to (?:the |an |our )?isms (?:manager|admins?|team)\s*:\s*(\S[\s\S]*)$/i;
const LIST =
  /^(?:show |list |see )?(?:me )?(?:the |all )?(?:questions (?:we|you|the bot|isms bot) (?:could not|couldnt|cannot|cant|did not|didnt) answer|unanswered questions|questions passed on|passed on questions)$/;
const DISMISS = /^(?:dismiss|ignore|drop) question (\d{1,9})$/;
const ANSWERED = /^(?:mark )?question (\d{1,9}) (?:as )?answered$/;

/** The pass-on button for a question: pressing it says "pass to the ISMS manager: <the question>". */
export function passOnButton(question: string): Button {
  return { label: "Pass to the ISMS manager", ask: `pass to the ISMS manager: ${questionText(question)}` };
}

/** `text` as typed (the question keeps its words), `folded` as foldText gives it. */
export function recogniseOpenQuestionIntent(text: string, folded: string): OpenQuestionIntent | undefined {
  const passed = PASS_ON.exec(text);
  if (passed?.[1]) return { type: "pass-question", question: passed[1] };
  if (LIST.test(folded)) return { type: "open-questions" };
  const dismissed = DISMISS.exec(folded);
  if (dismissed) return { type: "close-question", id: Number(dismissed[1]), status: "dismissed" };
  const answered = ANSWERED.exec(folded);
  if (answered) return { type: "close-question", id: Number(answered[1]), status: "answered" };
  return undefined;
}
