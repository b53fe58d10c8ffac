// The "which mentorship?" first step of a command for someone in several mentorships: once a
// mentorship is chosen the same modal turns into the form for it; a refusal shows next to the
// choice.
import type { App } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import type { Logger } from "../../logger.ts";
import { userMessageOf } from "../../services/errors.ts";
import { workspaceIdOf } from "../context.ts";
import { ModalValues } from "../modal-values.ts";
import { PAIR_BLOCK } from "../views/pairs.ts";

export function onPairChosen(
  app: App,
  logger: Logger,
  callbackId: string,
  what: string,
  next: (workspaceId: string, slackUserId: string, mentorshipId: string) => Promise<ModalView>,
): void {
  app.view(callbackId, async ({ ack, body, view, context }) => {
    const mentorshipId = ModalValues.parse(view.state.values).option(PAIR_BLOCK);
    if (!mentorshipId) {
      await ack({ response_action: "errors", errors: { [PAIR_BLOCK]: "Choose a mentorship." } });
      return;
    }
    try {
      await ack({
        response_action: "update",
        view: await next(workspaceIdOf(context), body.user.id, mentorshipId),
      });
    } catch (error) {
      logger.warn({ err: error, user: body.user.id }, `${what}: choosing a mentorship failed`);
      await ack({ response_action: "errors", errors: { [PAIR_BLOCK]: userMessageOf(error) } });
    }
  });
}
