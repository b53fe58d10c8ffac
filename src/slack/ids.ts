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

  // The mentorship itself. Unless said otherwise the value is the mentorship id.
  /** Opens the pair's kick-off agreement (intro message, Home, /mentor agreement). */
  openAgreement: "open_agreement",
  /** Opens the goal modal to add a goal with its milestones. */
  addGoal: "add_goal",
  /** In the goal modal: fills the milestones with suggestions (AI when allowed, else local). */
  suggestMilestones: "suggest_milestones",
  /** Opens the pair's goals and milestones. */
  openGoals: "open_goals",
  /** Opens a goal's recalibration modal; the value is the goal id. */
  reviseGoal: "revise_goal",
  /** Marks a milestone done; the value is the milestone id. */
  milestoneDone: "milestone_done",
  /** Opens the session log (/mentor log, Home). */
  logSession: "log_session",
  /** In the session log: proposes takeaways and action items from the notes, for the pair to edit. */
  suggestTakeaways: "suggest_takeaways",
  /** Opens the pair's session history, private notes included (the pair only). */
  openSessions: "open_sessions",
  /** Ticks off an action item; the value is the action item id. */
  actionItemDone: "action_item_done",
  /** Opens the feedback modal; the value is JSON {mentorship, context, session?, milestone?}. */
  giveFeedback: "give_feedback",
  /** Opens a periodic review; the value is JSON {mentorship, cycle}. */
  startReview: "start_review",
  /** Opens the member's learning journal (browse and search). */
  openJournal: "open_journal",
  /** Sends the member's journal as a file in DM. */
  exportJournal: "export_journal",
  /** Opens the modal to write a free journal note. */
  addJournalNote: "add_journal_note",

  // The coordinator dashboard (Home). Unless said otherwise the value is the program id.
  /** The dashboard's program picker (a static select). */
  dashboardProgram: "dashboard_program",
  /**
   * Pages through a program's pairs at risk: followed by "_previous" or "_next" (one block holds
   * both); the value is "<program id>:<page>".
   */
  atRiskPage: "at_risk_page",
  /** Queues the program's CSV export, sent as a file in DM. */
  exportProgram: "export_program",
  /** Opens the modal to announce a program in a channel. */
  announceProgram: "announce_program",
  /** On the weekly digest: stop (value "off") or restart (value "on") the digests. */
  digestSubscription: "digest_subscription",
  /** Home: opens the pause modal for the member (value "pause"). */
  pauseMe: "pause_me",

  // Letters of recommendation. Unless said otherwise the value is the letter request's id.
  /** Opens the letter request modal (Home, a decline, a late note); value "new". */
  askForLetter: "ask_for_letter",
  /** The mentee: opens a draft's request modal again to edit its details. */
  letterEdit: "letter_edit",
  /** The mentee: opens the packet modal (finish a draft, answer a question, update it). */
  letterPacket: "letter_packet",
  /** The mentee: cancels the request (with a confirm dialog). */
  letterCancel: "letter_cancel",
  /** The writer's answers to the ask. "Not the right person" and "Need more information" open modals. */
  letterAccept: "letter_accept",
  letterDecline: "letter_decline",
  letterMoreInfo: "letter_more_info",
  /** The writer: opens "Mark as submitted" (which targets). */
  letterSubmitted: "letter_submitted",
  /** The mentee, once submitted: the thank-you and outcome modals. */
  letterThanks: "letter_thanks",
  letterOutcome: "letter_outcome",
  /** Either person: the whole letter and its packet, read-only. */
  letterOpen: "letter_open",
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
  agreement: "agreement_modal",
  goal: "goal_modal",
  reviseGoal: "revise_goal_modal",
  feedback: "feedback_modal",
  review: "review_modal",
  journal: "journal_modal",
  journalNote: "journal_note_modal",
  announceProgram: "announce_program_modal",
  pauseMe: "pause_me_modal",
  letterRequest: "letter_request_modal",
  letterPacket: "letter_packet_modal",
  letterDecline: "letter_decline_modal",
  letterMoreInfo: "letter_more_info_modal",
  letterSubmitted: "letter_submitted_modal",
  letterThanks: "letter_thanks_modal",
  letterOutcome: "letter_outcome_modal",
  letterDetails: "letter_details_modal",
} as const;

export const blockIds = {
  joinChoices: "join_choices",
  profileActions: "profile_actions",
  programActions: "program_actions",
  journalActions: "journal_actions",
  dashboardPicker: "dashboard_picker",
  dashboardActions: "dashboard_actions",
} as const;

/** Goals and milestones (besides the shared action ids above). */
export const goalIds = {
  /** The pair's goals modal: no submit, its buttons act on it. */
  goalsView: "goals_modal",
  /** `/mentor goals` by someone in several mentorships: whose goals to show. */
  pickPair: "goals_pair_modal",
} as const;

/** Sessions: the log's pair picker and the pair's history modal. */
export const sessionIds = {
  /** `/mentor log` by someone in several mentorships: "which one?", then the log itself. */
  pickPair: "session_pair_modal",
  /** "Our sessions"; its private_metadata is JSON {mentorship}. */
  history: "sessions_modal",
} as const;
