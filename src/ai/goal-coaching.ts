// Goal coaching: two or three SMART milestones for a goal the mentee is typing, for them to accept,
// edit or clear before saving. The model's answer (structured, zod-checked) is cleaned and its
// dates checked against today and the goal's target date; Tandem's own deterministic milestones
// stand in whenever AI is off, not allowed, slow, busy or answers something unusable.
import { DateTime } from "luxon";
import { z } from "zod";
import type { AiClient, AiFailure } from "./client.ts";
import { cleanSuggestion, nameMatcher, scrub } from "./privacy.ts";

/** A suggested milestone's title: shorter than the form's 150, so there is room to edit. */
export const SUGGESTION_MAX = 120;
/** Without a target date for the goal, milestones spread over about three months. */
export const DEFAULT_HORIZON_DAYS = 90;
const MIN_SUGGESTIONS = 2;
const MAX_SUGGESTIONS = 3;

export interface GoalDraft {
  title: string;
  why?: string | undefined;
  kind: "PROFESSIONAL" | "PERSONAL";
  /** The goal's own target date (YYYY-MM-DD), when the person picked one. */
  targetDate?: string | undefined;
  /** The person's today (YYYY-MM-DD), in their time zone. */
  today: string;
}

export interface SuggestedMilestone {
  title: string;
  /** YYYY-MM-DD, after today and no later than the goal's target date. */
  targetDate: string;
}

export type MilestoneSuggestion =
  | { by: "ai"; milestones: SuggestedMilestone[] }
  | { by: "local"; reason: string; milestones: SuggestedMilestone[] };

const day = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" });
const isoOf = (d: DateTime) => d.toISODate() ?? "";
const isIsoDate = (s: string | null | undefined): s is string =>
  typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && day(s).isValid;

/** The date the milestones lead up to: the goal's own (when after today), else ~3 months out. */
export function horizonOf(draft: Pick<GoalDraft, "today" | "targetDate">): string {
  if (isIsoDate(draft.targetDate) && draft.targetDate > draft.today) return draft.targetDate;
  return isoOf(day(draft.today).plus({ days: DEFAULT_HORIZON_DAYS }));
}

/** The goal as a short phrase to quote inside a milestone ("Get better at X." → "get better at X"). */
function goalPhrase(title: string, max: number): string {
  let t = cleanSuggestion(title, 1000).replace(/[.!?;:,\s]+$/, "");
  // Lower-case a leading capital unless the first word looks like an acronym or a name-like "I".
  if (/^[A-Z][a-z]/.test(t)) t = t[0]?.toLowerCase() + t.slice(1);
  if (t.length <= max) return t;
  // Cut at a word boundary when one is near, so no word is left half-written.
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Fits `make(goal)` within SUGGESTION_MAX by shortening the quoted goal, never the sentence. */
function fitted(goal: string, make: (g: string) => string): string {
  const full = make(`“${goalPhrase(goal, 200)}”`);
  if (full.length <= SUGGESTION_MAX) return full;
  const room = SUGGESTION_MAX - make("“”").length;
  return make(`“${goalPhrase(goal, Math.max(12, room))}”`).slice(0, SUGGESTION_MAX);
}

/**
 * Tandem's own milestones for a goal (no AI): define done and agree it with the mentor, a
 * concrete step with something to show, and a review before the target date. Two when the time
 * is short (under three weeks). Deterministic: the same draft gives the same milestones.
 */
export function fallbackMilestones(draft: GoalDraft): SuggestedMilestone[] {
  const today = day(draft.today);
  const horizon = day(horizonOf(draft));
  const span = Math.max(0, Math.round(horizon.diff(today, "days").days));
  const at = (offset: number) => isoOf(today.plus({ days: Math.min(span, Math.max(1, offset)) }));
  const goal = draft.title;
  const define = fitted(goal, (g) => `Define what done looks like for ${g} and agree it with your mentor`);
  const step =
    draft.kind === "PERSONAL"
      ? fitted(goal, (g) => `Try one concrete step towards ${g} and note what worked`)
      : fitted(goal, (g) => `Complete a first concrete piece of work on ${g} and share it for feedback`);
  const review = fitted(goal, (g) => `Review progress on ${g} with your mentor and agree next steps`);
  if (span < 21) {
    return [
      { title: define, targetDate: at(Math.min(7, Math.floor(span / 3))) },
      { title: review, targetDate: at(span - 1) },
    ];
  }
  return [
    { title: define, targetDate: at(Math.min(14, Math.round(span * 0.25))) },
    { title: step, targetDate: at(Math.round(span * 0.6)) },
    { title: review, targetDate: at(span - Math.min(7, Math.round(span * 0.1))) },
  ];
}

/** What the model answers. Strict structured outputs: every field present, null when unknown. */
export const milestoneAnswerSchema = z.object({
  milestones: z
    .array(
      z.object({
        title: z.string(),
        weeksFromNow: z.number().int().nullable(),
        dueDate: z.string().nullable(),
      }),
    )
    .min(1)
    .max(6),
});
export type MilestoneAnswer = z.infer<typeof milestoneAnswerSchema>;

export const GOAL_COACHING_TASK = [
  "You help a mentee in a workplace mentoring program turn a goal into 2 or 3 SMART milestones:",
  "specific, measurable steps (each one sentence, at most 110 characters, starting with a verb),",
  "in the order they would be done, each with a due date after `today` and no later than",
  "`targetDate`. Give the due date as an ISO date (YYYY-MM-DD) in `dueDate`, or as whole weeks",
  "from today in `weeksFromNow`; set the other to null. Use the goal's own words where you can.",
  "One milestone should involve the mentor (agreeing what done looks like, or a review).",
].join(" ");

const CONTROL = /<[^>]*>|https?:\/\/|www\.|@|\[(?:name|email|link|person|phone|channel)\]/i;

/** A model's line as plain text: cleaned, markdown emphasis and wrapping quotes removed, cut. */
function plainText(text: string): string {
  const bare = text.replace(/[*`~]+/g, "").replace(/(^|\s)_+|_+(?=\s|$)/g, "$1");
  return cleanSuggestion(bare, SUGGESTION_MAX)
    .replace(/^["“']+|["”']+$/g, "")
    .trim();
}

/**
 * Whether a model's text shows it followed something it shouldn't have: Slack control sequences,
 * links, addresses, our placeholders, or one of the people's names (`names` as namePartsOf gives).
 */
export function carriesControlOrNames(text: string, names: readonly string[] = []): boolean {
  if (CONTROL.test(text)) return true;
  return names.some((n) => n.trim() !== "" && nameMatcher(n.trim()).test(text));
}

/**
 * The model's milestones made safe and sensible: any that carries a mention, a link, an address
 * or a person's name is dropped (the model followed text it shouldn't have); titles cleaned and
 * cut; dates checked (an ISO date, else weeks from today, must fall after today and by the
 * horizon; otherwise an evenly spaced date); duplicates and empty titles dropped; at most three,
 * in date order. Fewer than two usable ones: undefined (the fallback is used).
 */
export function usableMilestones(
  answer: MilestoneAnswer,
  draft: GoalDraft,
  names: readonly string[] = [],
): SuggestedMilestone[] | undefined {
  const today = draft.today;
  const horizon = horizonOf(draft);
  const span = Math.max(1, Math.round(day(horizon).diff(day(today), "days").days));
  const inRange = (iso: string) => iso > today && iso <= horizon;
  const seen = new Set<string>();
  const kept: Array<{ title: string; date: string | undefined }> = [];
  for (const m of answer.milestones) {
    if (carriesControlOrNames(m.title, names)) continue;
    const title = plainText(m.title);
    const key = title.toLowerCase();
    if (title.length < 8 || seen.has(key)) continue;
    seen.add(key);
    let date: string | undefined;
    if (isIsoDate(m.dueDate) && inRange(m.dueDate)) date = m.dueDate;
    else if (m.weeksFromNow !== null && m.weeksFromNow > 0 && m.weeksFromNow <= 260) {
      const iso = isoOf(day(today).plus({ weeks: m.weeksFromNow }));
      if (inRange(iso)) date = iso;
    }
    kept.push({ title, date });
    if (kept.length === MAX_SUGGESTIONS) break;
  }
  if (kept.length < MIN_SUGGESTIONS) return undefined;
  const spaced = (i: number) =>
    isoOf(day(today).plus({ days: Math.max(1, Math.round((span * (i + 1)) / kept.length)) }));
  return kept
    .map((k, i) => ({ title: k.title, targetDate: k.date ?? spaced(i) }))
    .sort((a, b) => a.targetDate.localeCompare(b.targetDate));
}

/**
 * Asks the model for milestones. `names` are the people's names to keep out of the request; the
 * draft's text is scrubbed before it leaves. Never throws: a failure is named for the label.
 */
export async function aiMilestones(
  ai: AiClient,
  workspaceId: string,
  draft: GoalDraft,
  names: readonly string[],
): Promise<{ ok: true; milestones: SuggestedMilestone[] } | { ok: false; failure: AiFailure }> {
  const result = await ai.structured({
    workspaceId,
    feature: "goal_coaching",
    task: GOAL_COACHING_TASK,
    data: {
      goal: scrub(draft.title, names, 300),
      whyItMatters: draft.why ? scrub(draft.why, names, 1000) : null,
      kind: draft.kind === "PERSONAL" ? "personal growth" : "professional growth",
      today: draft.today,
      targetDate: horizonOf(draft),
    },
    schema: milestoneAnswerSchema,
    schemaName: "goal_milestones",
    maxOutputTokens: 400,
  });
  if (!result.ok) return result;
  const milestones = usableMilestones(result.value, draft, names);
  return milestones ? { ok: true, milestones } : { ok: false, failure: "invalid_output" };
}

/** The rows (0-based) a suggestion may fill: empty ones, and ones holding an untouched suggestion. */
export function freeRows(
  rows: readonly MilestoneRow[],
  previous: ReadonlyArray<{ row: number; title: string }>,
): number[] {
  return rows.flatMap((r, i) => {
    const title = (r.title ?? "").trim();
    return !title || previous.some((p) => p.row === i && p.title === title) ? [i] : [];
  });
}

/** A milestone row of the goal form, as the person left it. */
export interface MilestoneRow {
  title?: string | undefined;
  targetDate?: string | undefined;
}

/**
 * Where suggestions go in the form's rows: rows the person wrote themselves are kept; empty rows,
 * and rows still holding an earlier suggestion untouched, take the new suggestions in order.
 * Returns the rows and which of them (0-based) now hold a suggestion.
 */
export function placeSuggestions(
  rows: readonly MilestoneRow[],
  previous: ReadonlyArray<{ row: number; title: string }>,
  suggestions: readonly SuggestedMilestone[],
): { rows: MilestoneRow[]; filled: number[] } {
  const out = rows.map((r) => ({ ...r }));
  const free = freeRows(rows, previous);
  const filled: number[] = [];
  for (const [n, s] of suggestions.entries()) {
    const i = free[n];
    if (i === undefined) break;
    out[i] = { title: s.title, targetDate: s.targetDate };
    filled.push(i);
  }
  // A row that held an untouched earlier suggestion and got no new one is emptied.
  for (const i of free) {
    const held = previous.some((p) => p.row === i && p.title === (rows[i]?.title ?? "").trim());
    if (held && !filled.includes(i)) out[i] = {};
  }
  return { rows: out, filled };
}
