// When people's text may go to the AI service. AI is opt-in twice: the coordinator allows it per
// program, and each person turns it on in their profile. Text shared by a pair (session notes,
// takeaways) needs both of them; a person's own text (a goal, their profile) needs only them.
// Without consent every feature still works, with Tandem's local suggestion instead.

export type AiConsent = { allowed: true } | { allowed: false; reason: string };

interface ProgramAi {
  aiAllowed: boolean;
}
interface PersonAi {
  aiOptIn: boolean;
}

const NO_PROGRAM = "your program doesn't use AI suggestions";
const YOU_OFF = "you haven't turned on AI suggestions in your profile";

/** A person's own text, in one of their programs (any program of theirs that allows AI will do). */
export function personConsent(person: PersonAi, programs: readonly ProgramAi[]): AiConsent {
  if (!programs.some((p) => p.aiAllowed)) return { allowed: false, reason: NO_PROGRAM };
  if (!person.aiOptIn) return { allowed: false, reason: YOU_OFF };
  return { allowed: true };
}

/** Text the pair shares: the program allows AI and both people turned it on. */
export function pairConsent(
  program: ProgramAi,
  me: PersonAi,
  partner: PersonAi & { displayName?: string },
): AiConsent {
  if (!program.aiAllowed) return { allowed: false, reason: NO_PROGRAM };
  if (!me.aiOptIn) return { allowed: false, reason: YOU_OFF };
  if (!partner.aiOptIn) {
    const who = partner.displayName ? `${partner.displayName} hasn't` : "your partner hasn't";
    return { allowed: false, reason: `${who} turned on AI suggestions` };
  }
  return { allowed: true };
}
