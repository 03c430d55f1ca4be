/** The `isms` command line: start the bot, chat in the console, search the catalogue, show a control or clause. */

import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { Command, CommanderError } from "commander";
import { runConsoleChat } from "../adapters/console/console-chat.js";
import { plain, renderReply } from "../adapters/console/render.js";
import { clauseCard, controlCard } from "../src/core/answers/cards.js";
import { idAnswer } from "../src/core/answers/id-answers.js";
import type { Reply } from "../src/core/reply.js";
import { lookup } from "../src/search/lookup.js";
import { addBackupCommands } from "./backup-commands.js";
import { addCalendarCommands } from "./calendar-commands.js";
import { type Config, secretsOf } from "./config.js";
import { consoleReminders } from "./console-reminders.js";
import { type Knowledge, loadKnowledge, startBot } from "./context.js";
import { describeFailure, UsageError } from "./errors.js";
import { clauseArgument, controlArgument } from "./id-arguments.js";
import { createLogger, describeError } from "./log.js";
import { positiveInteger } from "./options.js";
import { addRecordCommands } from "./record-commands.js";
import { startPlatforms } from "./start-platforms.js";
import { addTeamsPackageCommand } from "./teams-package.js";

export interface CliIO {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  /** The operating-system user, whom the console chat acts as unless --as says otherwise. */
  osUser: string;
}

async function* linesOf(input: Readable): AsyncGenerator<string> {
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim() !== "") yield line.trim();
  }
}

export function buildProgram(config: Config, io: CliIO): Command {
  let knowledge: Knowledge | undefined;
  const know = () => {
    knowledge ??= loadKnowledge(config);
    return knowledge;
  };
  const print = (text: string): void => {
    io.stdout.write(`${text}\n`);
  };

  const start = async (options: { as?: string; reminders?: boolean }) => {
    if (!config.slack && !config.teams) return chat(options);
    // The bot's log: JSON lines on stdout, for whatever collects the container's or service's output.
    const logger = createLogger({
      level: config.logLevel ?? "info",
      destination: io.stdout,
      secrets: secretsOf(config),
    });
    const stop = await startPlatforms(config, { logger });
    // Runs until the process is told to stop; then stops gracefully, within a bounded time.
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    // Another signal while stopping changes nothing (`npm start` passes one Ctrl-C on as a second SIGINT).
    const again = (next: NodeJS.Signals) => logger.info({ signal: next }, "already shutting down");
    process.on("SIGINT", again);
    process.on("SIGTERM", again);
    logger.info({ signal }, "shutting down");
    await stop();
    logger.info("stopped");
  };

  const chat = async (options: { as?: string; reminders?: boolean }) => {
    // stdout is the conversation: the log goes to stderr, and only when LOG_LEVEL asks for it.
    const logger = createLogger({
      level: config.logLevel ?? "silent",
      destination: io.stderr,
      secrets: secretsOf(config),
    });
    const { bot, close, records } = startBot(config, undefined, (error) =>
      logger.error({ component: "bot", err: describeError(error) }, "a message could not be answered"),
    );
    const user = options.as ?? io.osUser;
    const interactive = io.stdin.isTTY === true;
    try {
      await runConsoleChat({
        bot,
        input: io.stdin,
        output: io.stdout,
        user,
        interactive,
        // The console person's reminders appear in the chat; everyone else's stay due for their own platform.
        ...((options.reminders ?? interactive)
          ? { reminders: (show: (reply: Reply) => void) => consoleReminders(records, user, show) }
          : {}),
      });
    } finally {
      close();
    }
  };

  const program = new Command("isms")
    .description("isms-bot: an ISO/IEC 27001:2022 assistant for Slack, Microsoft Teams and the console")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) =>
        write(
          `isms: ${plain(
            text
              .replace(/^error: /, "")
              .replace(/\s*\n\s*/g, " ")
              .trim(),
          )}\n`,
        ),
    });

  program
    .command("start")
    .description(
      "start the bot: Slack and/or Teams when configured (one process, one port); else the console chat",
    )
    .option("--as <name>", "in the console chat, act as this person")
    .option("--reminders", "in the console chat, show your reminders (the default on a terminal)")
    .option("--no-reminders", "in the console chat, do not show reminders")
    .action(start);

  program
    .command("chat")
    .description("chat with the bot in this terminal (reads one message per line when input is piped)")
    .option("--as <name>", "act as this person")
    .option("--reminders", "show your reminders in the chat (the default on a terminal)")
    .option("--no-reminders", "do not show reminders")
    .action(chat);

  program
    .command("search")
    .description(
      "search controls, clauses and topics; with no query, read one query per line and print JSON lines",
    )
    .argument("[query...]", "what to look for, in any words")
    .option("--json", "print JSON")
    .option("--limit <n>", "how many results", positiveInteger, 5)
    .action(async (words: string[], options: { json?: boolean; limit: number }) => {
      const { catalogue, search } = know();
      const answer = (query: string) => ({ query, results: lookup(catalogue, search, query, options.limit) });
      if (words.length === 0) {
        if (io.stdin.isTTY)
          throw new UsageError("give a query, or pipe one query per line into isms search.");
        for await (const query of linesOf(io.stdin)) print(JSON.stringify(answer(query)));
        return;
      }
      const result = answer(words.join(" ").trim());
      if (result.query === "") throw new UsageError("give a query, for example: isms search backup");
      if (options.json) return print(JSON.stringify(result, null, 2));
      if (result.results.length === 0) return print(`Nothing found for "${plain(result.query)}".`);
      for (const hit of result.results) {
        print(
          `${hit.id.padEnd(8)} ${hit.score.toFixed(2)}  ${hit.title}${hit.note ? `  (${hit.note})` : ""}`,
        );
      }
    });

  program
    .command("control")
    .description("show an Annex A control (A.8.9, 8.9) or what replaced a 2013 control (A.12.1.2)")
    .argument("<id>")
    .option("--json", "print the full record as JSON")
    .action((raw: string, options: { json?: boolean }) => {
      const { catalogue, search } = know();
      const found = controlArgument(catalogue, search, raw);
      if ("control" in found) {
        return print(
          options.json
            ? JSON.stringify(found.control, null, 2)
            : renderReply(controlCard(catalogue, found.control)).text,
        );
      }
      if (options.json) {
        const { legacy, successors } = found;
        return print(
          JSON.stringify({ id2013: legacy.id, title2013: legacy.title, replacedBy: successors }, null, 2),
        );
      }
      print(renderReply(idAnswer(catalogue, [{ type: "legacy", ...found }])).text);
    });

  program
    .command("clause")
    .description("show a clause of ISO/IEC 27001:2022 (4 to 10.2)")
    .argument("<id>")
    .option("--json", "print the full record as JSON")
    .action((raw: string, options: { json?: boolean }) => {
      const { catalogue } = know();
      const clause = clauseArgument(catalogue, know().search, raw);
      print(options.json ? JSON.stringify(clause, null, 2) : renderReply(clauseCard(catalogue, clause)).text);
    });

  addRecordCommands(program, { config, io, know, print });
  addCalendarCommands(program, { config, io, know, print });
  addTeamsPackageCommand(program, { publicUrl: config.publicUrl, print });
  addBackupCommands(program, { config, print });

  return program;
}

/** Runs the command line and returns the exit code; every failure is one line on stderr, never a stack trace. */
export async function runCli(argv: string[], config: Config | (() => Config), io: CliIO): Promise<number> {
  try {
    // The configuration is read here, so that a bad variable is reported like any other failure: one line.
    const program = buildProgram(typeof config === "function" ? config() : config, io);
    await program.parseAsync(argv.length === 0 ? ["start"] : argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its own one-line message already; help and version exit with 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    const { message, exitCode } = describeFailure(error);
    // What people typed is echoed in messages: one line, with no terminal control characters.
    io.stderr.write(`isms: ${plain(message.replace(/\s*\n\s*/g, " "))}\n`);
    return exitCode;
  }
}
