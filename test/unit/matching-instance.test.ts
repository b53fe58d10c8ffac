// Building a round's solver input: every eligible pair, the reasons others were ruled out, and
// locks that survive only while their pair is still allowed.
import { describe, expect, it } from "vitest";
import { solveAssignment, verifyOptimal } from "../../src/domain/matching/assignment.ts";
import { buildInstance, describeNoEligibleMentor } from "../../src/domain/matching/instance.ts";
import type { MatchPersonInput } from "../../src/domain/matching/person.ts";
import type { MatchRules } from "../../src/domain/matching/score.ts";
import { matchPerson } from "../support/match-people.ts";

const at = new Date("2026-02-10T12:00:00Z");
const rules: MatchRules = { departmentRule: "IGNORE", avoidSameReportingLine: true, minOverlapHours: 2 };
const person = (id: string, over: Partial<MatchPersonInput>) =>
  matchPerson(id, { careerStage: "TRAINEE", department: null, capacity: 1, ...over }, at);

describe("buildInstance", () => {
  const mentees = [
    person("a", { needs: ["Teaching"] }),
    person("b", { needs: ["Teaching"], languages: ["Spanish"] }),
    person("c", { needs: ["Astronomy"] }),
  ];
  const mentors = [
    person("x", { expertise: ["Teaching"], careerStage: "SENIOR", languages: ["German"] }),
    person("y", { expertise: ["Teaching"], careerStage: "SENIOR", tz: "Asia/Tokyo" }),
  ];

  it("keeps every eligible pair and tallies why the others were ruled out", () => {
    const instance = buildInstance(mentees, mentors, rules, () => ({}));
    const pairs = [...instance.input.edgeMentee].map(
      (i, k) => `${mentees[i]?.id}-${mentors[instance.input.edgeMentor[k] ?? 0]?.id}`,
    );
    expect(pairs).toEqual(["a-x"]);
    expect(Object.fromEntries(instance.ruledOut[1] ?? [])).toEqual({
      "no language in common": 1,
      "only 0 h of shared working hours": 1,
    });
    expect(describeNoEligibleMentor(instance.ruledOut[2], mentors.length)).toBe(
      "no eligible mentor (2 offers none of the areas asked for)",
    );
    expect(describeNoEligibleMentor(instance.ruledOut[1], mentors.length)).toBe(
      "no eligible mentor (1 no language in common; 1 too few shared working hours)",
    );
  });

  it("a lock on a pair that is no longer allowed is dropped, and the round still solves", () => {
    const instance = buildInstance(mentees, mentors, rules, () => ({}), [
      ["a", "x"],
      ["b", "x"],
    ]);
    expect(instance.input.locked).toEqual([[0, 0]]);
    const result = solveAssignment(instance.input);
    expect(result.pairs).toEqual([[0, 0]]);
    expect(verifyOptimal(instance.input, result)).toEqual([]);
  });

  it("history can block a pair, with its own reason", () => {
    const instance = buildInstance(mentees, mentors, rules, (mentee, mentor) =>
      mentee.id === "a" && mentor.id === "x"
        ? { blockedBecause: "paired before, within the program's cooldown" }
        : {},
    );
    expect(instance.input.edgeMentee.length).toBe(0);
    expect(Object.fromEntries(instance.ruledOut[0] ?? [])).toMatchObject({
      "paired before, within the program's cooldown": 1,
    });
  });
});
