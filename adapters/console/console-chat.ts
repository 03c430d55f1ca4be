/**
 * The local console chat: one message per line in, each reply printed. Interactive on a terminal, and scriptable
 * with piped input (it exits at the end of input). It goes through the same `handle` path as Slack and Teams.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { IncomingMessage } from "../../src/core/message.js";
import type { Button, Reply } from "../../src/core/reply.js";
import { plain, renderReply } from "./render.js";

export interface ChatHandler {
  handle(message: IncomingMessage): Promise<Reply>;
}

export interface ConsoleChatOptions {
  bot: ChatHandler;
  input: Readable;
  output: Writable;
  /** Who is typing: the console acts as this person. */
  user: string;
  /** A terminal session: greet, prompt, and echo nothing. Piped sessions echo each question before its answer. */
  interactive: boolean;
}

const QUIT = /^(?:quit|exit|bye|\\q)$/i;

export async function runConsoleChat({
  bot,
  input,
  output,
  user,
  interactive,
}: ConsoleChatOptions): Promise<void> {
  const write = (text: string) => output.write(`${text}\n`);
  const lines = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  const prompt = () => interactive && output.write("you> ");
  let buttons: Button[] = [];
  if (interactive) {
    write(
      `isms-bot console — you are "${plain(user)}". Ask about ISO/IEC 27001:2022; "help" for ideas, "quit" to leave.`,
    );
    prompt();
  }
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "") {
      prompt();
      continue;
    }
    if (QUIT.test(line)) break;
    const pressed = /^[1-9]$/.test(line) ? buttons[Number(line) - 1] : undefined;
    const text = pressed ? pressed.ask : line;
    if (!interactive) write(`> ${plain(text)}`);
    else if (pressed) write(`(${plain(pressed.label)})`);
    try {
      const rendered = renderReply(
        await bot.handle({
          from: { platform: "console", userId: user, displayName: user },
          conversation: { id: `console:${user}`, kind: "direct" },
          text,
        }),
      );
      buttons = rendered.buttons;
      write(`${rendered.text}\n`);
    } catch (error) {
      write(`Sorry, I could not answer that (${plain((error as Error).message)}). Please try again.\n`);
    }
    prompt();
  }
  lines.close();
}
