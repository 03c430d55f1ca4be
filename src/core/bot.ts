/**
 * The bot: takes a normalized message from any adapter, works out what is asked, and returns a neutral reply.
 * Every platform (console, Slack, Teams) goes through `handle`, so they all answer alike.
 */

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Catalogue } from "../catalogue/catalogue.js";
import type { ConversationContext } from "../conversations/context.js";
import { idsExplained, withHouseRule, withHouseRules } from "../conversations/house-rule-blocks.js";
import { answerRecordIntent, controlStatusFields } from "../conversations/record-answers.js";
import { recogniseRecordIntent } from "../conversations/record-intents.js";
import { refusal } from "../conversations/refusal.js";
import { handleSubmission } from "../conversations/submit-form.js";
import type { ExportFormat } from "../records/export/formats.js";
import { type ExportSubject, exportRecords } from "../records/exports.js";
import { personKey } from "../records/people-store.js";
import { Permissions } from "../records/permissions.js";
import type { Records } from "../records/records.js";
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
import { topicCard, topicsAnswer } from "./answers/topic-answer.js";
import { recognise } from "./intent.js";
import type { IncomingMessage, Person } from "./message.js";
import { type Reply, reply } from "./reply.js";
import { smallTalkAnswer } from "./small-talk.js";
import { troubleReply } from "./trouble.js";

/** Longer messages are refused with a reason, not searched: no real question is this long. */
export const MAX_MESSAGE_LENGTH = 2000;

function tooLongAnswer(length: number): Reply {
  const text = `That message is too long for me (${length.toLocaleString("en")} characters). Please ask in fewer than ${MAX_MESSAGE_LENGTH.toLocaleString("en")} characters.`;
  return reply(text, [{ type: "notice", tone: "warning", text }]);
}

/** What the bot remembers between messages; the SQLite store implements it. */
export interface BotMemory {
  /** Returns true the first time this person writes. */
  rememberPerson(person: Person, at: Date): boolean;
  /** A question the catalogue answered weakly or not at all, kept so that the catalogue can be improved. */
  recordUnanswered(question: string, best: { id: string; score: number } | undefined, at: Date): void;
}

export interface BotDependencies {
  catalogue: Catalogue;
  search: SearchEngine;
  memory: BotMemory;
  records: Records;
  /** Where exports asked for in chat are written, for the adapter to offer as a download. */
  exportDir: string;
  clock: () => Date;
  /** Told about failures; the person gets a kind answer instead of an error. */
  onError?: (error: unknown) => void;
}

export class Bot {
  private readonly conversations: ConversationContext;

  constructor(private readonly deps: BotDependencies) {
    const { catalogue, search, records, clock, onError } = deps;
    this.conversations = {
      catalogue,
      search,
      records,
      permissions: new Permissions(records),
      clock,
      ...(onError ? { onError } : {}),
    };
  }

  async handle(message: IncomingMessage): Promise<Reply> {
    try {
      return await this.answer(message);
    } catch (error) {
      this.deps.onError?.(error);
      // A busy, full or failing database is named (the person can act on it); anything else gets an apology.
      const troubled = troubleReply(error);
      if (troubled) return troubled;
      const text =
        "Sorry, something went wrong on my side and nothing was saved. Please try again; if it keeps happening, tell your ISMS admin.";
      return reply(text, [{ type: "notice", tone: "warning", text }], "private");
    }
  }

  private async answer(message: IncomingMessage): Promise<Reply> {
    const { memory, clock, records } = this.deps;
    const now = clock();
    const firstTime = memory.rememberPerson(message.from, now);
    const actor = {
      key: personKey(message.from.platform, message.from.userId),
      platform: message.from.platform,
    };
    let answer: Reply;
    let aboutRecords = false;
    if (message.submission) {
      aboutRecords = true;
      answer = handleSubmission(this.conversations, actor, message.submission);
    } else if (message.text.length > MAX_MESSAGE_LENGTH) {
      answer = tooLongAnswer(message.text.length);
    } else {
      const recordIntent = recogniseRecordIntent(message.text);
      aboutRecords = recordIntent !== undefined;
      answer =
        recordIntent?.type === "export"
          ? await this.exportFile(actor.key, recordIntent.what, recordIntent.format)
          : recordIntent
            ? answerRecordIntent(this.conversations, actor, recordIntent)
            : this.answerQuestion(message.text, now, actor.key);
    }
    if ((firstTime || aboutRecords) && records.people.admins().length === 0) {
      const text = `This isms-bot has no ISMS admin yet. To become one, ask whoever runs it to type: isms admin add ${actor.key}`;
      answer = { ...answer, blocks: [{ type: "notice", tone: "info", text }, ...answer.blocks] };
    }
    return answer;
  }

  /** Writes the SoA or the risk register to the export folder and offers it; admins only. */
  private async exportFile(actor: string, what: ExportSubject, format: ExportFormat): Promise<Reply> {
    const decision = this.conversations.permissions.check(actor, { type: "export" });
    if (!decision.allowed) return refusal(decision);
    const stamp = this.deps.clock().toISOString().slice(0, 16).replace(/[-:T]/g, "");
    const name = `${what === "soa" ? "statement-of-applicability" : "risk-register"}-${stamp}.${format}`;
    mkdirSync(this.deps.exportDir, { recursive: true });
    const path = join(this.deps.exportDir, name);
    const count = await exportRecords(this.deps.catalogue, this.deps.records, what, format, path);
    const title =
      what === "soa" ? `Statement of Applicability (${count} controls)` : `Risk register (${count} risks)`;
    return reply(title, [{ type: "file", path, name, title }], "private");
  }

  private answerQuestion(text: string, now: Date, actor: string): Reply {
    const { catalogue, search, memory, records } = this.deps;
    const intent = recognise(catalogue, text);
    switch (intent.type) {
      case "help":
        return helpAnswer();
      case "ids": {
        const answer = idAnswer(catalogue, intent.matches);
        const [only] = intent.matches;
        // An answer about one control or clause opens with our own house rule, or says there is none yet.
        if (intent.matches.length === 1 && only?.type === "clause")
          return withHouseRule(this.conversations, actor, only.clause.id, answer);
        // "What replaced A.6.2.2?" is about the one control that replaced it.
        const [successor, ...more] = only?.type === "legacy" ? only.successors : [];
        if (intent.matches.length === 1 && successor && more.length === 0)
          return withHouseRule(this.conversations, actor, successor.id, answer);
        // "5.1", a 2013 id split in two, several ids: the rules we have for what it explains.
        if (intent.matches.length !== 1 || only?.type !== "control")
          return withHouseRules(this.conversations, idsExplained(intent.matches), answer);
        // A control's answer also shows where we stand on it.
        const id = only.control.id;
        const fields = controlStatusFields(this.conversations, records.controls.get(id));
        const at = answer.blocks.findIndex((block) => block.type === "fields");
        const blocks = [...answer.blocks];
        blocks.splice(at === -1 ? 1 : at, 0, { type: "fields", fields });
        // The first things people do next: hand in evidence, or look around.
        const actions = blocks.findIndex((block) => block.type === "actions");
        const next = [
          { label: `Submit evidence for ${id}`, ask: `submit evidence for ${id}`, style: "primary" as const },
          { label: "Related controls", ask: `related ${id}` },
        ];
        if (actions === -1) blocks.push({ type: "actions", buttons: next });
        else {
          const existing = blocks[actions] as Extract<(typeof blocks)[number], { type: "actions" }>;
          blocks[actions] = { type: "actions", buttons: [...next, ...existing.buttons].slice(0, 6) };
        }
        return withHouseRule(this.conversations, actor, id, { ...answer, blocks });
      }
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
      case "topic":
        return topicCard(catalogue, intent.topic);
      case "topics":
        return topicsAnswer(catalogue);
      case "small-talk":
        return smallTalkAnswer(intent.kind);
      case "search": {
        const hits = search.search(intent.query, 4);
        const best = hits[0];
        if (!best || best.score < CONFIDENT_SCORE) {
          memory.recordUnanswered(intent.query, best && { id: best.entry.id, score: best.score }, now);
        }
        const answer = searchAnswer(catalogue, intent.query.trim(), hits);
        return best && best.score >= CONFIDENT_SCORE && best.entry.kind !== "topic"
          ? withHouseRule(this.conversations, actor, best.entry.id, answer)
          : answer;
      }
    }
  }
}
