// The /mentor subcommands Tandem understands: one catalogue serves routing, help and
// "did you mean" suggestions, so they can never disagree.
export interface SubcommandInfo {
  name: string;
  usage: string;
  summary: string;
  /** Coordinator commands are listed in their own section of help. */
  forCoordinators?: boolean;
}

export const subcommands: readonly SubcommandInfo[] = [
  { name: "help", usage: "/mentor help", summary: "What Tandem can do and how to ask for it." },
  {
    name: "join",
    usage: "/mentor join [mentee|mentor|both]",
    summary: "Join as a mentee, a mentor, or both: a short profile helps Tandem match you.",
  },
  { name: "profile", usage: "/mentor profile", summary: "See and edit your profile." },
  {
    name: "find",
    usage: "/mentor find [topic]",
    summary: "Mentors who fit you, with the reasons, and a button to ask one.",
  },
  { name: "programs", usage: "/mentor programs", summary: "The mentorship programs you can join." },
  {
    name: "agreement",
    usage: "/mentor agreement",
    summary: "Fill in or revise the kick-off agreement with your partner.",
  },
  {
    name: "goals",
    usage: "/mentor goals",
    summary: "Your goals and milestones: add them, tick them off, recalibrate.",
  },
  {
    name: "log",
    usage: "/mentor log",
    summary: "Log a session: agenda, private notes, takeaways and action items.",
  },
  {
    name: "journal",
    usage: "/mentor journal [words]",
    summary: "Browse and search your learning journal, add a note, export it.",
  },
  {
    name: "feedback",
    usage: "/mentor feedback",
    summary: "Say how your mentorship is going: private unless you share it.",
  },
  {
    name: "letter",
    usage: "/mentor letter",
    summary: "Ask a mentor for a strong letter of recommendation, with a packet and deadline reminders.",
  },
  {
    name: "pause",
    usage: "/mentor pause [until 2026-12-01 | 3 weeks]",
    summary: "No matches, check-ins or requests for a while; it ends by itself.",
  },
  { name: "resume", usage: "/mentor resume", summary: "End a pause now." },
  { name: "leave", usage: "/mentor leave", summary: "Leave Tandem; your partners are told politely." },
  {
    name: "export",
    usage: "/mentor export",
    summary: "Get everything Tandem keeps about you, as a file in DM.",
  },
  {
    name: "delete-my-data",
    usage: "/mentor delete-my-data",
    summary: "Erase everything Tandem keeps about you.",
  },
  {
    name: "program",
    usage: "/mentor program new | edit <name> | announce [<name>] #channel | roster <name> | export <name>",
    summary: "Create, edit and announce programs, import rosters, and export a program's pairs as CSV.",
    forCoordinators: true,
  },
  {
    name: "match",
    usage: "/mentor match [<program>]",
    summary: "Run a matching round: a draft to review, then publish.",
    forCoordinators: true,
  },
  {
    name: "coordinators",
    usage: "/mentor coordinators [add|remove @person]",
    summary: "See who coordinates, and name or remove coordinators.",
    forCoordinators: true,
  },
];

export const subcommandNames = subcommands.map((s) => s.name);

/** Splits "/mentor join mentee" text into the subcommand and the rest. Empty text means help. */
export function parseCommandText(text: string): { name: string; args: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { name: "help", args: "" };
  const [first = "", ...rest] = trimmed.split(/\s+/);
  return { name: first.toLowerCase(), args: rest.join(" ") };
}

/** `<@U123|name>` or `<@U123>` → U123 (slash commands escape mentions when should_escape is on). */
export function mentionedUserIds(text: string): string[] {
  return [...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1] ?? "").filter(Boolean);
}

/** `<#C123|general>` or `<#C123>` → C123. */
export function mentionedChannelIds(text: string): string[] {
  return [...text.matchAll(/<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1] ?? "").filter(Boolean);
}
