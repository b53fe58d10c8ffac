// Submitting a roster: read it, show "importing", enrol everyone, then show the result.
import type { App } from "@slack/bolt";
import { parseRoster } from "../../../domain/roster.ts";
import { userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata, rosterMetadataSchema } from "../../modals.ts";
import { noticeModal, rosterResultModal } from "../../views/programs.ts";
import { importingModal, rosterBlocks } from "../../views/roster-modal.ts";
import type { ListenerDeps } from "../deps.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.view(callbackIds.roster, async ({ ack, body, view, context, client }) => {
    const userId = body.user.id;
    const { programId } = parseMetadata(rosterMetadataSchema, view.private_metadata);
    const text = ModalValues.parse(view.state.values).text(rosterBlocks.rows) ?? "";
    const { rows, problems } = parseRoster(text);
    if (rows.length === 0) {
      const first = problems[0];
      await ack({
        response_action: "errors",
        errors: {
          [rosterBlocks.rows]: first
            ? `Line ${first.line}: ${first.problem}${problems.length > 1 ? ` (and ${problems.length - 1} more lines)` : ""}`
            : "Add at least one person: a Slack member id or an email, then a role.",
        },
      });
      return;
    }
    const workspaceId = workspaceIdOf(context);
    try {
      await services.coordinators.require(workspaceId, userId, "import rosters");
    } catch (error) {
      await ack({ response_action: "errors", errors: { [rosterBlocks.rows]: userMessageOf(error) } });
      return;
    }
    await ack({ response_action: "update", view: importingModal(rows.length) });
    try {
      const program = await services.programs.get(workspaceId, programId);
      const result = await services.programs.importRoster(workspaceId, userId, programId, rows);
      result.problems.unshift(...problems);
      result.problems.sort((a, b) => a.line - b.line);
      await client.views.update({ view_id: body.view.id, view: rosterResultModal(program.name, result) });
    } catch (error) {
      logger.error({ err: error, user: userId }, "roster import failed");
      await client.views
        .update({ view_id: body.view.id, view: noticeModal("Import stopped", userMessageOf(error)) })
        .catch(() => {});
    }
  });
}
