// Reads a roster pasted by a coordinator: one person per line, a Slack id (or @mention) or an
// email, then a role. Every line that can't be read is reported with its number; none is dropped.
import { type ParticipantRole, parseParticipantRole } from "./roles.ts";

export type RosterRef = { kind: "slack"; id: string } | { kind: "email"; email: string };

export interface RosterRow {
  line: number;
  ref: RosterRef;
  role: ParticipantRole;
}

export interface RosterProblem {
  line: number;
  text: string;
  problem: string;
}

export const ROSTER_MAX_ROWS = 2000;

const slackId = /^(?:<@)?@?([UW][A-Z0-9]{2,})(?:\|[^>]*)?>?$/;
const email = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

function cells(line: string): string[] {
  return line
    .split(/[,;\t]/)
    .map((c) =>
      c
        .trim()
        .replace(/^"(.*)"$/, "$1")
        .trim(),
    )
    .filter((c) => c !== "");
}

const looksLikeHeader = (c: string[]) => c.some((x) => /^(email|slack|user|id|name|role|person)/i.test(x));

export function parseRoster(text: string): { rows: RosterRow[]; problems: RosterProblem[] } {
  const rows: RosterRow[] = [];
  const problems: RosterProblem[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const c = cells(raw);
    if (c.length === 0) return;
    if (index === 0 && looksLikeHeader(c) && !c.some((x) => slackId.test(x) || email.test(x))) return;
    const [who = "", roleText] = c;
    const idMatch = slackId.exec(who);
    const ref: RosterRef | undefined = idMatch?.[1]
      ? { kind: "slack", id: idMatch[1] }
      : email.test(who)
        ? { kind: "email", email: who.toLowerCase() }
        : undefined;
    if (!ref) {
      problems.push({ line, text: raw.trim(), problem: "Not a Slack member id (U…) or an email address." });
      return;
    }
    const role = roleText === undefined ? undefined : parseParticipantRole(roleText);
    if (!role) {
      problems.push({
        line,
        text: raw.trim(),
        problem:
          roleText === undefined
            ? "Add a role: mentee, mentor or both."
            : `"${roleText}" isn't a role: use mentee, mentor or both.`,
      });
      return;
    }
    const key = ref.kind === "slack" ? ref.id : ref.email;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line, text: raw.trim(), problem: `The same person is on line ${first}.` });
      return;
    }
    seen.set(key, line);
    rows.push({ line, ref, role });
  });
  if (rows.length > ROSTER_MAX_ROWS) {
    problems.push({
      line: rows[ROSTER_MAX_ROWS]?.line ?? 0,
      text: "",
      problem: `At most ${ROSTER_MAX_ROWS} people per import.`,
    });
    rows.length = ROSTER_MAX_ROWS;
  }
  return { rows, problems };
}
