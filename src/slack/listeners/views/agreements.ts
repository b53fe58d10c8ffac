// Saving the kick-off agreement: problems show next to their field with everything typed kept;
// once saved the person gets a DM saying what changed, and both Home tabs are refreshed.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { type AgreementField, agreementFields } from "../../../domain/agreement.ts";
import { FieldError, userMessageOf } from "../../../services/errors.ts";
import { workspaceIdOf } from "../../context.ts";
import { publishHome } from "../../home-publisher.ts";
import { callbackIds } from "../../ids.ts";
import { ModalValues } from "../../modal-values.ts";
import { parseMetadata } from "../../modals.ts";
import { agreementBlocks, agreementSavedMessage } from "../../views/agreements.ts";
import type { ListenerDeps } from "../deps.ts";

const agreementMetadataSchema = z.object({ mentorship: z.string() });

export function register(app: App, { services, logger }: ListenerDeps): void {
  app.view(callbackIds.agreement, async ({ ack, body, view, context, client }) => {
    const { mentorship } = parseMetadata(agreementMetadataSchema, view.private_metadata);
    const values = ModalValues.parse(view.state.values);
    const workspaceId = workspaceIdOf(context);
    const userId = body.user.id;
    const text = (field: AgreementField) => values.text(agreementBlocks[field]) ?? "";
    let saved: Awaited<ReturnType<typeof services.agreements.save>>;
    try {
      saved = await services.agreements.save(workspaceId, userId, mentorship, {
        purpose: text("purpose"),
        mentorHopes: text("mentorHopes"),
        menteeHopes: text("menteeHopes"),
        cadenceDays: Number(values.option(agreementBlocks.cadenceDays)),
        channel: text("channel"),
        topics: text("topics"),
        confidentiality: text("confidentiality"),
        endsOn: values.date(agreementBlocks.endsOn) ?? null,
      });
    } catch (error) {
      logger.warn({ err: error, user: userId }, "saving a kick-off agreement failed");
      const field =
        error instanceof FieldError && error.field in agreementFields
          ? (error.field as AgreementField)
          : "purpose";
      await ack({ response_action: "errors", errors: { [agreementBlocks[field]]: userMessageOf(error) } });
      return;
    }
    await ack();
    await client.chat
      .postMessage({ channel: userId, ...agreementSavedMessage(saved) })
      .catch((error: unknown) => logger.warn({ err: error }, "could not confirm a saved agreement"));
    for (const who of [userId, saved.partnerSlackUserId]) {
      await publishHome(client, services, workspaceId, who).catch((error: unknown) =>
        logger.warn({ err: error }, "could not refresh Home after an agreement"),
      );
    }
  });
}
