/**
 * Every Teams surface the app handles, in one place: the bot's command menu (each command is sent as the text a
 * person would type), the messaging extension's commands and the scopes. The manifest is built from, and checked
 * against, this list.
 */
export const TEAMS_SURFACES = {
  scopes: ["personal", "team", "groupChat"],
  botCommands: [
    { title: "help", description: "What I can answer and do" },
    { title: "my open items", description: "Your evidence due, risks to review and items waiting for you" },
    { title: "log a risk", description: "Log a new risk in the risk register" },
    { title: "submit evidence", description: "Hand in evidence for a control or clause" },
    { title: "risks above appetite", description: "Risks whose level is above the risk appetite" },
    { title: "audit readiness", description: "Where the ISMS stands before an audit" },
    { title: "where are we?", description: "Our progress through the six steps to certification (admins)" },
    { title: "house rules", description: "Our own rules and policies, by control" },
    { title: "topics", description: "The standards explained: 27001 vs 27002, the SoA, certification" },
  ],
  messagingExtension: [
    {
      id: "searchControls",
      type: "query",
      title: "Search ISO 27001",
      description: "Find an Annex A control, a clause or a topic and share its card",
      parameter: { name: "query", title: "Control, clause or words", description: "A.8.9, 6.1.3 or backups" },
    },
  ],
} as const;
