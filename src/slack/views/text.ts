// Small helpers for Block Kit text: escaping user-supplied strings and staying inside Slack's limits.
import type { MrkdwnElement, PlainTextElement } from "@slack/types";

/** Escapes &, < and > as Slack asks, so user text can't become a mention or a link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts text to `max` characters, ending with an ellipsis when it had to cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

export function plain(text: string, max = 3000): PlainTextElement {
  return { type: "plain_text", text: truncate(text, max), emoji: true };
}

export function mrkdwn(text: string, max = 3000): MrkdwnElement {
  return { type: "mrkdwn", text: truncate(text, max) };
}

/** "1 pair", "3 pairs", "2 people enrolled": a count with its noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
