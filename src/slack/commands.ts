// The /mentor subcommands Tandem understands: one catalogue serves routing, help and
// "did you mean" suggestions, so they can never disagree.
export interface SubcommandInfo {
  name: string;
  usage: string;
  summary: string;
}

export const subcommands: readonly SubcommandInfo[] = [
  { name: "help", usage: "/mentor help", summary: "What Tandem can do and how to ask for it." },
  {
    name: "join",
    usage: "/mentor join [mentee|mentor|both]",
    summary: "Join the mentorship program as a mentee, a mentor, or both.",
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
