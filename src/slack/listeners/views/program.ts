// Submitting the program modal: validate, create or update, confirm.
import type { App } from "@slack/bolt";
import { validateProgram } from "../../../domain/program.ts";
import { FieldError, userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata, programMetadataSchema } from "../../modals.ts";
import { programBlocks, programInputFrom } from "../../views/program-modal.ts";
import { programSavedModal } from "../../views/programs.ts";
import type { ListenerDeps } from "../deps.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.view(callbackIds.program, async ({ ack, body, view, context, client }) => {
    const userId = body.user.id;
    const { programId } = parseMetadata(programMetadataSchema, view.private_metadata);
    const checked = validateProgram(programInputFrom(ModalValues.parse(view.state.values)));
    if (!checked.ok) {
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(checked.errors)) {
        errors[programBlocks[field as keyof typeof programBlocks]] = message;
      }
      await ack({ response_action: "errors", errors });
      return;
    }
    const workspaceId = workspaceIdOf(context);
    let program: Awaited<ReturnType<typeof services.programs.create>>;
    try {
      program = programId
        ? await services.programs.update(workspaceId, userId, programId, checked.program)
        : await services.programs.create(workspaceId, userId, checked.program);
    } catch (error) {
      logger.error({ err: error, user: userId }, "saving a program failed");
      const block =
        error instanceof FieldError && error.field in programBlocks
          ? programBlocks[error.field as keyof typeof programBlocks]
          : programBlocks.name;
      await ack({ response_action: "errors", errors: { [block]: userMessageOf(error) } });
      return;
    }
    await ack({ response_action: "update", view: programSavedModal(program, !programId) });
    await publishHome(client, services, workspaceId, userId).catch((error: unknown) =>
      logger.warn({ err: error }, "home refresh failed"),
    );
  });
}
