// What "a healthy program" means in figures: the rules that flag a pair at risk, the windows the
// rates are measured over, and how a figure reads. Services compute the figures in SQL with these
// constants; views show them with these words.
import { RISK_SESSION_GAP_CADENCES, RISK_UNANSWERED_CHECKINS } from "./schedule.ts";

export { RISK_SESSION_GAP_CADENCES, RISK_UNANSWERED_CHECKINS };

/** Check-in response is measured over the last 30 days. */
export const CHECKIN_WINDOW_DAYS = 30;
/** The feedback average, and "low feedback", look at the last 90 days. */
export const FEEDBACK_WINDOW_DAYS = 90;
/** A pair's latest feedback at or below this (Somewhat helpful, Not helpful) flags it. */
export const LOW_FEEDBACK_AT_MOST = 2;
/** Pairs at risk listed per dashboard page. */
export const AT_RISK_PAGE_SIZE = 5;
/** Mentors over their limits listed on the dashboard. */
export const MENTOR_LOAD_LISTED = 5;

export type RiskReason = "no_session" | "unanswered" | "low_feedback";

export const riskReasonLabels: Record<RiskReason, string> = {
  no_session: `no session in ${RISK_SESSION_GAP_CADENCES}× their cadence`,
  unanswered: `${RISK_UNANSWERED_CHECKINS}+ check-ins unanswered`,
  low_feedback: "low feedback",
};

/** A share as a whole percentage ("67%"), or an en dash when there is nothing to divide. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : "–";
}

/** One at-risk pair's reasons in words, most telling first. */
export function describeRisk(pair: {
  idleDays: number;
  neverMet: boolean;
  unanswered: number;
  lastRating: number | null;
  reasons: readonly RiskReason[];
}): string {
  const words: string[] = [];
  if (pair.reasons.includes("no_session")) {
    words.push(
      pair.neverMet
        ? `no session since the start, ${pair.idleDays} days ago`
        : `no session in ${pair.idleDays} days`,
    );
  }
  if (pair.reasons.includes("unanswered")) words.push(`${pair.unanswered} check-ins in a row unanswered`);
  if (pair.reasons.includes("low_feedback") && pair.lastRating !== null) {
    words.push(`latest feedback ${pair.lastRating} of 4`);
  }
  return words.join("; ");
}
