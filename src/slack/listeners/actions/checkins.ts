// Buttons on check-in DMs and reflection prompts. Simple answers replace the check-in with what
// was recorded; "We met" (the session log), "Pause check-ins" and "Write my reflection" open a
// modal that updates the DM once it is saved.
import type { App } from "@slack/bolt";
import type { CheckinService } from "../../../services/checkins.ts";
import { workspaceIdOf } from "../../context.ts";
import { actionIds, checkinPulsePattern } from "../../ids.ts";
import { parseMetadata, reflectionValueSchema } from "../../modals.ts";
import { answeredMessage, answeredText, pauseModal, reflectionModal } from "../../views/checkins.ts";
import { sessionLogModal } from "../../views/sessions.ts";
import { escapeMrkdwn } from "../../views/text.ts";
import type { ListenerDeps } from "../deps.ts";
import { type ButtonArgs, onButton, tellUser } from "../respond.ts";

type Answer = Parameters<CheckinService["answer"]>[3];

const simpleAnswers: Array<[string, Answer, string]> = [
  [actionIds.checkinRescheduled, "RESCHEDULED", "answering a check-in"],
  [actionIds.checkinNotYet, "NOT_YET", "answering a check-in"],
  [actionIds.checkinSnooze, "SNOOZED", "snoozing a check-in"],
  [actionIds.checkinContinue, "CONTINUE", "answering a check-in"],
  [actionIds.checkinEndMet, "MET_AT_END", "answering a check-in"],
  [actionIds.checkinEndNotMet, "NOT_MET_AT_END", "answering a check-in"],
];

/** Where the clicked message is, so a modal can update it after its submit. */
function messageRef(body: ButtonArgs["body"]): { channel?: string; ts?: string } {
  const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
  const ts = body.message?.ts ?? (body.container.message_ts as string | undefined);
  return { ...(channel ? { channel } : {}), ...(ts ? { ts } : {}) };
}

export function register(app: App, { services, logger }: ListenerDeps): void {
  for (const [actionId, answer, what] of simpleAnswers) {
    onButton(app, logger, actionId, what, async ({ action, context }, where) => {
      const result = await services.checkins.answer(
        workspaceIdOf(context),
        where.userId,
        action.value ?? "",
        answer,
      );
      await tellUser(where, answeredMessage(result), true);
    });
  }

  onButton(app, logger, checkinPulsePattern, "answering a pulse", async ({ action, context }, where) => {
    const value = Number(checkinPulsePattern.exec(action.action_id)?.[1]);
    const result = await services.checkins.pulse(
      workspaceIdOf(context),
      where.userId,
      action.value ?? "",
      value,
    );
    await tellUser(where, answeredMessage(result), true);
  });

  // "We met: log it": the session log, answering the check-in it is on.
  onButton(
    app,
    logger,
    actionIds.checkinMet,
    "opening a session log",
    async ({ action, body, client, context }, where) => {
      const form = await services.sessions.formForCheckin(
        workspaceIdOf(context),
        where.userId,
        action.value ?? "",
      );
      const metadata = JSON.stringify({
        mentorship: form.mentorshipId,
        checkIn: form.checkInId,
        ...messageRef(body),
      });
      await client.views.open({ trigger_id: body.trigger_id, view: sessionLogModal(form, metadata) });
    },
  );

  onButton(
    app,
    logger,
    actionIds.checkinPause,
    "opening a pause",
    async ({ action, body, client, context }, where) => {
      const checkin = await services.checkins.context(
        workspaceIdOf(context),
        where.userId,
        action.value ?? "",
      );
      const metadata = JSON.stringify({ checkIn: checkin.checkInId, ...messageRef(body) });
      await client.views.open({ trigger_id: body.trigger_id, view: pauseModal(checkin, metadata) });
    },
  );

  onButton(
    app,
    logger,
    actionIds.checkinClose,
    "closing a mentorship",
    async ({ action, context }, where) => {
      const { partnerName } = await services.checkins.close(
        workspaceIdOf(context),
        where.userId,
        action.value ?? "",
      );
      await tellUser(
        where,
        answeredText(
          `Your mentorship with ${escapeMrkdwn(partnerName)} is closed, and they have been told. ` +
            "Thank you for the time you gave each other. You can be matched again any time with `/mentor find`.",
        ),
        true,
      );
    },
  );

  onButton(
    app,
    logger,
    actionIds.writeReflection,
    "opening a reflection",
    async ({ action, body, client }) => {
      const value = parseMetadata(reflectionValueSchema, action.value);
      const metadata = JSON.stringify({ ...value, ...messageRef(body) });
      await client.views.open({ trigger_id: body.trigger_id, view: reflectionModal(value.prompt, metadata) });
    },
  );
}
