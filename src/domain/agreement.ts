// The kick-off agreement: what a pair agrees on at the start (purpose, what each hopes to gain,
// how often and where they meet, topics, what stays between them, an end date), its
// validation, and what changed between two versions, in words a person reads.
import { z } from "zod";

export const agreementCadences = [
  { days: 7, label: "Every week" },
  { days: 14, label: "Every two weeks" },
  { days: 21, label: "Every three weeks" },
  { days: 30, label: "Every month" },
  { days: 42, label: "Every six weeks" },
  { days: 60, label: "Every two months" },
] as const;

export const DEFAULT_CONFIDENTIALITY =
  "What we talk about stays between us, unless we both agree to share it.";

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep it under ${max} characters.` })
    .transform((s) => (s === "" ? null : s))
    .nullable();

export const agreementFields = {
  purpose: "Purpose",
  mentorHopes: "What the mentor hopes to gain",
  menteeHopes: "What the mentee hopes to gain",
  cadenceDays: "How often",
  channel: "Where",
  topics: "Topics",
  confidentiality: "Confidentiality",
  endsOn: "End date",
} as const;

export type AgreementField = keyof typeof agreementFields;

export const agreementInputSchema = z.object({
  purpose: z
    .string()
    .trim()
    .min(1, { error: "Write a sentence about what this mentorship is for." })
    .max(1000, { error: "Keep it under 1000 characters." }),
  mentorHopes: text(1000),
  menteeHopes: text(1000),
  cadenceDays: z.union(
    agreementCadences.map((c) => z.literal(c.days)),
    {
      error: "Choose how often you'll meet.",
    },
  ),
  channel: text(200),
  topics: text(1000),
  confidentiality: text(1000),
  /** YYYY-MM-DD, or null for no end date. */
  endsOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Choose a date." })
    .nullable(),
});

/** What a form submits: any number for the cadence (validated against the choices). */
export type AgreementInput = Omit<z.input<typeof agreementInputSchema>, "cadenceDays"> & {
  cadenceDays: number;
};
export type AgreementTerms = z.output<typeof agreementInputSchema>;

export function cadenceLabel(days: number): string {
  const known = agreementCadences.find((c) => c.days === days);
  if (known) return known.label.toLowerCase();
  return days % 7 === 0 ? `every ${days / 7} weeks` : `every ${days} days`;
}

function shown(field: AgreementField, value: string | number | null): string {
  if (value === null || value === "") return "(none)";
  if (field === "cadenceDays") return cadenceLabel(Number(value));
  const s = String(value).replace(/\s+/g, " ");
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** What changed between two versions ("How often: every two weeks → every month"), in field order. */
export function agreementChanges(
  before: Partial<Record<AgreementField, string | number | null>> | null,
  after: Record<AgreementField, string | number | null>,
): string[] {
  const changes: string[] = [];
  for (const field of Object.keys(agreementFields) as AgreementField[]) {
    const was = before?.[field] ?? null;
    const now = after[field] ?? null;
    if (String(was ?? "") === String(now ?? "")) continue;
    const label = agreementFields[field];
    changes.push(
      before ? `${label}: ${shown(field, was)} → ${shown(field, now)}` : `${label}: ${shown(field, now)}`,
    );
  }
  return changes;
}
