// People as matching sees them, for domain tests: a plain early-career profile in London working
// 9:00–17:00, with whatever a test overrides.
import { type MatchPerson, type MatchPersonInput, preparePerson } from "../../src/domain/matching/person.ts";

export function matchPerson(
  id: string,
  over: Partial<MatchPersonInput> = {},
  at: Date = new Date("2026-01-15T12:00:00Z"),
): MatchPerson {
  return preparePerson(
    {
      id,
      slackUserId: `U${id.toUpperCase()}`,
      careerStage: "EARLY_CAREER",
      department: "Cardiology",
      managerSlackId: null,
      needs: [],
      expertise: [],
      kinds: [],
      tz: "Europe/London",
      workdayStartMinute: 540,
      workdayEndMinute: 1020,
      languages: [],
      meetingMode: "ANY",
      capacity: 2,
      ...over,
    },
    at,
  );
}
