/** Reading what the app sent to the fake connector: the Adaptive Cards in an activity, their text and buttons. */
import type { FakeConnectorCall } from "./fake-connector.js";

export type Json = Record<string, unknown>;

/** The Adaptive Cards attached to a sent or updated activity. */
export function cardsOf(call: FakeConnectorCall | undefined): Json[] {
  const attachments = (call?.body.attachments as { contentType: string; content: Json }[] | undefined) ?? [];
  return attachments
    .filter((attachment) => attachment.contentType === "application/vnd.microsoft.card.adaptive")
    .map((attachment) => attachment.content);
}

function walk(value: unknown, visit: (object: Json) => void): void {
  if (Array.isArray(value)) for (const item of value) walk(item, visit);
  else if (value !== null && typeof value === "object") {
    visit(value as Json);
    for (const child of Object.values(value as Json)) walk(child, visit);
  }
}

/** Every text shown: the cards' text runs, and the activity's own text; one line each. */
export function shownText(call: FakeConnectorCall | undefined): string {
  const texts: string[] = typeof call?.body.text === "string" ? [call.body.text] : [];
  walk(cardsOf(call), (object) => {
    if (object.type === "TextRun" && typeof object.text === "string") texts.push(object.text);
  });
  return texts.join("\n");
}

/** Every Action.Submit and Action.OpenUrl in the cards, in order. */
export function actionsOf(call: FakeConnectorCall | undefined): Json[] {
  const actions: Json[] = [];
  walk(cardsOf(call), (object) => {
    if (object.type === "Action.Submit" || object.type === "Action.OpenUrl") actions.push(object);
  });
  return actions;
}

/** The data of the form's Submit button on a card. */
export function formSubmitData(call: FakeConnectorCall | undefined): Json {
  const submit = actionsOf(call).find((action) => (action.data as Json | undefined)?.isms === "form");
  if (!submit) throw new Error(`no form on the card: ${shownText(call)}`);
  return submit.data as Json;
}

/** The data of the button labelled `title`. */
export function buttonData(call: FakeConnectorCall | undefined, title: string | RegExp): Json {
  const button = actionsOf(call).find((action) =>
    typeof title === "string" ? action.title === title : title.test(String(action.title)),
  );
  if (!button)
    throw new Error(
      `no button ${title}: ${actionsOf(call)
        .map((action) => action.title)
        .join(", ")}`,
    );
  return button.data as Json;
}
