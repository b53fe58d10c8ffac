// Submitting the goal forms: "Add a goal", a recalibration, and "whose goals?" for someone in
// several mentorships. A problem shows next to its field with everything typed kept. Once saved,
// the person sees the pair's goals: the goals modal underneath is refreshed (when the form was
// pushed on top of it), or the form turns into it.

import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.ts";
import { FieldError, UserError, userMessageOf } from "../../../services/errors.ts";
import type { GoalChange } from "../../../services/goals.ts";
import { goalFields, type RevisionInput } from "../../../services/goals.ts";
import { workspaceIdOf } from "../../context.ts";
import { callbackIds, goalIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata } from "../../modals.ts";
import {
  goalFormBlockOf,
  goalMetadataSchema,
  goalsModal,
  milestoneBlockIds,
  reviseMetadataSchema,
} from "../../views/goals.ts";
import { refreshHomes } from "../actions/goals.ts";
import type { ListenerDeps } from "../deps.ts";
import { onPairChosen } from "../pair-choice.ts";

type ViewArgs = Parameters<Parameters<App["view"]>[1]>[0];

/**
 * The error next to its field when the form has it, else next to `fallback`. `blockOf` names a
 * field's block when they differ (the goal form's milestone rows after a suggestion).
 */
function errorsFor(
  error: unknown,
  view: { blocks: unknown[] },
  fallback: string,
  blockOf: (field: string) => string = (f) => f,
): Record<string, string> {
  const blockIds = new Set(view.blocks.map((b) => (b as { block_id?: string }).block_id));
  const field = error instanceof FieldError ? blockOf(error.field) : undefined;
  const block = field && blockIds.has(field) ? field : fallback;
  return { [block]: userMessageOf(error) };
}

function logFailure(logger: Logger, error: unknown, user: string, what: string): void {
  if (error instanceof UserError) logger.info({ user, reason: error.message }, `${what} refused`);
  else logger.error({ err: error, user }, `${what} failed`);
}

export function register(app: App, { services, logger }: ListenerDeps): void {
  /** After a save: the goals modal the form came from is refreshed, or the form becomes it. */
  async function showGoals(
    args: Pick<ViewArgs, "ack" | "body" | "client" | "context">,
    parent: string | undefined,
    change: GoalChange,
  ): Promise<void> {
    const workspaceId = workspaceIdOf(args.context);
    const overview = await services.goals.overview(workspaceId, args.body.user.id, change.mentorshipId);
    if (parent) {
      await args.ack();
      await args.client.views
        .update({ view_id: parent, view: goalsModal(overview) })
        .catch((error: unknown) => logger.warn({ err: error }, "could not refresh the goals modal"));
    } else {
      await args.ack({ response_action: "update", view: goalsModal(overview) });
    }
    await refreshHomes(args.client, services, logger, workspaceId, change.pair);
  }

  app.view(callbackIds.goal, async (args) => {
    const { ack, body, view, context } = args;
    const meta = parseMetadata(goalMetadataSchema, view.private_metadata);
    const values = ModalValues.parse(view.state.values);
    const round = meta.round ?? 0;
    const suggested = meta.suggested?.rows ?? [];
    const milestones = [1, 2, 3].map((n) => {
      const ids = milestoneBlockIds(n, round);
      // Slack has been seen leaving inputs filled by an update out of state.values when untouched:
      // such a row still holds its suggestion. A row present but empty was cleared by the person.
      const fromSuggestion = suggested.find((r) => r.row === n - 1);
      if (fromSuggestion && !(ids.title in view.state.values)) {
        return { title: fromSuggestion.title, targetDate: fromSuggestion.date ?? undefined };
      }
      return { title: values.text(ids.title), targetDate: values.date(ids.date) };
    });
    // Truthful about AI: set only when a row AI filled is saved (as suggested, or edited).
    const aiSuggested =
      meta.suggested?.by === "ai" && suggested.some((r) => milestones[r.row]?.title !== undefined);
    let change: GoalChange;
    try {
      change = await services.goals.addGoal(workspaceIdOf(context), body.user.id, meta.mentorship, {
        title: values.text(goalFields.title) ?? "",
        kind: values.option(goalFields.kind) ?? "",
        why: values.text(goalFields.why),
        targetDate: values.date(goalFields.target),
        milestones,
        aiSuggested,
      });
    } catch (error) {
      logFailure(logger, error, body.user.id, "adding a goal");
      const errors = errorsFor(error, view, goalFields.title, (f) => goalFormBlockOf(f, round));
      await ack({ response_action: "errors", errors });
      return;
    }
    await showGoals(args, meta.parent, change);
  });

  app.view(callbackIds.reviseGoal, async (args) => {
    const { ack, body, view, context } = args;
    const meta = parseMetadata(reviseMetadataSchema, view.private_metadata);
    const values = ModalValues.parse(view.state.values);
    const input: RevisionInput = {
      title: values.text(goalFields.title) ?? "",
      milestones: meta.editable.map((id) => ({
        id,
        title: values.text(goalFields.existingTitle(id)),
        targetDate: values.date(goalFields.existingDate(id)),
        status: values.option(goalFields.existingStatus(id)) === "SKIPPED" ? "SKIPPED" : "OPEN",
      })),
      ...(meta.canAdd
        ? { added: { title: values.text(goalFields.newTitle), targetDate: values.date(goalFields.newDate) } }
        : {}),
      drop: values.options(goalFields.drop).length > 0,
      reason: values.text(goalFields.reason) ?? "",
    };
    let change: GoalChange;
    try {
      change = await services.goals.revise(workspaceIdOf(context), body.user.id, meta.goal, input);
    } catch (error) {
      logFailure(logger, error, body.user.id, "recalibrating a goal");
      await ack({ response_action: "errors", errors: errorsFor(error, view, goalFields.reason) });
      return;
    }
    await showGoals(args, meta.parent, change);
  });

  onPairChosen(app, logger, goalIds.pickPair, "showing goals", async (workspaceId, userId, mentorshipId) =>
    goalsModal(await services.goals.overview(workspaceId, userId, mentorshipId)),
  );
}
