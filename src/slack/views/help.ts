// The answer to /mentor help: what Tandem is and every subcommand it understands.
import type { KnownBlock } from "@slack/types";
import type { SubcommandInfo } from "../commands.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export function helpMessage(commands: readonly SubcommandInfo[]): SlackMessage {
  const line = (c: SubcommandInfo) => `• \`${c.usage}\`: ${c.summary}`;
  const lines = commands.filter((c) => !c.forCoordinators).map(line);
  const coordinatorLines = commands.filter((c) => c.forCoordinators).map(line);
  return {
    text: "Tandem helps you find a mentor, be a mentor, and keep the relationship going.",
    blocks: [
      { type: "header", text: plain("Tandem: mentorship in Slack") },
      {
        type: "section",
        text: mrkdwn(
          "Tandem pairs mentees with mentors, introduces each pair, and keeps the relationship going " +
            "with check-ins in your own time zone. Your *Home* tab (click Tandem in the sidebar) shows where you stand.",
        ),
      },
      { type: "section", text: mrkdwn(`*What you can ask*\n${lines.join("\n")}`) },
      ...(coordinatorLines.length
        ? [{ type: "section" as const, text: mrkdwn(`*For coordinators*\n${coordinatorLines.join("\n")}`) }]
        : []),
      { type: "context", elements: [mrkdwn("Only you can see this message.")] },
    ],
  };
}

export function unknownCommandMessage(typed: string, suggestion: string | undefined): SlackMessage {
  const shown = escapeMrkdwn(truncate(typed.replace(/`/g, ""), 40));
  const hint = suggestion ? ` Did you mean \`/mentor ${suggestion}\`?` : "";
  const text = `Tandem doesn't know \`/mentor ${shown}\`.${hint} Type \`/mentor help\` to see everything it can do.`;
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
}

/** A one-line ephemeral reply: a confirmation or what went wrong and what to do. */
export function noticeMessage(text: string): SlackMessage {
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
}

/** An error, told in one sentence. Its text may carry names people typed, so it is escaped. */
export function errorNotice(text: string): SlackMessage {
  return noticeMessage(escapeMrkdwn(text));
}
