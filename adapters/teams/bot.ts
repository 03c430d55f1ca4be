/** The activity router: one handler per activity family, each in handlers/. */
import { type MessagingExtensionQuery, TeamsActivityHandler, type TurnContext } from "botbuilder";
import type { TeamsDeps } from "./context.js";
import { onInstalled, onMembersAdded } from "./handlers/install.js";
import { onMessage } from "./handlers/messages.js";
import { searchExtension } from "./handlers/search-extension.js";
import { searchMessage } from "./render/search-results.js";

export class IsmsTeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsDeps) {
    super();
    this.onMessage(async (context, next) => {
      await onMessage(deps, context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      onMembersAdded(deps, context);
      await next();
    });
    this.onInstallationUpdate(async (context, next) => {
      onInstalled(deps, context);
      await next();
    });
  }

  /** A failed search still answers within Teams' 5 s, with a message instead of results. */
  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ) {
    try {
      return await searchExtension(this.deps, context, query);
    } catch (error) {
      this.deps.log(`isms-bot Teams search failed: ${error instanceof Error ? error.name : "error"}`);
      return searchMessage("Search is not available just now. Please try again in a moment.");
    }
  }
}
