// The kick-off agreement's rules: what a valid version is, and what changed between two.
import { describe, expect, it } from "vitest";
import { agreementChanges, agreementInputSchema, cadenceLabel } from "../../src/domain/agreement.ts";

const base = {
  purpose: "Publish a first paper",
  mentorHopes: null,
  menteeHopes: "Confidence",
  cadenceDays: 14,
  channel: "Video call",
  topics: null,
  confidentiality: "Between us",
  endsOn: "2026-12-18",
};

describe("kick-off agreement", () => {
  it("needs a purpose and one of the offered rhythms; empty answers are stored as none", () => {
    expect(agreementInputSchema.safeParse({ ...base, purpose: "  " }).error?.issues[0]?.message).toBe(
      "Write a sentence about what this mentorship is for.",
    );
    expect(agreementInputSchema.safeParse({ ...base, cadenceDays: 10 }).error?.issues[0]?.path).toEqual([
      "cadenceDays",
    ]);
    expect(agreementInputSchema.parse({ ...base, topics: "   " }).topics).toBeNull();
    expect(agreementInputSchema.safeParse({ ...base, channel: "x".repeat(201) }).success).toBe(false);
  });

  it("describes each change in words, in the form's order, and nothing when nothing changed", () => {
    expect(agreementChanges(base, base)).toEqual([]);
    expect(
      agreementChanges(base, { ...base, cadenceDays: 30, mentorHopes: "Fresh questions", endsOn: null }),
    ).toEqual([
      "What the mentor hopes to gain: (none) → Fresh questions",
      "How often: every two weeks → every month",
      "End date: 2026-12-18 → (none)",
    ]);
    const long = agreementChanges(base, { ...base, purpose: "p".repeat(500) })[0] ?? "";
    expect(long.length).toBeLessThan(200);
  });

  it("names rhythms people recognise", () => {
    expect(cadenceLabel(7)).toBe("every week");
    expect(cadenceLabel(60)).toBe("every two months");
    expect(cadenceLabel(28)).toBe("every 4 weeks");
  });
});
