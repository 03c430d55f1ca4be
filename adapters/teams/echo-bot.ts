/**
 * The comparison app of `npm run bench:teams`: a minimal botbuilder bot (CloudAdapter and an ActivityHandler) that
 * answers each message with its own text, and does nothing else. Served by a plain Node http server through the
 * same request and response shims our Teams app uses, so that the two differ in what the bot does, not in how the
 * bytes arrive. No app id, so no authentication, as our app is run in this benchmark. Run as a child process by the
 * benchmark, with PORT set. It lives here only because nothing outside adapters/teams/ may import botbuilder;
 * the app never loads it.
 */
import { createServer } from "node:http";
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
} from "botbuilder";
import { toBotRequest, toBotResponse } from "./http.js";

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(MessageFactory.text(context.activity.text ?? ""));
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();

const server = createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/api/messages") {
    res.writeHead(404).end();
    return;
  }
  toBotRequest(req)
    .then((request) => adapter.process(request, toBotResponse(res), (context) => bot.run(context)))
    .catch((error: unknown) => {
      process.stderr.write(`echo Teams bot: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
});

const port = Number(process.env.PORT);
server.listen(port, () => process.stdout.write(`echo Teams bot listening on ${port}\n`));
process.once("SIGTERM", () => server.close(() => process.exit(0)));
