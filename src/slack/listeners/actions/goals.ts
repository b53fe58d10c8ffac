// Goal buttons, wherever they are clicked: a DM (the milestone reminder, the pair's celebration),
// the goals modal, or the Home tab. "See goals", "Add a goal" and "Recalibrate" open a modal (on
// top of the goals modal when clicked in it); "Mark done" ticks a milestone off and refreshes
// what the person is looking at. "Suggest milestones" in the goal form acks at once, asks for
// suggestions (AI or Tandem's own, bounded by the AI client's timeout), then redraws the form with
// everything typed kept and the suggestions in the milestone rows.

import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { freeRows, type MilestoneRow, placeSuggestions } from "../../../ai/goal-coaching.ts";
import type { GoalKind } from "../../../generated/prisma/enums.ts";
import type { Logger } from "../../../logger.ts";
import { goalFields, NEW_GOAL_MILESTONE_ROWS } from "../../../services/goals.ts";
import type { Services } from "../../../services/index.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { actionIds, callbackIds, goalIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata } from "../../modals.ts";
import {
  type GoalFormDraft,
  type GoalMetadata,
  goalMetadataSchema,
  goalModal,
  goalsModal,
  markedDoneMessage,
  milestoneBlockIds,
  reviseModal,
  type SuggestionNote,
} from "../../views/goals.ts";
import type { ListenerDeps } from "../deps.ts";
import { type ButtonArgs, onButton, tellUser, updateOpenModal } from "../respond.ts";

type ModalView = Parameters<WebClient["views"]["open"]>[0]["view"];

/** The open modal a button was clicked in, or undefined (a message or the Home tab). */
function clickedModal(body: ButtonArgs["body"]) {
  return body.view?.type === "modal" ? body.view : undefined;
}

/** The goals modal the click came from, to refresh it after a form pushed on top is saved. */
function goalsParentOf(body: ButtonArgs["body"]): string | undefined {
  const view = clickedModal(body);
  return view?.callback_id === goalIds.goalsView ? view.id : undefined;
}

/** Opens a modal, or pushes it on top when the click came from a modal. */
async function showModal(client: WebClient, body: ButtonArgs["body"], view: ModalView): Promise<void> {
  if (clickedModal(body)) await client.views.push({ trigger_id: body.trigger_id, view });
  else await client.views.open({ trigger_id: body.trigger_id, view });
}

/** Re-publishes both people's Home after a change (best effort: the change is saved). */
export function refreshHomes(
  client: WebClient,
  services: Services,
  logger: Logger,
  workspaceId: string,
  slackUserIds: string[],
): Promise<void> {
  return Promise.all(
    slackUserIds.map((id) =>
      publishHome(client, services, workspaceId, id).catch((error: unknown) =>
        logger.warn({ err: error, user: id }, "could not refresh Home after a goal change"),
      ),
    ),
  ).then(() => {});
}

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(
    app,
    logger,
    actionIds.openGoals,
    "opening goals",
    async ({ action, body, client, context }, where) => {
      const overview = await services.goals.overview(
        workspaceIdOf(context),
        where.userId,
        action.value ?? "",
      );
      await showModal(client, body, goalsModal(overview));
    },
  );

  onButton(
    app,
    logger,
    actionIds.addGoal,
    "opening the goal form",
    async ({ action, body, client, context }, where) => {
      const form = await services.goals.goalForm(workspaceIdOf(context), where.userId, action.value ?? "");
      const parent = goalsParentOf(body);
      await showModal(
        client,
        body,
        goalModal(form, { mentorship: form.mentorshipId, ...(parent ? { parent } : {}) }),
      );
    },
  );

  onButton(
    app,
    logger,
    actionIds.suggestMilestones,
    "suggesting milestones",
    async ({ body, client, context }, where) => {
      const view = clickedModal(body);
      if (!view || view.callback_id !== callbackIds.goal) return;
      const workspaceId = workspaceIdOf(context);
      const meta = parseMetadata(goalMetadataSchema, view.private_metadata);
      const round = meta.round ?? 0;
      const values = ModalValues.parse(view.state?.values);
      const kind = values.option(goalFields.kind);
      const draft: GoalFormDraft = {
        title: values.text(goalFields.title),
        kind: kind === "PERSONAL" || kind === "PROFESSIONAL" ? (kind as GoalKind) : undefined,
        why: values.text(goalFields.why),
        targetDate: values.date(goalFields.target),
        milestones: Array.from({ length: NEW_GOAL_MILESTONE_ROWS }, (_, i): MilestoneRow => {
          const ids = milestoneBlockIds(i + 1, round);
          return { title: values.text(ids.title), targetDate: values.date(ids.date) };
        }),
      };
      const form = await services.goals.goalForm(workspaceId, where.userId, meta.mentorship);
      const show = (next: GoalMetadata, shown: GoalFormDraft, note: SuggestionNote) =>
        updateOpenModal(client, logger, view, goalModal(form, next, shown, note), where.userId);
      if (!draft.title) {
        // Nothing to work from yet: say so in the form, next to the button, with nothing lost.
        await show(meta, draft, { hint: "Type your goal above first, then press Suggest milestones." });
        return;
      }
      const previous = meta.suggested?.rows ?? [];
      if (freeRows(draft.milestones, previous).length === 0) {
        await show(meta, draft, {
          hint: "Every milestone row is in use: clear one to make room for a suggestion.",
        });
        return;
      }
      const suggestion = await services.goals.suggestMilestones(
        workspaceId,
        where.userId,
        meta.mentorship,
        { title: draft.title, kind: draft.kind ?? "", why: draft.why, targetDate: draft.targetDate },
        services.ai,
      );
      const placed = placeSuggestions(draft.milestones, previous, suggestion.milestones);
      const next: GoalMetadata = {
        ...meta,
        round: round + 1,
        suggested: {
          by: suggestion.by,
          rows: placed.filled.map((row) => ({
            row,
            title: placed.rows[row]?.title ?? "",
            date: placed.rows[row]?.targetDate ?? null,
          })),
        },
      };
      const note: SuggestionNote =
        suggestion.by === "ai" ? { by: "ai" } : { by: "local", reason: suggestion.reason };
      await show(next, { ...draft, milestones: placed.rows }, note);
    },
  );

  onButton(
    app,
    logger,
    actionIds.reviseGoal,
    "opening a goal's recalibration",
    async ({ action, body, client, context }, where) => {
      const form = await services.goals.revisionForm(
        workspaceIdOf(context),
        where.userId,
        action.value ?? "",
      );
      const parent = goalsParentOf(body);
      const editable = form.milestones.filter((ms) => ms.status !== "DONE").map((ms) => ms.id);
      await showModal(
        client,
        body,
        reviseModal(form, {
          goal: form.goalId,
          mentorship: form.mentorshipId,
          editable,
          canAdd: form.canAddMilestone,
          ...(parent ? { parent } : {}),
        }),
      );
    },
  );

  onButton(
    app,
    logger,
    actionIds.milestoneDone,
    "marking a milestone done",
    async ({ action, body, client, context }, where) => {
      const workspaceId = workspaceIdOf(context);
      const result = await services.goals.markDone(workspaceId, where.userId, action.value ?? "");
      const modal = clickedModal(body);
      if (modal?.callback_id === goalIds.goalsView) {
        // The goals modal shows the tick at once; a conflicting update means it changed meanwhile,
        // and the fresh content is still the right one to show.
        const view = goalsModal(
          await services.goals.overview(workspaceId, where.userId, result.mentorshipId),
        );
        await client.views
          .update({ view_id: modal.id, hash: modal.hash, view })
          .catch(() => client.views.update({ view_id: modal.id, view }));
      } else if (where.inMessage) {
        // The reminder's buttons give way to what was recorded; a message listing several
        // milestones keeps its other buttons, and the answer comes as a reply only they see.
        type Element = { action_id?: string };
        const blocks = (body.message?.blocks ?? []) as Array<{ elements?: Element[]; accessory?: Element }>;
        const doneButtons = blocks
          .flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])])
          .filter((e) => e.action_id === actionIds.milestoneDone).length;
        await tellUser(where, markedDoneMessage(result), doneButtons <= 1);
      } else if (modal) {
        await tellUser(where, markedDoneMessage(result));
      }
      await refreshHomes(client, services, logger, workspaceId, result.pair);
    },
  );
}
