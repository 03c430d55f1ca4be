/**
 * The comparison app of `npm run bench:slack`: a minimal Bolt app that answers each DM with its own text, in its
 * thread, and does nothing else. Bolt's own HTTP receiver, acknowledging before the listener runs as ours does in
 * production. Run as a child process by the benchmark, with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL and
 * PORT set.
 */
import { App, LogLevel } from "@slack/bolt";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const app = new App({
  token: env("SLACK_BOT_TOKEN"),
  signingSecret: env("SLACK_SIGNING_SECRET"),
  processBeforeResponse: false,
  clientOptions: { slackApiUrl: env("SLACK_API_URL") },
  logLevel: LogLevel.WARN,
});

app.message(async ({ message, say }) => {
  if (message.subtype !== undefined) return;
  await say({ text: message.text ?? "", thread_ts: message.thread_ts ?? message.ts });
});

const port = Number(env("PORT"));
await app.start(port);
process.stdout.write(`echo Slack app listening on ${port}\n`);
process.once("SIGTERM", () => void app.stop().then(() => process.exit(0)));
