/**
 * The local console chat: one message per line in, each reply printed. Interactive on a terminal, and scriptable
 * with piped input (it exits at the end of input). It goes through the same `handle` path as Slack and Teams.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { IncomingMessage } from "../../src/core/message.js";
import type { Button, Reply } from "../../src/core/reply.js";
import { ConsoleForm } from "./console-form.js";
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
  /**
   * Starts the core's reminder schedule with a way to show this person's reminders in the chat (their buttons can
   * be pressed like any other); its first run (the catch-up) is shown before the first question is read.
   */
  reminders?: (show: (reply: Reply) => void) => { ready: Promise<void>; stop: () => Promise<void> };
}

const QUIT = /^(?:quit|exit|bye|\\q)$/i;

export async function runConsoleChat({
  bot,
  input,
  output,
  user,
  interactive,
  reminders,
}: ConsoleChatOptions): Promise<void> {
  const write = (text: string) => output.write(`${text}\n`);
  const reader = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  // Taken at once, so that lines arriving while the first reminders are shown wait in it, not lost.
  const lines = {
    [Symbol.asyncIterator]: (
      (iterator) => () =>
        iterator
    )(reader[Symbol.asyncIterator]()),
  };
  const prompt = () => interactive && output.write("you> ");
  const message = (text: string, submission?: IncomingMessage["submission"]): IncomingMessage => ({
    from: { platform: "console", userId: user, displayName: user },
    conversation: { id: `console:${user}`, kind: "direct" },
    text,
    ...(submission ? { submission } : {}),
  });
  let buttons: Button[] = [];
  let form: ConsoleForm | undefined;
  /** The form just sent; if it comes back with errors, the retry keeps its submission key. */
  let sent: ConsoleForm | undefined;
  let formErrors: Record<string, string> = {};
  let submissions = 0;

  /** Shows a reply; a reply holding a form starts asking its fields. */
  const show = (answer: Reply) => {
    const formBlock = answer.blocks.find((block) => block.type === "form");
    const others = answer.blocks.filter((block) => block.type !== "form");
    const rendered = renderReply({ ...answer, blocks: others });
    buttons = rendered.buttons;
    if (others.length > 0 || !formBlock) write(rendered.text);
    if (formBlock?.type === "form") {
      const retry = sent && formBlock.errors && sent.form.id === formBlock.form.id ? sent : undefined;
      const key = retry ? retry.key : `console:${user}:${Date.now()}:${++submissions}`;
      form = new ConsoleForm(formBlock.form, key, formBlock.errors);
      formErrors = formBlock.errors ?? {};
      write(
        `${plain(formBlock.form.title)} — answer each question; Enter keeps [the value shown], "-" clears it, "cancel" stops.`,
      );
      output.write(form.question(formErrors));
      if (!interactive) output.write("\n");
    } else {
      write("");
    }
  };

  const ask = async (text: string, submission?: IncomingMessage["submission"]) => {
    try {
      show(await bot.handle(message(text, submission)));
    } catch (error) {
      write(`Sorry, I could not answer that (${plain((error as Error).message)}). Please try again.\n`);
    }
  };

  if (interactive) {
    write(
      `isms-bot console — you are "${plain(user)}". Ask about ISO/IEC 27001:2022; "help" for ideas, "quit" to leave.`,
    );
  }
  // A reminder that arrives while a form is being filled in waits until the form is done.
  const waiting: Reply[] = [];
  const showReminder = (reminder: Reply) => {
    if (form) return void waiting.push(reminder);
    write(interactive ? "\n🔔 Reminder" : "🔔 Reminder");
    show(reminder);
    if (interactive) prompt();
  };
  const schedule = reminders?.(showReminder);
  if (schedule) await schedule.ready;
  if (interactive) prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (form) {
      if (!interactive) write(`> ${plain(line)}`);
      if (/^cancel$/i.test(line)) {
        form = undefined;
        write("Cancelled; nothing was saved.\n");
        prompt();
        continue;
      }
      const problem = form.answer(line);
      if (problem) write(`! ${plain(problem)}`);
      if (form.current) {
        output.write(form.question(formErrors));
        if (!interactive) output.write("\n");
        continue;
      }
      const done = form;
      form = undefined;
      sent = done;
      await ask("", {
        formId: done.form.id,
        values: done.submitted,
        key: done.key,
        ...(done.form.context ? { context: done.form.context } : {}),
      });
      if (!form) prompt();
      for (const reminder of waiting.splice(0)) showReminder(reminder);
      continue;
    }
    if (line === "") {
      prompt();
      continue;
    }
    if (QUIT.test(line)) break;
    const pressed = /^[1-9]$/.test(line) ? buttons[Number(line) - 1] : undefined;
    const text = pressed ? pressed.ask : line;
    if (!interactive) write(`> ${plain(text)}`);
    else if (pressed) write(`(${plain(pressed.label)})`);
    await ask(text);
    if (!form) prompt();
  }
  reader.close();
  await schedule?.stop();
}
