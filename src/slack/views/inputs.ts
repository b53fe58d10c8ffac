// Input blocks shared by Tandem's modals (one place for Slack's rules on text inputs).
import type { KnownBlock } from "@slack/types";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import { plain, truncate } from "./text.ts";

export interface TextInputOptions {
  optional?: boolean;
  /** Slack allows 1 to 3000 characters. */
  max: number;
  multiline?: boolean;
  hint?: string;
  placeholder?: string;
}

/** A plain-text input, pre-filled with what was saved before (cut to the input's limit). */
export function textInput(
  blockId: string,
  label: string,
  initial: string | null | undefined,
  opts: TextInputOptions,
): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: opts.optional ?? false,
    label: plain(label),
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
    element: {
      type: "plain_text_input",
      action_id: INPUT_ACTION_ID,
      max_length: opts.max,
      multiline: opts.multiline ?? false,
      ...(initial ? { initial_value: truncate(initial, opts.max) } : {}),
      ...(opts.placeholder ? { placeholder: plain(opts.placeholder) } : {}),
    },
  };
}
