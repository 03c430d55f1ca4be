/**
 * Every Slack surface the app handles, in one place: listeners register exactly these, and a test checks them
 * against manifest.yml both ways.
 */
export const SLACK_SURFACES = {
  commands: ["/isms"],
  shortcuts: { global: ["log_risk"], message: ["save_as_evidence"] },
  events: ["app_home_opened", "app_mention", "message.im"],
  /** The Web API methods the code calls, with the bot scope each needs (none for views.* and chat.getPermalink). */
  scopes: {
    "chat.postMessage": "chat:write",
    "chat.postEphemeral": "chat:write",
    "conversations.open": "im:write",
    "files.uploadV2": "files:write",
    "file_input (evidence upload)": "files:read",
    "message.im": "im:history",
    app_mention: "app_mentions:read",
    "slash command and shortcuts": "commands",
  },
  /** Interactivity: buttons, modal submissions and the options load for control pickers. */
  interactivity: true,
  optionsLoad: true,
  homeTab: true,
} as const;
