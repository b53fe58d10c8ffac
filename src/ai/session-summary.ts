// Session summaries: takeaways and action items proposed from what a pair typed in the session
// log (agenda and private notes), for the person to check and edit before saving.
// Two sources with one shape: the AI (only with both people's consent; the request is built
// here from scrubbed text, and the answer is cleaned here) and Tandem's own local extraction,
// a pure deterministic reading of the notes that never leaves the process.
import { createHash } from "node:crypto";
import { DateTime } from "luxon";
import { z } from "zod";
import { cleanSuggestion, escapeRegExp, nameMatcher, scrub } from "./privacy.ts";

/** At most this many takeaways are proposed at once. */
export const TAKEAWAY_SUGGESTIONS = 5;
/** Action items proposed at most (the session log has this many rows). */
export const ACTION_ITEM_SUGGESTIONS = 3;
/** A proposed takeaway or action item is cut to this many characters. */
export const TAKEAWAY_MAX = 200;
export const ACTION_ITEM_MAX = 300;
/** Each of agenda and notes is sent cut to this many characters. */
const NOTES_SENT_MAX = 2000;
/** An AI due date further than this is dropped (the log accepts a year). */
const DUE_MAX_DAYS = 365;

export type ItemOwner = "me" | "partner";

export interface SuggestedItem {
  text: string;
  /** The person logging ("me"), their partner, or unknown. */
  owner: ItemOwner | null;
  /** YYYY-MM-DD, or null. */
  dueOn: string | null;
}

export interface SummarySuggestion {
  takeaways: string[];
  actionItems: SuggestedItem[];
}

export interface SummaryNotes {
  agenda?: string | undefined;
  notes?: string | undefined;
}

// ---------- the AI request and its answer ----------

/** The structured output asked of the model (strict: every property required, null for "none"). */
export const sessionSummarySchema = z.object({
  takeaways: z.array(z.string()).max(TAKEAWAY_SUGGESTIONS),
  actionItems: z
    .array(
      z.object({
        text: z.string(),
        owner: z.enum(["mentee", "mentor"]).nullable(),
        dueInDays: z.number().int().nullable(),
      }),
    )
    .max(ACTION_ITEM_SUGGESTIONS),
});
export type SessionSummaryAnswer = z.infer<typeof sessionSummarySchema>;
export const SESSION_SUMMARY_SCHEMA_NAME = "session_summary";
export const SESSION_SUMMARY_MAX_TOKENS = 700;

export const SESSION_SUMMARY_TASK = [
  "You help two people in a mentoring program (a mentor and a mentee) write up a session they just held.",
  `From the session's agenda and notes, propose at most ${TAKEAWAY_SUGGESTIONS} key takeaways: short sentences`,
  "(under 150 characters each) saying what was learned, realised or decided.",
  `Also propose at most ${ACTION_ITEM_SUGGESTIONS} action items: concrete next steps starting with a verb,`,
  'under 150 characters each. Set "owner" to "mentee" or "mentor" when the notes say who does it, else null;',
  'set "dueInDays" to the number of days from today when the notes give a time, else null.',
  '"[mentor]" and "[mentee]" in the notes stand for the two people; "loggedBy" says which of them wrote the notes,',
  'so "I" in the notes is that person and "you" is the other.',
  "Use only what the notes say. If they hold no takeaways or next steps, answer with empty lists.",
].join(" ");

/** The two people of the pair, for placeholders on the way out and names on the way back. */
export interface PairNames {
  /** The person logging: their role, and every form of their name (see namePartsOf). */
  me: { role: "mentor" | "mentee"; names: readonly string[]; label: string };
  partner: { role: "mentor" | "mentee"; names: readonly string[]; label: string };
}

/**
 * The notes as the model may read them: emails, links, mentions and phone numbers scrubbed, each
 * person's names replaced by their role ("[mentor]", "[mentee]"), then scrubbed again with the
 * names as a safety net.
 */
export function summaryRequestData(notes: SummaryNotes, pair: PairNames): Record<string, unknown> {
  const roleNames = [
    ...pair.me.names.map((n) => [n, pair.me.role] as const),
    ...pair.partner.names.map((n) => [n, pair.partner.role] as const),
  ].sort((a, b) => b[0].length - a[0].length);
  const allNames = [...pair.me.names, ...pair.partner.names];
  const prepare = (text: string | undefined) => {
    // Emails and links first, so a name inside one ("raj.patel@…") doesn't split it.
    let out = scrub(text ?? "", [], 4 * NOTES_SENT_MAX);
    for (const [name, role] of roleNames) if (name.trim()) out = out.replace(nameMatcher(name), `[${role}]`);
    return scrub(out, allNames, NOTES_SENT_MAX);
  };
  return { loggedBy: pair.me.role, agenda: prepare(notes.agenda), notes: prepare(notes.notes) };
}

/** A model's string made safe: roles back to names (local only), no identifiers, one short line. */
function cleanAnswer(text: string, pair: PairNames, max: number): string {
  const named = text
    .replace(new RegExp(`\\[${pair.me.role}\\]`, "gi"), pair.me.label)
    .replace(new RegExp(`\\[${pair.partner.role}\\]`, "gi"), pair.partner.label);
  return capitalise(cleanSuggestion(scrub(named, [], 4 * max), max));
}

/** The model's answer as suggestions: cleaned, de-duplicated, bounded; owners seen from the logger. */
export function fromAiAnswer(
  answer: SessionSummaryAnswer,
  pair: PairNames,
  today: string,
): SummarySuggestion {
  const takeaways = dedupe(answer.takeaways.map((t) => cleanAnswer(t, pair, TAKEAWAY_MAX))).slice(
    0,
    TAKEAWAY_SUGGESTIONS,
  );
  const seen = new Set<string>();
  const actionItems: SuggestedItem[] = [];
  for (const item of answer.actionItems) {
    const text = cleanAnswer(item.text, pair, ACTION_ITEM_MAX);
    const key = normalise(text);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const owner: ItemOwner | null =
      item.owner === pair.me.role ? "me" : item.owner === pair.partner.role ? "partner" : null;
    const days = item.dueInDays;
    const dueOn =
      days !== null && Number.isInteger(days) && days >= 0 && days <= DUE_MAX_DAYS
        ? addDays(today, days)
        : null;
    actionItems.push({ text, owner, dueOn });
    if (actionItems.length === ACTION_ITEM_SUGGESTIONS) break;
  }
  return { takeaways, actionItems };
}

// ---------- the local extraction ----------

interface Unit {
  text: string;
  source: "agenda" | "notes";
  bullet: boolean;
  /** The first sentence of its line. */
  lineStart: boolean;
  /** Under a heading such as "Next steps:" or "Takeaways:". */
  section: "action" | "takeaway" | null;
  order: number;
}

const BULLET = /^\s*(?:[-*•·‣◦–]|\d{1,2}[.)]|\[[ xX]?\])\s*/;
const CHECKBOX = /^\s*(?:[-*•]\s*)?\[ ?\]/;
const ACTION_HEADING =
  /^(?:to-?dos?|to do|actions?|action items?|next steps?|next|follow[- ]?ups?|homework|agreed actions?)\s*[:\-–—]\s*/i;
const TAKEAWAY_HEADING =
  /^(?:key\s+)?(?:takeaways?|points?|insights?|learnings?|lessons?(?: learned| learnt)?|learned|learnt|tips?|remember|notes?)\s*[:\-–—]\s*/i;
const TODO_WORD = /^(?:todo|to-do)\b\s*/i;

const WILL = `(?:will|shall|['’]ll|am going to|['’]m going to|is going to|are going to|need to|needs to|should|must|have to|has to|plan to|plans to|promised to|agreed to|offered to|to)`;
const LEAD_IN = String.raw`^(?:(?:so|and|then|ok|okay|also|next|after that)[,\s]+)*`;
const SELF = new RegExp(`${LEAD_IN}(?:i\\s+${WILL}|i['’]ll)\\s+`, "i");
const YOU = new RegExp(`${LEAD_IN}(?:you\\s+${WILL}|you['’]ll)\\s+`, "i");
const WE = new RegExp(`${LEAD_IN}(?:we\\s+${WILL}|we['’]ll|both of us\\s+${WILL})\\s+`, "i");
const SUBJECTLESS = new RegExp(`${LEAD_IN}(?:will|need to|must|going to)\\s+`, "i");

/** Verbs that start an action when a bullet opens with them ("Send the draft…"). */
const IMPERATIVES = new Set(
  (
    "add apply arrange ask attend book bring build call check choose collect compare complete confirm " +
    "contact create decide draft email explore file find finish fix follow get give invite join learn " +
    "list look make meet message move note organise organize outline pick plan post practise practice " +
    "prepare present print publish put read reach rehearse reply request research reserve revise review " +
    "rewrite run schedule send set share shadow sign start study submit summarise summarize talk test " +
    "think try update upload use visit watch write"
  ).split(" "),
);

const SALIENT =
  /\b(?:learn\w*|realis\w*|realiz\w*|key|important|insight\w*|lesson\w*|understand\w*|understood|decid\w*|agreed|idea\w*|tips?|focus\w*|priorit\w*|better|best|worth|works?|helps?|should|need)\b/i;

const WEEKDAYS: Record<string, number> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};
const NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

function unitsOf(text: string | undefined, source: Unit["source"], start: number): Unit[] {
  const units: Unit[] = [];
  let section: Unit["section"] = null;
  let sectionHasBullets = false;
  let order = start;
  for (const rawLine of (text ?? "").split(/\r?\n/)) {
    if (!rawLine.trim()) {
      section = null;
      continue;
    }
    const bullet = BULLET.test(rawLine);
    // A heading's list ends at a blank line, or at plain text after its bullets.
    if (section && !bullet && sectionHasBullets) section = null;
    if (section && bullet) sectionHasBullets = true;
    const checkbox = CHECKBOX.test(rawLine);
    let line = rawLine.replace(BULLET, "").trim();
    let lineSection: Unit["section"] = checkbox ? "action" : null;
    const action = ACTION_HEADING.exec(line);
    const takeaway = action ? null : TAKEAWAY_HEADING.exec(line);
    if (action || takeaway) {
      line = line.slice((action ?? takeaway)?.[0].length ?? 0).trim();
      lineSection = action ? "action" : "takeaway";
      // A heading on its own line governs the lines under it, until a blank line.
      if (!line) {
        section = lineSection;
        sectionHasBullets = false;
        continue;
      }
    } else if (!bullet && /^[^.!?]{1,60}:$/.test(line)) {
      // Another heading ("Grant:"): whatever came before no longer applies.
      section = null;
      continue;
    }
    const sentences = line.split(/(?<=[.!?])\s+(?=["'(\p{Lu}])|;\s+/u);
    sentences.forEach((sentence, i) => {
      const t = sentence.trim();
      if (!t) return;
      units.push({
        text: t,
        source,
        bullet: bullet && i === 0,
        lineStart: i === 0,
        section: lineSection ?? (bullet || i === 0 ? section : null) ?? null,
        order: order++,
      });
    });
  }
  return units;
}

const wordsOf = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

function capitalise(text: string): string {
  return text ? text.charAt(0).toLocaleUpperCase("en") + text.slice(1) : text;
}

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function dedupe(texts: string[]): string[] {
  const seen = new Set<string>();
  return texts.filter((t) => {
    const key = normalise(t);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function addDays(today: string, days: number): string | null {
  const day = DateTime.fromISO(today, { zone: "UTC" });
  return day.isValid ? day.plus({ days }).toISODate() : null;
}

/** A due date named in an action's words ("by Friday", "tomorrow", "next week", "in 2 weeks"). */
export function dueFromText(text: string, today: string): string | null {
  const day = DateTime.fromISO(today, { zone: "UTC" });
  if (!day.isValid) return null;
  const t = text.toLowerCase();
  if (/\btomorrow\b/.test(t)) return addDays(today, 1);
  if (/\b(?:by|before|until)\s+(?:the\s+)?end\s+of\s+(?:the|this)\s+week\b/.test(t)) {
    const days = (5 - day.weekday + 7) % 7 || 7;
    return addDays(today, days);
  }
  const weekday = /\b(?:by|on|before|until|next|this|till)\s+([a-z]+)\b/.exec(t);
  const wanted = weekday?.[1] ? WEEKDAYS[weekday[1]] : undefined;
  if (wanted) return addDays(today, (wanted - day.weekday + 7) % 7 || 7);
  if (/\bnext\s+week\b/.test(t)) return addDays(today, 7);
  const within = /\bin\s+(\d{1,3}|a|an|one|two|three|four|five|six)\s+(day|week)s?\b/.exec(t);
  if (within?.[1] && within[2]) {
    const n = /\d/.test(within[1]) ? Number(within[1]) : (NUMBERS[within[1]] ?? 0);
    const days = within[2] === "week" ? n * 7 : n;
    if (days >= 1 && days <= DUE_MAX_DAYS) return addDays(today, days);
  }
  return null;
}

interface ActionReading {
  text: string;
  owner: ItemOwner | null;
}

/** Whether a unit reads as an action, who owns it, and its text as a to-do ("Send…"). */
function readAction(
  u: Unit,
  names: { me: readonly string[]; partner: readonly string[] },
): ActionReading | null {
  let text = u.text.replace(TODO_WORD, "");
  const todo = text !== u.text;
  const strip = (re: RegExp) => capitalise(text.replace(re, "").trim());
  if (SELF.test(text)) return { text: strip(SELF), owner: "me" };
  if (YOU.test(text)) return { text: strip(YOU), owner: "partner" };
  if (WE.test(text)) return { text: strip(WE), owner: null };
  for (const [owner, list] of [
    ["me", names.me],
    ["partner", names.partner],
  ] as const) {
    for (const name of list) {
      if (!name.trim()) continue;
      const re = new RegExp(`${LEAD_IN}${escapeRegExp(name)}\\s+(?:${WILL}|['’]ll)\\s+`, "iu");
      if (re.test(text)) return { text: strip(re), owner };
    }
  }
  if (todo || u.section === "action") {
    text = capitalise(text.replace(SUBJECTLESS, "").trim());
    return { text, owner: null };
  }
  if (SUBJECTLESS.test(text) && u.lineStart) return { text: strip(SUBJECTLESS), owner: null };
  const first = wordsOf(text)[0]
    ?.toLowerCase()
    .replace(/[^\p{L}]/gu, "");
  if (u.bullet && first && IMPERATIVES.has(first) && !text.endsWith("?")) {
    return { text: capitalise(text), owner: null };
  }
  return null;
}

/**
 * Tandem's own reading of the notes (no AI, nothing leaves the process): sentences and bullets
 * that commit someone to something ("I will…", "Raj to…", "TODO", "Next:", a bullet opening
 * with a verb) become action items, the owner guessed from "I" (the person logging), "you" (their
 * partner) or a name; other salient lines become takeaways. The same notes give the same answer.
 */
export function localSummary(
  input: SummaryNotes & {
    /** Forms of each person's name (see namePartsOf), to tell "Raj will…" from "Mia will…". */
    names?: { me: readonly string[]; partner: readonly string[] };
    /** Today in the logger's time zone (YYYY-MM-DD), for "by Friday". */
    today: string;
  },
): SummarySuggestion {
  const names = input.names ?? { me: [], partner: [] };
  const agenda = unitsOf(input.agenda, "agenda", 0);
  const notes = unitsOf(input.notes, "notes", agenda.length);

  const actions: SuggestedItem[] = [];
  const rest: Unit[] = [];
  for (const u of [...agenda, ...notes]) {
    const reading = readAction(u, names);
    if (reading) {
      const text = cleanSuggestion(reading.text.replace(/[.;,]+$/, ""), ACTION_ITEM_MAX);
      if (wordsOf(text).length >= 2) {
        actions.push({ text, owner: reading.owner, dueOn: dueFromText(u.text, input.today) });
        continue;
      }
    }
    rest.push(u);
  }
  const candidates = rest
    .filter((u) => {
      const words = wordsOf(u.text).length;
      if (u.text.endsWith("?") || u.text.endsWith(":")) return false;
      if (u.section === "takeaway") return words >= 2;
      if (words < 3 || u.text.length > 400) return false;
      // Agenda lines are topics; they make takeaways only when they say something, or alone.
      return u.source === "notes" || notes.length === 0 || SALIENT.test(u.text);
    })
    .map((u) => {
      let score = 0;
      if (u.section === "takeaway") score += 4;
      if (SALIENT.test(u.text)) score += 2;
      if (u.source === "notes") score += 1;
      if (u.bullet) score += 1;
      return { u, score };
    });
  // The most salient first, shown in the order they were written.
  const seenTakeaways = new Set<string>();
  const takeaways = candidates
    .sort((a, b) => b.score - a.score || a.u.order - b.u.order)
    .map(({ u }) => ({
      order: u.order,
      text: capitalise(cleanSuggestion(u.text.replace(/[.;,]+$/, ""), TAKEAWAY_MAX)),
    }))
    .filter(({ text }) => {
      const key = normalise(text);
      if (!key || seenTakeaways.has(key)) return false;
      seenTakeaways.add(key);
      return true;
    })
    .slice(0, TAKEAWAY_SUGGESTIONS)
    .sort((a, b) => a.order - b.order)
    .map(({ text }) => text);

  const seen = new Set<string>();
  const actionItems = actions
    .filter((a) => {
      const key = normalise(a.text);
      if (!key || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, ACTION_ITEM_SUGGESTIONS);
  return { takeaways, actionItems };
}

// ---------- filling the form, and remembering what the AI wrote ----------

/** A short fingerprint of a suggestion (kept in the modal until saving; never the text itself). */
export function fingerprint(text: string): string {
  return createHash("sha256").update(normalise(text)).digest("hex").slice(0, 10);
}

/** Whether any of `texts` is still, word for word, one of the suggestions fingerprinted. */
export function keepsSuggestions(fingerprints: readonly string[], texts: readonly string[]): boolean {
  if (fingerprints.length === 0) return false;
  const known = new Set(fingerprints);
  return texts.some((t) => normalise(t) !== "" && known.has(fingerprint(t)));
}
