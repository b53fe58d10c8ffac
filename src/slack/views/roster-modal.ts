// The roster import modal: a program and a pasted list of people with roles.
import type { ModalView } from "@slack/types";
import { callbackIds } from "../ids.ts";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import { escapeMrkdwn, mrkdwn, plain } from "./text.ts";

export const rosterBlocks = { rows: "roster_rows" } as const;

export function rosterModal(program: { id: string; name: string }): ModalView {
  return {
    type: "modal",
    callback_id: callbackIds.roster,
    private_metadata: JSON.stringify({ programId: program.id }),
    title: plain("Import a roster"),
    submit: plain("Import"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          `Enrol people in *${escapeMrkdwn(program.name)}*. One person per line: a Slack member id or an email, then a role ` +
            "(mentee, mentor or both). A header line is fine. Each person gets a DM.",
        ),
      },
      {
        type: "input",
        block_id: rosterBlocks.rows,
        label: plain("People"),
        hint: plain("For example: ana@hospital.org, mentee"),
        element: {
          type: "plain_text_input",
          action_id: INPUT_ACTION_ID,
          multiline: true,
          max_length: 3000,
          placeholder: plain("email,role\nana@hospital.org,mentee\nU0123ABCD,mentor"),
        },
      },
    ],
  };
}

export function importingModal(count: number): ModalView {
  return {
    type: "modal",
    title: plain("Import a roster"),
    close: plain("Close"),
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          `Importing ${count} ${count === 1 ? "person" : "people"}… this view updates when it's done.`,
        ),
      },
    ],
  };
}
