// Pair scoring and ranking: hard rules, reasons in plain words, and a stable top-k.
import { describe, expect, it } from "vitest";
import { MentorIndex } from "../../src/domain/matching/candidates.ts";
import { type MatchPersonInput, overlapMinutes, preparePerson } from "../../src/domain/matching/person.ts";
import { rankMentors } from "../../src/domain/matching/rank.ts";
import { type MatchRules, scorePair } from "../../src/domain/matching/score.ts";
import { matchPerson } from "../support/match-people.ts";

const at = new Date("2026-01-15T12:00:00Z");
const rules: MatchRules = { departmentRule: "PREFERRED", avoidSameReportingLine: true, minOverlapHours: 2 };

const person = (id: string, over: Partial<MatchPersonInput> = {}) => matchPerson(id, over, at);

const mentee = person("mia", { needs: ["Research methods", "Grant writing"], careerStage: "TRAINEE" });
const mentor = person("raj", {
  expertise: ["research methods", "Grant Writing", "Leadership"],
  careerStage: "MID_CAREER",
  department: "Surgery",
  kinds: ["RESEARCH"],
});

describe("scorePair", () => {
  it("scores a strong pair high and explains it in plain words", () => {
    const v = scorePair(mentee, mentor, rules);
    expect(v.eligible).toBe(true);
    if (!v.eligible) return;
    expect(v.score).toBeGreaterThan(80);
    expect(v.reasons).toEqual([
      "both in research methods and grant writing",
      "2 stages apart",
      "8 h working overlap",
      "different departments",
    ]);
  });

  it("a mentor one or two stages ahead beats a peer or someone far ahead", () => {
    const score = (stage: MatchPersonInput["careerStage"]) => {
      const v = scorePair(
        mentee,
        person("x", { expertise: ["Research methods"], careerStage: stage }),
        rules,
      );
      return v.eligible ? v.score : -1;
    };
    expect(score("EARLY_CAREER")).toBeGreaterThan(score("TRAINEE"));
    expect(score("MID_CAREER")).toBeGreaterThan(score("EXECUTIVE"));
    expect(score("STUDENT")).toBeLessThan(score("TRAINEE"));
  });

  it.each([
    [{ managerSlackId: "URAJ" }, {}, "same reporting line (manager and report)"],
    [{ managerSlackId: "UBOSS" }, { managerSlackId: "UBOSS" }, "same reporting line (same manager)"],
    [{ languages: ["Spanish"] }, { languages: ["German"] }, "no language in common"],
    [{ tz: "Pacific/Auckland" }, {}, "only 0 h of shared working hours"],
    [{}, { expertise: ["Cooking"], kinds: [] }, "offers none of the areas asked for"],
  ] as const)("hard rule: %o / %o → %s", (menteeOver, mentorOver, reason) => {
    const a = person("mia", { needs: ["Research methods"], ...menteeOver });
    const b = person("raj", { expertise: ["Research methods"], ...mentorOver });
    expect(scorePair(a, b, rules)).toEqual({ eligible: false, reason });
  });

  it("cross-department required rules out the same department; history blocks are explained", () => {
    const a = person("mia", { needs: ["Research methods"], department: "Surgery" });
    const b = person("raj", { expertise: ["Research methods"], department: " surgery " });
    expect(scorePair(a, b, { ...rules, departmentRule: "REQUIRED" })).toMatchObject({ eligible: false });
    expect(
      scorePair(a, b, rules, { blockedBecause: "paired before, within the program's cooldown" }),
    ).toEqual({
      eligible: false,
      reason: "paired before, within the program's cooldown",
    });
  });

  it("a related word counts half and is named as related expertise", () => {
    const v = scorePair(
      person("mia", { needs: ["Research design"] }),
      person("raj", { expertise: ["Research methods"] }),
      rules,
    );
    expect(v.eligible && v.reasons[0]).toBe("related expertise");
  });
});

describe("working-hours overlap", () => {
  it("counts the shared minutes across time zones, including across midnight UTC", () => {
    const london = person("a");
    expect(overlapMinutes(london, person("b", { tz: "America/New_York" }))).toBe(3 * 60);
    expect(overlapMinutes(london, person("c", { tz: "Asia/Kolkata" }))).toBe(150); // 03:30-11:30 UTC vs 09:00-17:00
    const sydney = person("d", { tz: "Australia/Sydney" });
    const tokyo = person("e", { tz: "Asia/Tokyo" });
    expect(overlapMinutes(sydney, tokyo)).toBe(6 * 60);
  });

  it("follows daylight-saving time at the moment of matching", () => {
    const summer = new Date("2026-07-15T12:00:00Z");
    const a = preparePerson({ ...person("a"), tz: "Europe/London", capacity: 1 }, summer);
    const b = preparePerson({ ...person("b"), tz: "America/New_York", capacity: 1 }, summer);
    expect(overlapMinutes(a, b)).toBe(3 * 60);
  });
});

describe("rankMentors", () => {
  const mentors = Array.from({ length: 60 }, (_, i) =>
    person(`m${String(i).padStart(2, "0")}`, {
      expertise:
        i % 3 === 0
          ? ["Research methods", "Grant writing"]
          : i % 3 === 1
            ? ["Research methods"]
            : ["Grant writing", "Teaching"],
      careerStage: (["EARLY_CAREER", "MID_CAREER", "SENIOR"] as const)[i % 3] ?? "SENIOR",
      capacity: i % 5,
      department: i % 2 ? "Surgery" : "Cardiology",
    }),
  );

  it("returns the same top-k as scoring everyone and sorting, with ties broken by free places then id", () => {
    const top = rankMentors(mentee, mentors, rules, { limit: 7 });
    const all = mentors
      .filter((m) => m.capacity > 0)
      .map((m) => ({ m, v: scorePair(mentee, m, rules, {}, false) }))
      .filter((x) => x.v.eligible)
      .map((x) => ({ id: x.m.id, score: x.v.eligible ? x.v.score : 0, capacity: x.m.capacity }))
      .sort((a, b) => b.score - a.score || b.capacity - a.capacity || a.id.localeCompare(b.id))
      .slice(0, 7)
      .map((x) => x.id);
    expect(top.map((r) => r.mentor.id)).toEqual(all);
    expect(top.every((r) => r.reasons.length > 0)).toBe(true);
  });

  it("filters by topic and never suggests a full mentor", () => {
    const teaching = rankMentors(mentee, mentors, rules, { limit: 50, query: "teach" });
    expect(teaching.length).toBeGreaterThan(0);
    expect(teaching.every((r) => r.mentor.expertiseSet.has("teaching") && r.mentor.capacity > 0)).toBe(true);
  });
});

describe("MentorIndex", () => {
  it("misses no eligible pair: candidates ∪ hard-rule rejects = everyone (random people)", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const tags = [
      "Research methods",
      "Research design",
      "Grant writing",
      "Teaching",
      "Clinical skills",
      "Leadership",
      "Data analysis",
      "Writing and publishing",
    ];
    const pick = (n: number) =>
      Array.from({ length: n }, () => tags[Math.floor(rand() * tags.length)] ?? "Teaching");
    const kinds = ["CAREER", "TECHNICAL", "RESEARCH", "LEADERSHIP", "WELLBEING"] as const;
    const mentors = Array.from({ length: 80 }, (_, j) =>
      person(`r${j}`, {
        expertise: pick(1 + Math.floor(rand() * 3)),
        kinds: rand() < 0.5 ? [kinds[j % 5] ?? "CAREER"] : [],
      }),
    );
    const index = new MentorIndex(mentors);
    for (let i = 0; i < 60; i++) {
      const mentee = person(`e${i}`, {
        needs: pick(1 + Math.floor(rand() * 2)),
        kinds: rand() < 0.3 ? [kinds[i % 5] ?? "CAREER"] : [],
      });
      const eligibleAll = mentors
        .filter((m) => scorePair(mentee, m, rules, {}, false).eligible)
        .map((m) => m.id);
      const eligibleIndexed = index
        .candidates(mentee)
        .map((j) => mentors[j])
        .filter((m) => m && scorePair(mentee, m, rules, {}, false).eligible)
        .map((m) => m?.id);
      expect(eligibleIndexed).toEqual(eligibleAll);
    }
  });
});
