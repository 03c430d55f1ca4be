/**
 * Sends a core reply to Slack: in a thread, or privately (ephemeral in a channel, the DM otherwise); through the
 * interaction's response_url when there is one (it works where the bot is not a member); a form becomes a modal when
 * a trigger is at hand; an export file is uploaded to the person's DM. Reminders go out through their own client,
 * with Slack's errors translated into the core's DeliveryError.
 */
import type { RespondFn } from "@slack/bolt";
import { ErrorCode, type Logger, WebClient } from "@slack/web-api";
import type { Reply } from "../../src/core/reply.js";
import type { PersonKey } from "../../src/records/types.js";
import { DeliveryError } from "../../src/scheduling/delivery-error.js";
import { replyToMessages } from "./render/blocks.js";
import { formToModal } from "./render/modal.js";

export interface Place {
  user: string;
  /** The conversation; none for the Home tab and modals, whose answers go to the person's DM. */
  channel: string | undefined;
  /** "im" for a DM; anything else is a shared conversation. */
  channelType: string | undefined;
  threadTs?: string;
  triggerId?: string;
  /** The interaction's response_url, when Slack gave one. */
  respond?: RespondFn;
}

/** What the modal must remember to submit: the form, its context and one submission key for all its attempts. */
export interface ModalMetadata {
  formId: string;
  key: string;
  context?: Record<string, string>;
  channel?: string;
}

export async function openForm(
  client: WebClient,
  triggerId: string,
  reply: Reply,
  channel?: string,
): Promise<boolean> {
  const block = reply.blocks.find((b) => b.type === "form");
  if (block?.type !== "form") return false;
  const metadata: ModalMetadata = {
    formId: block.form.id,
    key: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
    ...(block.form.context ? { context: block.form.context } : {}),
    ...(channel ? { channel } : {}),
  };
  await client.views.open({
    trigger_id: triggerId,
    view: formToModal(block.form, JSON.stringify(metadata), {
      fileUpload: block.form.id === "submit-evidence",
    }),
  });
  return true;
}

async function directChannel(client: WebClient, user: string): Promise<string> {
  const opened = await client.conversations.open({ users: user });
  return opened.channel?.id ?? user;
}

export async function deliver(client: WebClient, place: Place, reply: Reply): Promise<void> {
  if (place.triggerId && (await openForm(client, place.triggerId, reply, place.channel))) return;
  const channel = place.channel ?? (await directChannel(client, place.user));
  const privately =
    reply.visibility === "private" && place.channelType !== "im" && place.channel !== undefined;
  const thread = place.threadTs ? { thread_ts: place.threadTs } : {};
  for (const message of replyToMessages(reply)) {
    if (place.respond) {
      await place.respond({
        response_type: privately ? "ephemeral" : "in_channel",
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
        ...thread,
      });
    } else if (privately) {
      await client.chat.postEphemeral({
        channel,
        user: place.user,
        text: message.text,
        blocks: message.blocks,
        ...thread,
      });
    } else {
      await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, ...thread });
    }
  }
  await uploadFiles(client, place.user, reply);
}

/** Exports always go to the person's DM, whatever the conversation they were asked in. */
export async function uploadFiles(client: WebClient, user: string, reply: Reply): Promise<void> {
  for (const block of reply.blocks) {
    if (block.type !== "file") continue;
    await client.files.uploadV2({
      channel_id: await directChannel(client, user),
      file: block.path,
      filename: block.name,
      title: block.title,
    });
  }
}

export async function deliverToDm(client: WebClient, user: string, reply: Reply): Promise<void> {
  await deliver(client, { user, channel: undefined, channelType: "im" }, reply);
}

/** Opens the form if the reply is one; otherwise (a refusal, say) tells the person privately. */
export async function openFormOrTell(
  client: WebClient,
  triggerId: string,
  reply: Reply,
  user: string,
  channel?: string,
): Promise<void> {
  if (await openForm(client, triggerId, reply, channel)) return;
  await deliverToDm(client, user, { ...reply, visibility: "private" });
}

/** Slack's answers that mean the person cannot be reached in a DM, whatever we send. */
const UNREACHABLE = new Set([
  "channel_not_found",
  "user_not_found",
  "users_not_found",
  "account_inactive",
  "user_disabled",
  "cannot_dm_bot",
]);

/** Translates a WebClient error into the core's words, so the paced sender can tell what is worth retrying. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const coded = error as {
    code?: unknown;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
  };
  switch (coded.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryError("rate-limited", `Slack rate limit, retry after ${coded.retryAfter} s`, {
        ...(typeof coded.retryAfter === "number" ? { retryAfterMs: coded.retryAfter * 1000 } : {}),
        cause: error,
      });
    case ErrorCode.HTTPError:
      return new DeliveryError(
        (coded.statusCode ?? 0) >= 500 ? "server" : "rejected",
        `Slack answered HTTP ${coded.statusCode}`,
        { cause: error },
      );
    case ErrorCode.RequestError:
      // No answer at all (network down, connection reset): likely to pass, like a server error.
      return new DeliveryError("server", `Slack could not be reached: ${(error as Error).message}`, {
        cause: error,
      });
    case ErrorCode.PlatformError: {
      const code = coded.data?.error ?? "unknown_error";
      return new DeliveryError(UNREACHABLE.has(code) ? "unreachable" : "rejected", `Slack refused: ${code}`, {
        cause: error,
      });
    }
    default:
      return new DeliveryError("rejected", error instanceof Error ? error.message : String(error), {
        cause: error,
      });
  }
}

/**
 * The client for reminders: it neither retries nor waits on a rate limit by itself, so the core's paced sender
 * owns both (and a failed reminder returns to the ledger instead of blocking the run for half an hour).
 */
export function reminderClient(botToken: string, apiUrl?: string, logger?: Logger): WebClient {
  return new WebClient(botToken, {
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    ...(logger ? { logger } : {}),
  });
}

/** Sends a reminder to a Slack person's DM; someone on another platform is unreachable from here. */
export async function deliverReminder(client: WebClient, recipient: PersonKey, reply: Reply): Promise<void> {
  if (!recipient.startsWith("slack:")) {
    throw new DeliveryError("unreachable", `${recipient} is not a Slack user`);
  }
  try {
    await deliverToDm(client, recipient.slice("slack:".length), reply);
  } catch (error) {
    throw toDeliveryError(error);
  }
}
