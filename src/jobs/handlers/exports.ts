// The scheduler's export job: a program's pairs as a CSV file in the DM of the coordinator who
// asked, built off the request path. Sent at once (the person just asked for it), unless they no
// longer coordinate, have left, or the program is gone: then nothing is sent and the job says why.
import { feedbackScaleWords } from "../../domain/csv.ts";
import { jobPayloads } from "../../domain/jobs.ts";
import type { ExportService, ProgramExport } from "../../services/exports.ts";
import type { SlackMessenger } from "../../services/slack-port.ts";
import { escapeMrkdwn } from "../../slack/views/text.ts";
import type { JobHandler } from "../runner.ts";
import { failureOutcome, invalid, stopOutcome } from "./deliver.ts";

/** The comment that comes with the file: what is in it, and what deliberately is not. */
export function exportComment(file: ProgramExport): string {
  const name = `*${escapeMrkdwn(file.programName)}*`;
  const what =
    file.pairs === 0
      ? `No pair of ${name} has started yet, so the file only has its column headings.`
      : `The ${file.pairs === 1 ? "pair" : `${file.pairs.toLocaleString("en-US")} pairs`} of ${name} ` +
        "(active, paused and closed), one per row, oldest first: sessions held, check-ins sent and " +
        "answered, goals, milestones and action items, feedback, and the at-risk flag.";
  return [
    what,
    `Feedback is averaged on the 1-4 scale (${feedbackScaleWords()}). Dates are days in ${file.tz} time.`,
    "Not included, on purpose: private session notes, feedback comments, journal entries, goal and " +
      "milestone titles, agreements and review answers. The file holds people's names and emails: " +
      "share it only with the people who run the program.",
  ].join("\n");
}

export function exportHandlers(deps: {
  exports: ExportService;
  messenger: SlackMessenger;
  now: () => Date;
}): Record<"program_export", JobHandler> {
  return {
    program_export: async (job) => {
      const parsed = jobPayloads.program_export.safeParse(job.payload);
      if (!parsed.success) return invalid(parsed.error);
      const { programId, recipient } = parsed.data;
      const step = await deps.exports.prepare(job.workspaceId, programId, recipient);
      if (step.do !== "send") return stopOutcome(step);
      const file = step.what;
      try {
        const sent = await deps.messenger.sendFileDm(recipient, {
          filename: file.filename,
          title: file.title,
          content: file.content,
          comment: exportComment(file),
        });
        return { status: "done", recipient, channelId: sent.channel };
      } catch (error) {
        return failureOutcome(error, recipient, deps.now());
      }
    },
  };
}
