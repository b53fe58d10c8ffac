// Every action, block and callback id Tandem's Block Kit uses, in one place (snake_case, as Slack's).
import type { ParticipantRole } from "../domain/roles.ts";

export const actionIds = {
  /** Followed by the role: join_as_mentee, join_as_mentor, join_as_both. Opens the profile modal. */
  joinAsPrefix: "join_as_",
  /** Opens the profile modal (from a DM, Home, or a reply). */
  openProfile: "open_profile",
  /** On a program's join card; the value is the program id. */
  joinProgram: "join_program",
  /** Opens the program modal; value "new" or a program id. */
  editProgram: "edit_program",
  /** Opens the roster import modal; value is the program id. */
  importRoster: "import_roster",
  confirmLeave: "confirm_leave",
  cancelLeave: "cancel_leave",
  resume: "resume_now",
  /** On a /mentor find result; the value is JSON {mentor, program}. Opens the request modal. */
  askMentor: "ask_mentor",
  /** On a request DM; the value is the mentorship id. */
  acceptRequest: "accept_request",
  declineRequest: "decline_request",
  /** Runs /mentor find again (after a decline or an expiry). */
  findAgain: "find_again",
  /** The value is the program id. */
  runRound: "run_round",
  /** The value is the round id. */
  reviewRound: "review_round",
  publishRound: "publish_round",
  rerunRound: "rerun_round",
  /** Overflow menu on a draft pair; option values are "<verb>:<mentorship id>". */
  pairMenu: "round_pair_menu",
  /** Pages of a round review; the value is "<round id>:<page>". */
  roundPage: "round_page",
} as const;

export const joinAsActionId = (role: ParticipantRole) => `${actionIds.joinAsPrefix}${role.toLowerCase()}`;
export const joinAsActionPattern = /^join_as_(mentee|mentor|both)$/;

export const callbackIds = {
  profile: "profile_modal",
  program: "program_modal",
  roster: "roster_modal",
  deleteData: "delete_data_modal",
  askMentor: "ask_mentor_modal",
  declineRequest: "decline_request_modal",
  roundReview: "round_review_modal",
  swapPair: "swap_pair_modal",
} as const;

export const blockIds = {
  joinChoices: "join_choices",
  profileActions: "profile_actions",
  programActions: "program_actions",
} as const;
