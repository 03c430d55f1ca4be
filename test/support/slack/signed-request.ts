/**
 * Signed inbound requests for driving a real Bolt `App` (HTTPReceiver) offline, and builders of the payload
 * shapes Slack sends to `/slack/events`. Ids are fake; the shapes follow Slack's documented payloads.
 *
 * Events are JSON (`eventCallback(...)` returns the envelope object, `postToSlackApp` stringifies it).
 * Slash commands and interactive payloads are form-urlencoded strings (`payload=<JSON>` for interactivity).
 */
import { createHmac, randomBytes } from "node:crypto";

export const TEAM_ID = "T1";
export const TEAM_DOMAIN = "example";
export const APP_ID = "A1";
export const BOT_USER_ID = "UBOT";
export const BOT_ID = "BBOT";
/** The deprecated verification token Slack still puts in payloads; Bolt ignores it. */
export const VERIFICATION_TOKEN = "fake-verification-token";
/**
 * Default `response_url` when a test gives none: a closed local port, so a stray `respond()` fails fast
 * instead of reaching the network. Pass `fake.responseUrl(id)` to record responses.
 */
export const UNSET_RESPONSE_URL = "http://127.0.0.1:9/response/unset";

// ---------------------------------------------------------------------------------------------------------
// Signing and posting

export interface SlackSignatureHeaders {
  "content-type": string;
  "x-slack-request-timestamp": string;
  "x-slack-signature": string;
  [name: string]: string;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`, as Slack signs requests. */
export function slackSignature(body: string, secret: string, timestamp: number): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

function guessContentType(body: string): string {
  return body.trimStart().startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
}

/** Headers Slack would send with `body`; the content type is JSON when the body is a JSON object, else form. */
export function signSlack(
  body: string,
  secret: string,
  timestamp: number = nowSeconds(),
): SlackSignatureHeaders {
  return {
    "content-type": guessContentType(body),
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(body, secret, timestamp),
  };
}

export interface PostToSlackAppOptions {
  /** Overrides the guessed content type. */
  contentType?: string;
  /** Seconds since the epoch; e.g. `nowSeconds() - 400` for a stale request. */
  timestamp?: number;
  /** Sign with a different secret, so the app must answer 401. */
  badSignature?: boolean;
  /** Extra headers, e.g. `{ "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" }`. */
  headers?: Record<string, string>;
}

export interface SlackAppResponse {
  status: number;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  headers: Headers;
}

/** POSTs a signed request to a Bolt HTTP endpoint (e.g. `http://127.0.0.1:<port>/slack/events`). */
export async function postToSlackApp(
  url: string,
  body: string | object,
  secret: string,
  options: PostToSlackAppOptions = {},
): Promise<SlackAppResponse> {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const signed = signSlack(raw, options.badSignature ? `${secret}-wrong` : secret, options.timestamp);
  if (options.contentType !== undefined) signed["content-type"] = options.contentType;
  const response = await fetch(url, {
    method: "POST",
    headers: { ...signed, ...options.headers },
    body: raw,
  });
  const text = await response.text();
  const result: SlackAppResponse = { status: response.status, text, headers: response.headers };
  if (text.length > 0) {
    try {
      result.json = JSON.parse(text);
    } catch {
      // not JSON: leave json unset
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Small generators

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

/** A message timestamp such as "1700000100.000100"; increasing within the test process. */
export function fakeTs(): string {
  const micros = next() * 100;
  return `${1_700_000_100 + Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, "0")}`;
}

export function fakeEventId(): string {
  return `Ev${String(next()).padStart(9, "0")}`;
}

export function fakeTriggerId(): string {
  return `${1_700_000_000_000 + next()}.1.${randomBytes(16).toString("hex")}`;
}

function clientMsgId(): string {
  const hex = randomBytes(16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function blockId(): string {
  return randomBytes(3).toString("base64url").slice(0, 4);
}

function tsToEventTime(ts: string): number {
  return Number(ts.split(".")[0]);
}

/** The rich_text block Slack adds to a typed message. */
function richText(text: string) {
  return [
    {
      type: "rich_text",
      block_id: blockId(),
      elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }],
    },
  ];
}

function userRef(user: string) {
  return { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM_ID };
}

const team = { id: TEAM_ID, domain: TEAM_DOMAIN };

/** Form body Slack uses for interactivity: a single `payload` field holding JSON. */
export function payloadForm(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Inverse of `payloadForm`, to tweak a built payload before posting it. */
export function parsePayloadForm(form: string): Record<string, unknown> {
  const raw = new URLSearchParams(form).get("payload");
  if (raw === null) throw new Error("form has no payload field");
  return JSON.parse(raw) as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------------
// Files (message.files[], file_input values, files.info)

export interface FakeFileInput {
  id: string;
  name?: string;
  title?: string;
  mimetype?: string;
  size?: number;
  user?: string;
  url_private?: string;
  url_private_download?: string;
  permalink?: string;
  [field: string]: unknown;
}

const MIME_BY_EXTENSION: Record<string, [mimetype: string, filetype: string, pretty: string]> = {
  pdf: ["application/pdf", "pdf", "PDF"],
  png: ["image/png", "png", "PNG"],
  jpg: ["image/jpeg", "jpg", "JPEG"],
  jpeg: ["image/jpeg", "jpg", "JPEG"],
  txt: ["text/plain", "text", "Plain Text"],
  csv: ["text/csv", "csv", "CSV"],
  json: ["application/json", "json", "JSON"],
  xlsx: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel Spreadsheet"],
  docx: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word Document"],
};

/** A Slack file object with the usual fields filled in; `input` fields win. */
export function fileObject(input: FakeFileInput) {
  const { id, ...rest } = input;
  const name = input.name ?? `${input.id}.txt`;
  const extension = name.includes(".") ? (name.split(".").pop() ?? "").toLowerCase() : "";
  const [mimetype, filetype, prettyType] = MIME_BY_EXTENSION[extension] ?? [
    "application/octet-stream",
    "binary",
    "Binary",
  ];
  const urlPrivate = `https://files.slack.com/files-pri/${TEAM_ID}-${input.id}/${encodeURIComponent(name)}`;
  return {
    id,
    created: 1_700_000_000,
    timestamp: 1_700_000_000,
    name,
    title: input.title ?? name,
    mimetype: input.mimetype ?? mimetype,
    filetype,
    pretty_type: prettyType,
    user: input.user ?? "U1",
    user_team: TEAM_ID,
    editable: false,
    size: input.size ?? 0,
    mode: "hosted",
    is_external: false,
    external_type: "",
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: "",
    url_private: urlPrivate,
    url_private_download:
      input.url_private ??
      `https://files.slack.com/files-pri/${TEAM_ID}-${input.id}/download/${encodeURIComponent(name)}`,
    permalink: `https://${TEAM_DOMAIN}.slack.com/files/${input.user ?? "U1"}/${input.id}/${encodeURIComponent(name)}`,
    is_starred: false,
    has_rich_preview: false,
    file_access: "visible",
    ...rest,
  };
}

export type SlackFileObject = ReturnType<typeof fileObject>;

// ---------------------------------------------------------------------------------------------------------
// Events API

export interface EventCallbackOptions {
  eventId?: string;
  eventTime?: number;
  teamId?: string;
}

/** The `event_callback` envelope around an inner event. */
export function eventCallback<E extends object>(event: E, options: EventCallbackOptions = {}) {
  const eventTs = (event as { event_ts?: unknown }).event_ts;
  const teamId = options.teamId ?? TEAM_ID;
  return {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    context_team_id: teamId,
    context_enterprise_id: null,
    api_app_id: APP_ID,
    event,
    type: "event_callback" as const,
    event_id: options.eventId ?? fakeEventId(),
    event_time: options.eventTime ?? (typeof eventTs === "string" ? tsToEventTime(eventTs) : nowSeconds()),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ et: "message", tid: teamId, aid: APP_ID })).toString("base64url")}`,
  };
}

/** A direct-message `message` event (`message.im`); the DM channel is "D" + user. */
export function dmMessage(
  user: string,
  text: string,
  ts: string = fakeTs(),
  options: { channel?: string } = {},
) {
  return {
    client_msg_id: clientMsgId(),
    type: "message" as const,
    text,
    user,
    ts,
    blocks: richText(text),
    team: TEAM_ID,
    channel: options.channel ?? `D${user}`,
    event_ts: ts,
    channel_type: "im" as const,
  };
}

/** An `app_mention` event; the text is prefixed with `<@UBOT> ` unless it already mentions the bot. */
export function appMention(user: string, channel: string, text: string, ts: string = fakeTs()) {
  const fullText = text.includes(`<@${BOT_USER_ID}>`) ? text : `<@${BOT_USER_ID}> ${text}`;
  return {
    client_msg_id: clientMsgId(),
    type: "app_mention" as const,
    text: fullText,
    user,
    ts,
    blocks: richText(fullText),
    team: TEAM_ID,
    channel,
    event_ts: ts,
  };
}

/** An `app_home_opened` event for the Home tab (no `view` unless one was published before). */
export function appHomeOpened(user: string, options: { tab?: "home" | "messages"; view?: object } = {}) {
  const eventTs = fakeTs();
  return {
    type: "app_home_opened" as const,
    user,
    channel: `D${user}`,
    tab: options.tab ?? "home",
    ...(options.view === undefined ? {} : { view: options.view }),
    event_ts: eventTs,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Slash commands

export interface SlashCommandOptions {
  command?: string;
  channel?: string;
  channelName?: string;
  responseUrl?: string;
  triggerId?: string;
}

/** Form-urlencoded slash command body (default command `/iso`, channel `C1`). */
export function slashCommand(text: string, user: string, options: SlashCommandOptions = {}): string {
  const channel = options.channel ?? "C1";
  return new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: TEAM_ID,
    team_domain: TEAM_DOMAIN,
    channel_id: channel,
    channel_name: options.channelName ?? (channel.startsWith("D") ? "directmessage" : "general"),
    user_id: user,
    user_name: user.toLowerCase(),
    command: options.command ?? "/iso",
    text,
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: options.responseUrl ?? UNSET_RESPONSE_URL,
    trigger_id: options.triggerId ?? fakeTriggerId(),
  }).toString();
}

// ---------------------------------------------------------------------------------------------------------
// Interactivity

function option(text: string, value: string) {
  return { text: { type: "plain_text", text, emoji: true }, value };
}

/** Values for `viewSubmission`'s `stateValues[blockId][actionId]`, in the shapes Slack sends (strings, nulls). */
export const stateValue = {
  plainText: (value: string | null) => ({ type: "plain_text_input", value }),
  /** Slack sends number_input values as strings. */
  number: (value: string | null) => ({ type: "number_input", value }),
  staticSelect: (value: string | null, text: string = value ?? "") => ({
    type: "static_select",
    selected_option: value === null ? null : option(text, value),
  }),
  externalSelect: (value: string | null, text: string = value ?? "") => ({
    type: "external_select",
    selected_option: value === null ? null : option(text, value),
  }),
  multiStaticSelect: (values: readonly string[]) => ({
    type: "multi_static_select",
    selected_options: values.map((value) => option(value, value)),
  }),
  checkboxes: (values: readonly string[]) => ({
    type: "checkboxes",
    selected_options: values.map((value) => option(value, value)),
  }),
  datepicker: (date: string | null) => ({ type: "datepicker", selected_date: date }),
  usersSelect: (user: string | null) => ({ type: "users_select", selected_user: user }),
  fileInput: (files: readonly FakeFileInput[]) => ({ type: "file_input", files: files.map(fileObject) }),
};

export type StateValues = Record<string, Record<string, object>>;

function modalView(options: {
  viewId: string;
  callbackId: string;
  privateMetadata: string;
  stateValues: StateValues;
  blocks?: readonly object[];
  title?: string;
}) {
  return {
    id: options.viewId,
    team_id: TEAM_ID,
    type: "modal",
    blocks: options.blocks ?? [],
    private_metadata: options.privateMetadata,
    callback_id: options.callbackId,
    state: { values: options.stateValues },
    hash: `1700000000.${randomBytes(4).toString("hex")}`,
    title: { type: "plain_text", text: options.title ?? "Form", emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: { type: "plain_text", text: "Cancel", emoji: true },
    submit: { type: "plain_text", text: "Submit", emoji: true },
    previous_view_id: null,
    root_view_id: options.viewId,
    app_id: APP_ID,
    external_id: "",
    app_installed_team_id: TEAM_ID,
    bot_id: BOT_ID,
  };
}

export interface BlockActionOptions {
  channel?: string;
  messageTs?: string;
  triggerId?: string;
  responseUrl?: string;
  blockId?: string;
  /** The element type; selects carry `selected_option` instead of `value`. */
  actionType?: "button" | "static_select" | "external_select" | "overflow";
  /** The action happened in a modal or Home tab with this view id (no channel, message or response_url). */
  viewId?: string;
  /** The message the button sat on (defaults to a bot message with no blocks). */
  message?: object;
}

/** `block_actions` payload, as a `payload=…` form. */
export function blockAction(
  user: string,
  actionId: string,
  value: string,
  options: BlockActionOptions = {},
): string {
  const actionType = options.actionType ?? "button";
  const actionTs = fakeTs();
  const action = {
    action_id: actionId,
    block_id: options.blockId ?? blockId(),
    ...(actionType === "button"
      ? { text: { type: "plain_text", text: value, emoji: true }, value }
      : { selected_option: option(value, value) }),
    type: actionType,
    action_ts: actionTs,
  };
  const common = {
    type: "block_actions" as const,
    user: userRef(user),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: options.triggerId ?? fakeTriggerId(),
    team,
    enterprise: null,
    is_enterprise_install: false,
  };
  if (options.viewId !== undefined) {
    return payloadForm({
      ...common,
      container: { type: "view", view_id: options.viewId },
      view: modalView({ viewId: options.viewId, callbackId: "", privateMetadata: "", stateValues: {} }),
      state: { values: {} },
      actions: [action],
    });
  }
  const channel = options.channel ?? "C1";
  const messageTs = options.messageTs ?? fakeTs();
  return payloadForm({
    ...common,
    container: { type: "message", message_ts: messageTs, channel_id: channel, is_ephemeral: false },
    channel: { id: channel, name: channel.startsWith("D") ? "directmessage" : "general" },
    message: options.message ?? {
      type: "message",
      subtype: "bot_message",
      text: "",
      ts: messageTs,
      bot_id: BOT_ID,
      user: BOT_USER_ID,
      team: TEAM_ID,
      blocks: [],
    },
    state: { values: {} },
    response_url: options.responseUrl ?? UNSET_RESPONSE_URL,
    actions: [action],
  });
}

export interface ViewSubmissionOptions {
  viewId?: string;
  triggerId?: string;
  blocks?: readonly object[];
  title?: string;
  /** Set when the modal has `response_url_enabled` inputs. */
  responseUrls?: readonly { block_id: string; action_id: string; channel_id: string; response_url: string }[];
}

/** `view_submission` payload, as a `payload=…` form. */
export function viewSubmission(
  user: string,
  callbackId: string,
  privateMetadata: string,
  stateValues: StateValues,
  options: ViewSubmissionOptions = {},
): string {
  return payloadForm({
    type: "view_submission",
    team,
    user: userRef(user),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: options.triggerId ?? fakeTriggerId(),
    view: modalView({
      viewId: options.viewId ?? "V1",
      callbackId,
      privateMetadata,
      stateValues,
      ...(options.blocks === undefined ? {} : { blocks: options.blocks }),
      ...(options.title === undefined ? {} : { title: options.title }),
    }),
    response_urls: options.responseUrls ?? [],
    is_enterprise_install: false,
    enterprise: null,
  });
}

export interface ShortcutMessage {
  text: string;
  ts: string;
  user: string;
  files?: readonly FakeFileInput[];
}

export interface MessageShortcutOptions {
  channel?: string;
  triggerId?: string;
  responseUrl?: string;
}

/** `message_action` payload (a message shortcut), as a `payload=…` form. It has no `api_app_id` and no permalink. */
export function messageShortcut(
  user: string,
  callbackId: string,
  message: ShortcutMessage,
  options: MessageShortcutOptions = {},
): string {
  const channel = options.channel ?? "C1";
  return payloadForm({
    type: "message_action",
    token: VERIFICATION_TOKEN,
    action_ts: fakeTs(),
    team,
    user: userRef(user),
    channel: { id: channel, name: channel.startsWith("D") ? "directmessage" : "general" },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: callbackId,
    trigger_id: options.triggerId ?? fakeTriggerId(),
    response_url: options.responseUrl ?? UNSET_RESPONSE_URL,
    message_ts: message.ts,
    message: {
      client_msg_id: clientMsgId(),
      type: "message",
      text: message.text,
      user: message.user,
      ts: message.ts,
      team: TEAM_ID,
      blocks: richText(message.text),
      ...(message.files === undefined
        ? {}
        : { files: message.files.map(fileObject), upload: false, display_as_bot: false }),
    },
  });
}

/** Global `shortcut` payload, as a `payload=…` form: no channel, no response_url. */
export function globalShortcut(
  user: string,
  callbackId: string,
  triggerId: string = fakeTriggerId(),
): string {
  return payloadForm({
    type: "shortcut",
    token: VERIFICATION_TOKEN,
    action_ts: fakeTs(),
    team,
    user: userRef(user),
    is_enterprise_install: false,
    enterprise: null,
    callback_id: callbackId,
    trigger_id: triggerId,
  });
}

/** `block_suggestion` payload (external_select typing in a modal), as a `payload=…` form. */
export function blockSuggestion(
  user: string,
  actionId: string,
  blockIdValue: string,
  value: string,
  viewId: string,
): string {
  return payloadForm({
    type: "block_suggestion",
    user: userRef(user),
    container: { type: "view", view_id: viewId },
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    action_id: actionId,
    block_id: blockIdValue,
    value,
    team,
    enterprise: null,
    is_enterprise_install: false,
    view: modalView({ viewId, callbackId: "", privateMetadata: "", stateValues: {} }),
  });
}
