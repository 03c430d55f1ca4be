/**
 * Small talk ("thanks", "ok", "bye") and messages with no question in them ("what?", "???"): answered in a line,
 * never searched, so never kept as a question the bot could not answer nor offered to the ISMS manager.
 */
import { contentWords } from "../search/text.js";
import { type Reply, reply } from "./reply.js";

export type SmallTalk = "thanks" | "goodbye" | "acknowledgement" | "no-question";

const THANKS = new Set(
  "thanks thank thankyou thx ty tnx cheers appreciated appreciate ta merci danke".split(" "),
);
const GOODBYE = new Set("bye goodbye byebye cya ciao later goodnight night see ya".split(" "));
const ACKNOWLEDGEMENT = new Set(
  `ok okay okey k kk alright sure fine cool great nice good perfect awesome excellent brilliant lovely super got it
  understood noted yes yep yeah no nope nah lol haha wow`.split(/\s+/),
);
/** Words that may come with them: "thank you so much for the help", "ok, that's great", "see you later, bot". */
const FILLERS = new Set(
  "you so much very lot a again for the your help bot mate all right that thats its is now then really too".split(
    " ",
  ),
);

/** `folded` as foldText gives it; undefined for anything that may be a question. */
export function recogniseSmallTalk(folded: string): SmallTalk | undefined {
  const words = folded.split(" ").filter((word) => word !== "");
  const known = (set: Set<string>) => words.some((word) => set.has(word));
  const kinds = [THANKS, GOODBYE, ACKNOWLEDGEMENT];
  const smallTalk =
    words.length > 0 &&
    words.length <= 8 &&
    kinds.some(known) &&
    words.every((word) => FILLERS.has(word) || kinds.some((set) => set.has(word)));
  if (smallTalk) return known(THANKS) ? "thanks" : known(GOODBYE) ? "goodbye" : "acknowledgement";
  // Nothing left to search for: "what?", "can you?", "???".
  return contentWords(folded).length === 0 ? "no-question" : undefined;
}

const ANSWERS: Record<SmallTalk, string> = {
  thanks: `You're welcome — ask me anything about ISO/IEC 27001 whenever you like, or type "help" to see what I can do.`,
  goodbye: "Bye for now — I'm here whenever you have a question about ISO/IEC 27001.",
  acknowledgement: `Ask me anything about ISO/IEC 27001 whenever you like: in your own words, by a control such as A.8.13, or type "help" to see what I can do.`,
  "no-question": `I didn't find a question in that. Ask me about ISO/IEC 27001 in your own words (for example "how often should we test our backups?"), name a control such as A.8.13, or type "help".`,
};

export function smallTalkAnswer(kind: SmallTalk): Reply {
  const text = ANSWERS[kind];
  return reply(text, [{ type: "paragraph", text }]);
}
