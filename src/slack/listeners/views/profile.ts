// Submitting the profile modal: validate, save (joining and enrolling), confirm, refresh Home.
import type { App } from "@slack/bolt";
import { validateProfile } from "../../../domain/profile.ts";
import { describeRole } from "../../../domain/roles.ts";
import { FieldError, userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata, profileMetadataSchema } from "../../modals.ts";
import {
  profileBlocks,
  profileErrorBlock,
  profileInputFrom,
  profileSavedModal,
} from "../../views/profile-modal.ts";
import type { ListenerDeps } from "../deps.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.view(callbackIds.profile, async ({ ack, body, view, context, client }) => {
    const userId = body.user.id;
    const metadata = parseMetadata(profileMetadataSchema, view.private_metadata);
    // The AI checkbox is only in the modal when AI is set up; without it the choice stays as it was.
    const aiShown = view.state.values[profileBlocks.aiOptIn] !== undefined;
    const checked = validateProfile(profileInputFrom(ModalValues.parse(view.state.values), aiShown));
    if (!checked.ok) {
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(checked.errors)) {
        errors[profileErrorBlock[field as keyof typeof profileErrorBlock]] = message;
      }
      await ack({ response_action: "errors", errors });
      return;
    }
    const workspaceId = workspaceIdOf(context);
    let saved: Awaited<ReturnType<typeof services.members.saveProfile>>;
    try {
      saved = await services.members.saveProfile(workspaceId, userId, checked.profile, metadata.programId);
    } catch (error) {
      logger.error({ err: error, user: userId }, "saving a profile failed");
      // Keep the modal open with everything typed; say what went wrong next to the first field.
      const block =
        error instanceof FieldError
          ? (profileBlocks[error.field as keyof typeof profileBlocks] ?? profileBlocks.role)
          : profileBlocks.role;
      await ack({ response_action: "errors", errors: { [block]: userMessageOf(error) } });
      return;
    }
    await ack({
      response_action: "update",
      view: profileSavedModal(saved, describeRole(checked.profile.role)),
    });
    await publishHome(client, services, workspaceId, userId).catch((error: unknown) =>
      logger.warn({ err: error }, "home refresh failed"),
    );
  });
}
