/**
 * Sends a core reply to Slack: in a thread, or privately (ephemeral in a channel, the DM otherwise); through the
 * interaction's response_url when there is one (it works where the bot is not a member); a form becomes a modal when
 * a trigger is at hand; an export file is uploaded to the person's DM.
 */
import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Reply } from "../../src/core/reply.js";
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
