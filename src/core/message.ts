/** The normalized incoming message: what every adapter hands to the core, whatever platform it came from. */

export interface Person {
  /** The platform the person writes from: "console", "slack", "teams". */
  platform: string;
  /** The person's id on that platform ("U024BE7LH", an AAD object id, or the console user name). */
  userId: string;
  displayName?: string;
}

export interface IncomingMessage {
  from: Person;
  /** Where the message was written; replies go back there. */
  conversation: { id: string; kind: "direct" | "channel" };
  text: string;
}
