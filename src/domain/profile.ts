// A member's profile: the choices Tandem offers, and the rules for what a valid profile is.
// Inputs arrive as plain values (from a modal or an import) and are validated here with zod.
import { z } from "zod";
import { participantRoles } from "./roles.ts";

export const careerStages = [
  "STUDENT",
  "TRAINEE",
  "EARLY_CAREER",
  "MID_CAREER",
  "SENIOR",
  "EXECUTIVE",
] as const;
export type CareerStage = (typeof careerStages)[number];
export const careerStageLabels: Record<CareerStage, string> = {
  STUDENT: "Student",
  TRAINEE: "Trainee (resident, intern, apprentice)",
  EARLY_CAREER: "Early career",
  MID_CAREER: "Mid career",
  SENIOR: "Senior",
  EXECUTIVE: "Executive or department lead",
};

export const mentoringKinds = ["CAREER", "TECHNICAL", "RESEARCH", "LEADERSHIP", "WELLBEING"] as const;
export type MentoringKind = (typeof mentoringKinds)[number];
export const mentoringKindLabels: Record<MentoringKind, string> = {
  CAREER: "Career",
  TECHNICAL: "Technical or clinical",
  RESEARCH: "Research",
  LEADERSHIP: "Leadership",
  WELLBEING: "Well-being and work-life",
};

export const meetingModes = ["IN_PERSON", "VIDEO", "CHAT", "ANY"] as const;
export type MeetingMode = (typeof meetingModes)[number];
export const meetingModeLabels: Record<MeetingMode, string> = {
  IN_PERSON: "In person",
  VIDEO: "Video call",
  CHAT: "Chat / async",
  ANY: "No preference",
};

/** Cadence choices, in days between meetings. */
export const cadenceChoices = [
  { days: 7, label: "Every week" },
  { days: 14, label: "Every two weeks" },
  { days: 30, label: "Every month" },
  { days: 60, label: "Every two months" },
] as const;

/** A sensible starting taxonomy for a new program; coordinators edit it per program. */
export const defaultTaxonomy = [
  "Career planning",
  "Leadership",
  "Management",
  "Clinical skills",
  "Research methods",
  "Grant writing",
  "Writing and publishing",
  "Teaching",
  "Public speaking",
  "Data analysis",
  "Software engineering",
  "Product management",
  "Project management",
  "Networking",
  "Negotiation",
  "Work-life balance",
  "Resilience",
  "Entrepreneurship",
] as const;

export const TAG_MAX_LENGTH = 60;
export const TAGS_MAX = 20;

/** Splits free text ("a, b; c") into tags, trimmed, de-duplicated case-insensitively. */
export function splitTags(text: string | undefined | null): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of (text ?? "").split(/[,;\n]/)) {
    const tag = raw.trim().replace(/\s+/g, " ");
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}

/** Chosen taxonomy entries plus free-text tags, de-duplicated (first spelling wins). */
export function mergeTags(chosen: readonly string[], freeText: string | undefined | null): string[] {
  return splitTags([...chosen, ...splitTags(freeText)].join("\n"));
}

const tagList = (one: string, many: string) =>
  z
    .array(z.string().max(TAG_MAX_LENGTH, { error: `Keep each ${one} under ${TAG_MAX_LENGTH} characters.` }))
    .max(TAGS_MAX, { error: `Choose at most ${TAGS_MAX} ${many}.` });

export const profileInputSchema = z
  .object({
    role: z.enum(participantRoles, { error: "Choose how you'd like to take part." }),
    careerStage: z.enum(careerStages, { error: "Choose your career stage." }),
    department: z.string().trim().max(80, { error: "Keep the department under 80 characters." }).optional(),
    team: z.string().trim().max(80, { error: "Keep the team under 80 characters." }).optional(),
    expertise: tagList("area of expertise", "areas of expertise"),
    interests: tagList("area", "areas"),
    mentoringKinds: z.array(z.enum(mentoringKinds)),
    goalsText: z.string().trim().max(1000, { error: "Keep your goals under 1,000 characters." }).optional(),
    mentorCapacity: z.number().int().min(1).max(5, { error: "Choose a capacity from 1 to 5." }),
    preferredCadenceDays: z.number().int().min(1).max(365).optional(),
    meetingMode: z.enum(meetingModes),
    languages: z.array(z.string().max(40, { error: "Keep each language under 40 characters." })).max(10, {
      error: "List at most 10 languages.",
    }),
    managerSlackId: z
      .string()
      .regex(/^[UW][A-Z0-9]+$/)
      .optional(),
    /**
     * "Turn on AI suggestions for me" (offered only when AI is set up). Absent: unchanged. Off
     * deletes the member's cached profile embeddings.
     */
    aiOptIn: z.boolean({ error: "Choose whether to turn on AI suggestions." }).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.role !== "MENTEE" && p.expertise.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["expertise"],
        message: "As a mentor, add at least one area you can help with.",
      });
    }
    if (p.role !== "MENTOR" && p.interests.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["interests"],
        message: "As a mentee, add at least one area you'd like help with.",
      });
    }
    if (p.role !== "MENTEE" && p.mentoringKinds.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["mentoringKinds"],
        message: "Choose at least one kind of mentoring you can offer.",
      });
    }
  });

export type ProfileInput = z.infer<typeof profileInputSchema>;
export type ProfileField = keyof ProfileInput;

/** Validates a profile; on failure returns one message per field (first problem wins). */
export function validateProfile(
  input: unknown,
): { ok: true; profile: ProfileInput } | { ok: false; errors: Partial<Record<ProfileField, string>> } {
  const result = profileInputSchema.safeParse(input);
  if (result.success) return { ok: true, profile: result.data };
  const errors: Partial<Record<ProfileField, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as ProfileField | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}
