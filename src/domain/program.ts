// A program's settings: what coordinators may choose, and the rules a valid program follows.
import { z } from "zod";

export const departmentRules = ["IGNORE", "PREFERRED", "REQUIRED"] as const;
export const departmentRuleLabels: Record<(typeof departmentRules)[number], string> = {
  IGNORE: "Departments don't matter",
  PREFERRED: "Prefer pairs across departments",
  REQUIRED: "Only pair across departments",
};

export const programStatuses = ["OPEN", "CLOSED", "ARCHIVED"] as const;
export const programStatusLabels: Record<(typeof programStatuses)[number], string> = {
  OPEN: "Open: people can join",
  CLOSED: "Closed to new members",
  ARCHIVED: "Archived",
};

export const checkinCadences = [
  { days: 7, label: "Every week" },
  { days: 14, label: "Every two weeks" },
  { days: 30, label: "Every month" },
] as const;

/** How often a pair is asked to look back together, in weeks (the default is 12). */
export const reviewIntervals = [4, 6, 8, 12, 26] as const;
export const DEFAULT_REVIEW_WEEKS = 12;

/** The hours a program's scheduled messages may go out, as minutes after midnight (06:00–21:00). */
export const messageHours = Array.from({ length: 16 }, (_, i) => (6 + i) * 60);
export const DEFAULT_WORKDAY = { startMinute: 9 * 60, endMinute: 17 * 60 } as const;

/** 540 → "09:00". */
export function hourLabel(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

export const TAXONOMY_MAX = 100;
export const TAXONOMY_ENTRY_MAX = 75;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Choose a date." });
const int = (min: number, max: number, what: string) =>
  z
    .number({ error: `Enter ${what} as a whole number.` })
    .int({ error: `Enter ${what} as a whole number.` })
    .min(min, { error: `${what[0]?.toUpperCase()}${what.slice(1)} must be at least ${min}.` })
    .max(max, { error: `${what[0]?.toUpperCase()}${what.slice(1)} must be at most ${max}.` });

export const programInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: "Give the program a name." })
      .max(80, { error: "Keep the name under 80 characters." }),
    description: z
      .string()
      .trim()
      .max(500, { error: "Keep the description under 500 characters." })
      .optional(),
    kind: z.enum(["COHORT", "EVERGREEN"], { error: "Choose cohort or evergreen." }),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
    status: z.enum(programStatuses),
    checkinCadenceDays: z.union(
      checkinCadences.map((c) => z.literal(c.days)),
      {
        error: "Choose how often check-ins go out.",
      },
    ),
    midCadencePulse: z.boolean(),
    reviewEveryWeeks: int(2, 52, "the review interval in weeks"),
    workdayStartMinute: z
      .number({ error: "Choose when messages may start." })
      .refine((m) => messageHours.includes(m), { error: "Choose when messages may start." }),
    workdayEndMinute: z
      .number({ error: "Choose until when messages may go out." })
      .refine((m) => messageHours.includes(m), { error: "Choose until when messages may go out." }),
    departmentRule: z.enum(departmentRules),
    avoidSameReportingLine: z.boolean(),
    repeatCooldownMonths: int(0, 60, "the repeat-pair cooldown in months"),
    minOverlapHours: int(0, 8, "the working-hours overlap"),
    mentorCapacityCap: int(1, 5, "the mentor capacity cap"),
    taxonomy: z
      .array(
        z.string().max(TAXONOMY_ENTRY_MAX, {
          error: `Keep each area under ${TAXONOMY_ENTRY_MAX} characters.`,
        }),
      )
      .max(TAXONOMY_MAX, { error: `List at most ${TAXONOMY_MAX} areas.` }),
    aiAllowed: z.boolean(),
  })
  .superRefine((p, ctx) => {
    if (p.kind === "COHORT") {
      if (!p.startsOn)
        ctx.addIssue({ code: "custom", path: ["startsOn"], message: "A cohort needs a start date." });
      if (!p.endsOn)
        ctx.addIssue({ code: "custom", path: ["endsOn"], message: "A cohort needs an end date." });
    }
    if (p.workdayEndMinute <= p.workdayStartMinute) {
      ctx.addIssue({
        code: "custom",
        path: ["workdayEndMinute"],
        message: `Choose a time after ${hourLabel(p.workdayStartMinute)}, when messages start.`,
      });
    }
    if (p.startsOn && p.endsOn && p.endsOn <= p.startsOn) {
      ctx.addIssue({
        code: "custom",
        path: ["endsOn"],
        message: "The end date must be after the start date.",
      });
    }
  });

export type ProgramInput = z.infer<typeof programInputSchema>;
export type ProgramField = keyof ProgramInput;

export function validateProgram(
  input: unknown,
): { ok: true; program: ProgramInput } | { ok: false; errors: Partial<Record<ProgramField, string>> } {
  const result = programInputSchema.safeParse(input);
  if (result.success) return { ok: true, program: result.data };
  const errors: Partial<Record<ProgramField, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as ProgramField | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/** One area per line (or comma), trimmed, de-duplicated case-insensitively. */
export function parseTaxonomy(text: string | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of (text ?? "").split(/[\n,]/)) {
    const entry = raw.trim().replace(/\s+/g, " ");
    if (entry && !seen.has(entry.toLowerCase())) {
      seen.add(entry.toLowerCase());
      out.push(entry);
    }
  }
  return out;
}

/** The parts of a pair's score a program may weigh differently (see domain/matching/score.ts). */
export const matchingWeightKeys = [
  "topics",
  "stage",
  "kinds",
  "overlap",
  "language",
  "meeting",
  "department",
  "similarity",
] as const;

/** A program's matchingWeights: any of the parts, each 0–100; the rest keep their defaults. */
export const matchingWeightsSchema = z
  .object(
    Object.fromEntries(
      matchingWeightKeys.map((k) => [
        k,
        z
          .number({ error: `Enter the ${k} weight as a number.` })
          .min(0)
          .max(100)
          .optional(),
      ]),
    ) as Record<(typeof matchingWeightKeys)[number], z.ZodOptional<z.ZodNumber>>,
  )
  .strict()
  .refine(
    (w) => Object.values(w).some((v) => (v ?? 0) > 0) || Object.keys(w).length < matchingWeightKeys.length,
    {
      error: "At least one weight must be above 0.",
    },
  );

export type MatchingWeights = z.infer<typeof matchingWeightsSchema>;

/** Stored weights (JSON) as scoring takes them; undefined when absent or not valid. */
export function parseMatchingWeights(raw: unknown): MatchingWeights | undefined {
  if (raw === null || raw === undefined) return undefined;
  const parsed = matchingWeightsSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
