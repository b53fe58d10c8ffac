// "Export CSV" on the coordinator dashboard: queues the program's pairs as a CSV file, which the
// scheduler sends to the coordinator's DM in a moment. Anyone else clicking (a forged or copied
// button) is refused in one sentence, and nothing is queued.
import type { App } from "@slack/bolt";
import { workspaceIdOf } from "../../context.ts";
import { actionIds } from "../../ids.ts";
import { exportQueuedMessage } from "../../views/programs.ts";
import type { ListenerDeps } from "../deps.ts";
import { onButton, tellUser } from "../respond.ts";

export function register(app: App, { services, logger }: ListenerDeps): void {
  onButton(
    app,
    logger,
    actionIds.exportProgram,
    "exporting a program",
    async ({ action, context }, where) => {
      const outcome = await services.exports.request(
        workspaceIdOf(context),
        where.userId,
        action.value ?? "",
      );
      await tellUser(where, exportQueuedMessage(outcome.programName, outcome.already));
    },
  );
}
