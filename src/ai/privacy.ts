// Personal data minimisation on the way to the model, and clean-up on the way back.
// In: names, emails, phone numbers, links and Slack mentions are replaced by neutral placeholders,
// so a prompt says "[name]" where a note said "Mia Santos". Out: a suggestion is plain text for a
// person to edit; it can't ping a channel, mention someone or carry a link Tandem didn't write.

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const SLACK_USER = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g;
const SLACK_CHANNEL = /<#C[A-Z0-9]+(?:\|[^>]*)?>/g;
const SLACK_SPECIAL = /<![^>]*>/g;
const SLACK_LINK = /<(?:https?|mailto|tel):[^>]*>/gi;
const URL_TEXT = /\bhttps?:\/\/[^\s<>]+/gi;
const BARE_DOMAIN_URL = /\bwww\.[^\s<>]+/gi;
// Seven or more digits, possibly split by spaces, dots, dashes or brackets, optionally after "+".
const PHONE = /(?<![\p{L}\p{N}])\+?\d[\d\s().-]{5,}\d(?![\p{L}\p{N}])/gu;

/** Seven digits or more that aren't a date or a range of years ("2026-03-01", "2019-2024"). */
function isPhoneNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "");
  if (digits.length < 7) return false;
  if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(candidate.trim())) return false;
  if (/^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(candidate.trim())) return false;
  if (/^(19|20)\d\d\s*[-–]\s*(19|20)\d\d$/.test(candidate.trim())) return false;
  return true;
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * `name` as a whole word ("Mia" in "mia agreed", not in "Miami"), global. In any case, except
 * names of one or two letters ("Li", "An"), which match only as written, not the word "an".
 */
export function nameMatcher(name: string): RegExp {
  const flags = name.replace(/\W/g, "").length <= 2 ? "gu" : "giu";
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, flags);
}

/** The names to hide: each full name and each part of it of 2 letters or more ("Li", "Jo"). */
export function namePartsOf(...names: Array<string | null | undefined>): string[] {
  const parts = new Set<string>();
  for (const name of names) {
    const full = (name ?? "").replace(/\s+/g, " ").trim();
    if (!full) continue;
    parts.add(full);
    for (const part of full.split(/[\s,]+/)) if (part.replace(/\W/g, "").length >= 2) parts.add(part);
  }
  // Longest first, so "Mia Santos" is replaced before "Mia".
  return [...parts].sort((a, b) => b.length - a.length);
}

/**
 * Text fit to send to a model: personal identifiers replaced, whitespace tidied, cut to `max`.
 * Names match as whole words in any case ("mia" too), since notes are typed quickly.
 */
export function scrub(text: string, names: readonly string[] = [], max = 4000): string {
  let out = text
    .replace(SLACK_USER, "[person]")
    .replace(SLACK_CHANNEL, "[channel]")
    .replace(SLACK_SPECIAL, "")
    .replace(SLACK_LINK, "[link]")
    .replace(EMAIL, "[email]")
    .replace(URL_TEXT, "[link]")
    .replace(BARE_DOMAIN_URL, "[link]")
    .replace(PHONE, (m) => (isPhoneNumber(m) ? "[phone]" : m));
  for (const name of names) {
    if (!name.trim()) continue;
    out = out.replace(nameMatcher(name), "[name]");
  }
  out = out
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/**
 * A model's suggestion made safe to show and store: one line, no Slack control sequences
 * (mentions, @channel, links), no markdown headings or list markers, at most `max` characters.
 * Empty when nothing usable is left.
 */
export function cleanSuggestion(text: string, max: number): string {
  const out = text
    .replace(/<[^>]*>/g, " ")
    .replace(/(^|\s)@(channel|here|everyone)\b/gi, "$1")
    .replace(URL_TEXT, "")
    .replace(/^\s*(?:#+|[-*•]|\d+[.)])\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
  return out.length > max ? `${out.slice(0, max - 1).trimEnd()}…` : out;
}
