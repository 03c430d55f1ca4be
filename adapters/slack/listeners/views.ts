/** Modal submissions: the core validates; errors go back per field, success closes the modal and confirms in a DM. */
import type { App } from "@slack/bolt";
import { formRequest } from "../../../src/conversations/form-request.js";
import type { FormDefinition } from "../../../src/core/forms.js";
import { type SlackCore, slackMessage } from "../context.js";
import { deliverToDm, type ModalMetadata } from "../deliver.js";
import { errorsResponse, uploadedFile, viewStateToValues } from "../render/view-state.js";

/** The form behind a modal, as the core defines it now. */
async function formOf(
  core: SlackCore,
  user: string,
  metadata: ModalMetadata,
): Promise<FormDefinition | undefined> {
  const reply = await core.handle(
    slackMessage(user, user, "im", formRequest(metadata.formId, metadata.context)),
  );
  const block = reply.blocks.find((b) => b.type === "form");
  return block?.type === "form" && block.form.id === metadata.formId ? block.form : undefined;
}

export function registerViews(
  app: App,
  core: SlackCore,
  onRecordsChanged: (user: string) => Promise<void>,
): void {
  app.view(/^form:/, async ({ ack, body, view, client }) => {
    const metadata = JSON.parse(view.private_metadata || "{}") as ModalMetadata;
    const form = await formOf(core, body.user.id, metadata);
    const state = view.state.values as Parameters<typeof viewStateToValues>[1];
    // Forms whose fields cannot be read back are submitted as they are; the core then says what is wrong.
    const values = form ? viewStateToValues(form, state) : {};
    const file = uploadedFile(state);
    if (file) {
      values.fileName ??= file.name;
      values.link ??= file.permalink;
    }
    const reply = await core.handle(
      slackMessage(body.user.id, metadata.channel ?? body.user.id, "im", "", {
        formId: metadata.formId,
        key: metadata.key,
        values,
        ...(metadata.context ? { context: metadata.context } : {}),
      }),
    );
    const again = reply.blocks.find((block) => block.type === "form");
    if (again?.type === "form" && again.errors) return ack(errorsResponse(again.errors));
    await ack();
    await deliverToDm(client, body.user.id, reply);
    // Everyone whose items changed sees it on their Home tab: the submitter, a risk's or control's owner, a submitter.
    const slackUsers = (reply.affects ?? [`slack:${body.user.id}`]).filter((key) => key.startsWith("slack:"));
    for (const key of slackUsers) await onRecordsChanged(key.slice("slack:".length));
  });
}
