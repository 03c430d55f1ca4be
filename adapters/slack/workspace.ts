/**
 * The app serves one Slack workspace. A request from a person of another workspace (another install of the app, or
 * someone from another organisation in a Slack Connect channel) is refused politely and never reaches the core, as
 * the Teams app refuses other tenants: Slack user ids say nothing about which organisation's ISMS a person belongs to.
 */
import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware, RespondFn } from "@slack/bolt";

export const OTHER_WORKSPACE = "isms-bot serves another Slack workspace, so it cannot answer here.";

/** The workspace of the person behind a request: their own in a shared channel, else the one it came from. */
export function senderWorkspace(body: unknown): string | undefined {
  const b = body as {
    team_id?: unknown;
    event?: { user_team?: unknown; team?: unknown };
    user?: { team_id?: unknown };
    team?: { id?: unknown } | null;
  };
  const found = [b.event?.user_team, b.event?.team, b.user?.team_id, b.team?.id, b.team_id].find(
    (id) => typeof id === "string" && id !== "",
  );
  return found as string | undefined;
}

/** What a modal submitted from another workspace turns into. */
const refusalModal = {
  type: "modal",
  title: { type: "plain_text", text: "isms-bot" },
  blocks: [{ type: "section", text: { type: "plain_text", text: OTHER_WORKSPACE } }],
};

/** Tells the person why nothing happens, on whatever channel the request left open; never throws. */
async function refuse(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  const body = args.body as {
    type?: string;
    command?: string;
    event?: { user?: unknown; channel?: unknown };
    response_url?: string;
  };
  const ack = "ack" in args ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
  if (body.command) return ack?.({ response_type: "ephemeral", text: OTHER_WORKSPACE });
  if (body.type === "block_suggestion") return ack?.({ options: [] });
  if (body.type === "view_submission") return ack?.({ response_action: "update", view: refusalModal });
  await ack?.();
  if (body.response_url && "respond" in args) {
    await (args.respond as RespondFn)({ response_type: "ephemeral", text: OTHER_WORKSPACE }).catch(
      () => undefined,
    );
  } else if (typeof body.event?.channel === "string" && typeof body.event.user === "string") {
    await args.client.chat
      .postEphemeral({ channel: body.event.channel, user: body.event.user, text: OTHER_WORKSPACE })
      .catch(() => undefined);
  }
}

/**
 * Lets through only requests from `ours()`, the workspace served (configured, or that of the bot's own token).
 * Whoever is refused is logged with the workspace they came from, nothing more.
 */
export function onlyOurWorkspace(
  ours: () => Promise<string>,
  log: (line: string) => void,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const theirs = senderWorkspace(args.body);
    if (theirs !== undefined && theirs === (await ours())) return args.next();
    log(`isms-bot refused a Slack request from workspace ${theirs ?? "(none)"}`);
    await refuse(args);
  };
}
