/** The normalized incoming message: what every adapter hands to the core, whatever platform it came from. */
import type { SubmittedValues } from "./forms.js";

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
  /** A filled-in form, when the message is a form submission rather than text. */
  submission?: FormSubmission;
}

export interface FormSubmission {
  formId: string;
  values: SubmittedValues;
  /** The same key for every attempt at one form, so that a double submit creates one record. */
  key: string;
  context?: Record<string, string>;
}
