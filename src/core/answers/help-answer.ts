/** The help answer: what the bot can do, with examples people can press. */
import { type Reply, reply } from "../reply.js";

export function helpAnswer(): Reply {
  const examples = [
    "can I work from a café on my laptop?",
    "what does A.8.9 require?",
    "clause 6.1.3",
    "what replaced A.12.1.2?",
    "technological controls for availability",
    "what's new in 2022?",
    "what changed between 2013 and 2022?",
    "what's the difference between 27001 and 27002?",
    "do we need all 93 controls?",
    "house rules",
  ];
  return reply("Ask me about ISO/IEC 27001:2022 in your own words, or name a control or clause.", [
    { type: "heading", text: "I answer questions about ISO/IEC 27001:2022" },
    {
      type: "paragraph",
      text: "Ask in your own words, or name a control (A.8.9), a clause (clause 9.2) or a 2013 control (A.12.1.2). I can also list controls by theme or attribute, explain what changed in the 2022 edition, and explain the standards themselves (say topics).",
    },
    {
      type: "paragraph",
      label: "Our own rules first",
      text: "Where we have a house rule or policy for a control or clause, every answer about it shows ours first. Say house rules to see them all. ISMS admins say set house rule for A.6.7, or load many at once with isms import policies FILE.",
    },
    { type: "list", label: "Try", items: examples },
    {
      type: "actions",
      buttons: [
        { label: "List the themes", ask: "list controls" },
        { label: "List the clauses", ask: "list clauses" },
        { label: "What's new in 2022", ask: "what's new in 2022" },
        { label: "Topics", ask: "topics" },
      ],
    },
  ]);
}
