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
  /** Check-in DM buttons; the value is the check-in id. "We met" opens the session log. */
  checkinMet: "checkin_met",
  checkinRescheduled: "checkin_rescheduled",
  checkinNotYet: "checkin_not_yet",
  checkinSnooze: "checkin_snooze",
  /** Opens the pause modal. */
  checkinPause: "checkin_pause",
  checkinContinue: "checkin_continue",
  checkinClose: "checkin_close",
  checkinEndMet: "checkin_end_met",
  checkinEndNotMet: "checkin_end_not_met",
  /** Followed by the pulse value 1-4. */
  checkinPulsePrefix: "checkin_pulse_",
  /** On a reflection prompt; the value is JSON {mentorship, key, prompt}. Opens the reflection modal. */
  writeReflection: "write_reflection",
  /** Coordinator Home: the value is a program id, or "none" for messages outside any program. */
  showFailedDeliveries: "show_failed_deliveries",
} as const;

export const checkinPulsePattern = /^checkin_pulse_([1-4])$/;

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
  sessionLog: "session_log_modal",
  pauseCheckins: "pause_checkins_modal",
  reflection: "reflection_modal",
} as const;

export const blockIds = {
  joinChoices: "join_choices",
  profileActions: "profile_actions",
  programActions: "program_actions",
} as const;
