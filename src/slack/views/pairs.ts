// Choosing one of your mentorships: a modal opened from a command (`/mentor log`, `/mentor goals`,
// …) by someone in several mentorships asks "With whom?" first; with one it needs no question.
import type { KnownBlock } from "@slack/types";
import { displayNameOf } from "../../domain/members.ts";
import type { PairView } from "../../services/pair-access.ts";
import { INPUT_ACTION_ID } from "../modal-values.ts";
import { plain, truncate } from "./text.ts";

/** The block id of the mentorship picker in any modal that has one. */
export const PAIR_BLOCK = "pair";

/** "Ana Ruiz (your mentee, Residents 2026)". */
export function pairLabel(p: Pick<PairView, "partner" | "role" | "m">): string {
  const them = p.role === "mentor" ? "your mentee" : "your mentor";
  return `${displayNameOf(p.partner)} (${them}, ${p.m.program.name})`;
}

/**
 * An input asking which mentorship a form is about, or nothing when there is only one (the
 * modal's metadata then names it). At most 100 options, as Slack allows.
 */
export function pairPicker(pairs: PairView[], label: string, initial?: string): KnownBlock[] {
  if (pairs.length < 2) return [];
  const options = pairs.slice(0, 100).map((p) => ({
    text: plain(truncate(pairLabel(p), 75)),
    value: p.m.id,
  }));
  const chosen = options.find((o) => o.value === initial);
  return [
    {
      type: "input",
      block_id: PAIR_BLOCK,
      label: plain(label),
      element: {
        type: "static_select",
        action_id: INPUT_ACTION_ID,
        placeholder: plain("Choose a mentorship"),
        options,
        ...(chosen ? { initial_option: chosen } : {}),
      },
    },
  ];
}

/** The sentence for someone who has no running mentorship yet. */
export const NO_PAIR_YET =
  "You don't have a running mentorship yet. Find a mentor with `/mentor find`, or wait for your program's matching round.";
