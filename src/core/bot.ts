/**
 * The bot: takes a normalized message from any adapter, works out what is asked, and returns a neutral reply.
 * Every platform (console, Slack, Teams) goes through `handle`, so they all answer alike.
 */
import type { Catalogue } from "../catalogue/catalogue.js";
import type { SearchEngine } from "../search/engine.js";
import { helpAnswer } from "./answers/help-answer.js";
import { idAnswer, relatedAnswer } from "./answers/id-answers.js";
import {
  changesAnswer,
  clausesAnswer,
  listAnswer,
  newIn2022Answer,
  themesAnswer,
} from "./answers/overview-answers.js";
import { CONFIDENT_SCORE, searchAnswer } from "./answers/search-answer.js";
import { recognise } from "./intent.js";
import type { IncomingMessage, Person } from "./message.js";
import { type Reply, reply } from "./reply.js";

/** Longer messages are refused with a reason, not searched: no real question is this long. */
export const MAX_MESSAGE_LENGTH = 2000;

function tooLongAnswer(length: number): Reply {
  const text = `That message is too long for me (${length.toLocaleString("en")} characters). Please ask in fewer than ${MAX_MESSAGE_LENGTH.toLocaleString("en")} characters.`;
  return reply(text, [{ type: "notice", tone: "warning", text }]);
}

/** What the bot remembers between messages; the SQLite store implements it. */
export interface BotMemory {
  rememberPerson(person: Person, at: Date): void;
  /** A question the catalogue answered weakly or not at all, kept so that the catalogue can be improved. */
  recordUnanswered(question: string, best: { id: string; score: number } | undefined, at: Date): void;
}

export interface BotDependencies {
  catalogue: Catalogue;
  search: SearchEngine;
  memory: BotMemory;
  clock: () => Date;
}

export class Bot {
  constructor(private readonly deps: BotDependencies) {}

  async handle(message: IncomingMessage): Promise<Reply> {
    const { catalogue, search, memory, clock } = this.deps;
    const now = clock();
    memory.rememberPerson(message.from, now);
    if (message.text.length > MAX_MESSAGE_LENGTH) return tooLongAnswer(message.text.length);
    const intent = recognise(catalogue, message.text);
    switch (intent.type) {
      case "help":
        return helpAnswer();
      case "ids":
        return idAnswer(catalogue, intent.matches);
      case "related":
        return relatedAnswer(catalogue, intent.matches);
      case "list":
        return listAnswer(catalogue, intent.request);
      case "themes":
        return themesAnswer(catalogue);
      case "clauses":
        return clausesAnswer(catalogue);
      case "new-in-2022":
        return newIn2022Answer(catalogue);
      case "changes-2022":
        return changesAnswer(catalogue);
      case "search": {
        const hits = search.search(intent.query, 4);
        const best = hits[0];
        if (!best || best.score < CONFIDENT_SCORE) {
          memory.recordUnanswered(intent.query, best && { id: best.entry.id, score: best.score }, now);
        }
        return searchAnswer(catalogue, intent.query.trim(), hits);
      }
    }
  }
}
