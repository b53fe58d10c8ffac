// Letter buttons, wherever they are clicked (the ask DM, an update, the reminder, Home): the
// mentee asks, edits a draft, sends or updates the packet, cancels, thanks and shares the
// outcome; the writer answers the ask and marks the letter submitted; either opens it. Every
// button names the letter; the service checks the clicker is one of its two people.
import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../../logger.ts";
import { UserError } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { actionIds } from "../../ids.ts";
import { noticeMessage } from "../../views/help.ts";
import {
  type LetterModalMetadata,
  letterAnsweredMessage,
  letterDeclineModal,
  letterDetailsModal,
  letterMoreInfoModal,
  letterOutcomeModal,
  letterPacketModal,
  letterRequestModal,
  letterSubmittedModal,
  letterThanksModal,
} from "../../views/letters.ts";
import { escapeMrkdwn } from "../../views/text.ts";
import type { ListenerDeps } from "../deps.ts";
import { onButton, tellUser } from "../respond.ts";
import { messageRef } from "./feedback.ts";

/** Re-publishes the Home of both people of a letter (best effort). */
export async function refreshLetterHomes(
  client: WebClient,
  services: Services,
  logger: Logger,
  workspaceId: string,
  letterId: string,
): Promise<void> {
  const people = await services.letters.peopleOf(letterId).catch(() => []);
  for (const userId of people) {
    await publishHome(client, services, workspaceId, userId).catch((error: unknown) =>
      logger.warn({ err: error, user: userId }, "home refresh failed"),
    );
  }
}

/** The request modal, empty or with a draft's details. */
export async function openLetterRequest(
  client: WebClient,
  services: Services,
  args: { workspaceId: string; userId: string; triggerId: string; letterId?: string },
): Promise<void> {
  const form = await services.letters.requestForm(args.workspaceId, args.userId, args.letterId);
  const metadata: LetterModalMetadata | Record<string, never> = args.letterId
    ? { letter: args.letterId }
    : {};
  await client.views.open({
    trigger_id: args.triggerId,
    view: letterRequestModal(form, JSON.stringify(metadata)),
  });
}

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(
    app,
    logger,
    actionIds.askForLetter,
    "opening a letter request",
    async ({ body, client, context }, where) => {
      await openLetterRequest(client, services, {
        workspaceId: workspaceIdOf(context),
        userId: where.userId,
        triggerId: body.trigger_id,
      });
    },
  );

  onButton(
    app,
    logger,
    actionIds.letterEdit,
    "editing a letter request",
    async ({ action, body, client, context }, where) => {
      await openLetterRequest(client, services, {
        workspaceId: workspaceIdOf(context),
        userId: where.userId,
        triggerId: body.trigger_id,
        letterId: action.value ?? "",
      });
    },
  );

  onButton(
    app,
    logger,
    actionIds.letterPacket,
    "opening a letter packet",
    async ({ action, body, client, context }, where) => {
      const letterId = action.value ?? "";
      const form = await services.letters.packetForm(workspaceIdOf(context), where.userId, letterId);
      const metadata = {
        letter: letterId,
        ...(form.summaryKey ? { key: form.summaryKey } : {}),
        ...messageRef(body),
      };
      await client.views.open({
        trigger_id: body.trigger_id,
        view: letterPacketModal(form, JSON.stringify(metadata)),
      });
    },
  );

  onButton(
    app,
    logger,
    actionIds.letterCancel,
    "cancelling a letter request",
    async ({ action, client, context }, where) => {
      const workspaceId = workspaceIdOf(context);
      const v = await services.letters.cancel(workspaceId, where.userId, action.value ?? "");
      await tellUser(
        where,
        noticeMessage(
          v.askedOn
            ? `Request cancelled. Tandem has told ${escapeMrkdwn(v.writerName)} you no longer need the letter, and thanked them.`
            : "Draft discarded.",
        ),
      );
      await refreshLetterHomes(client, services, logger, workspaceId, v.id);
    },
  );

  onButton(
    app,
    logger,
    actionIds.letterAccept,
    "accepting a letter request",
    async ({ action, client, context }, where) => {
      const workspaceId = workspaceIdOf(context);
      const { letter, reminders } = await services.letters.answer(
        workspaceId,
        where.userId,
        action.value ?? "",
        {
          answer: "accept",
        },
      );
      await tellUser(where, letterAnsweredMessage(letter, reminders), true);
      await refreshLetterHomes(client, services, logger, workspaceId, letter.id);
    },
  );

  // Buttons that open a modal about one letter, remembering the message they were clicked in.
  const modals = [
    [actionIds.letterDecline, "opening a letter decline", letterDeclineModal, "writer"],
    [actionIds.letterMoreInfo, "asking for more information", letterMoreInfoModal, "writer"],
    [actionIds.letterSubmitted, "marking a letter submitted", letterSubmittedModal, "writer"],
    [actionIds.letterThanks, "opening a thank-you", letterThanksModal, "mentee"],
    [actionIds.letterOutcome, "opening an outcome", letterOutcomeModal, "mentee"],
  ] as const;
  for (const [actionId, what, modal, role] of modals) {
    onButton(app, logger, actionId, what, async ({ action, body, client, context }, where) => {
      const v = await services.letters.view(workspaceIdOf(context), where.userId, action.value ?? "");
      if (v.viewer !== role)
        throw new UserError(`Only ${role === "writer" ? v.writerName : v.menteeName} can do that.`);
      if (actionId === actionIds.letterSubmitted && !v.targets.some((t) => t.status === "PENDING")) {
        throw new UserError("This letter is already marked as submitted everywhere. Thank you!");
      }
      if (actionId === actionIds.letterThanks && v.thanked) {
        throw new UserError(`You already thanked ${v.writerName} for this letter.`);
      }
      const metadata: LetterModalMetadata = { letter: v.id, ...messageRef(body) };
      await client.views.open({ trigger_id: body.trigger_id, view: modal(v, JSON.stringify(metadata)) });
    });
  }

  onButton(
    app,
    logger,
    actionIds.letterOpen,
    "opening a letter",
    async ({ action, body, client, context }, where) => {
      const v = await services.letters.view(workspaceIdOf(context), where.userId, action.value ?? "");
      await client.views.open({ trigger_id: body.trigger_id, view: letterDetailsModal(v) });
    },
  );
}
