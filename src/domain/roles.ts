// Participant roles in plain words, and parsing what people type.
export const participantRoles = ["MENTEE", "MENTOR", "BOTH"] as const;
export type ParticipantRole = (typeof participantRoles)[number];

const typed: Record<string, ParticipantRole> = {
  mentee: "MENTEE",
  mentees: "MENTEE",
  mentor: "MENTOR",
  mentors: "MENTOR",
  both: "BOTH",
};

/** "mentee" / "Mentor" / "both" → the role; anything else → undefined. */
export function parseParticipantRole(text: string): ParticipantRole | undefined {
  return typed[text.trim().toLowerCase()];
}

export function describeRole(role: ParticipantRole): string {
  return role === "BOTH" ? "a mentee and a mentor" : role === "MENTEE" ? "a mentee" : "a mentor";
}
