// Dashboard data for view tests: an empty workspace, a small program, and the largest a
// dashboard can be asked to show (100 programs in the picker and 400 more, 100,000 people,
// thousands of pairs at risk, long names everywhere).
import type { AiUsageLine, Dashboard, ProgramHealth } from "../../src/services/program-stats.ts";

/** AI not set up (a deployment without a key). */
export const aiOff: AiUsageLine = {
  configured: false,
  days: 30,
  requests: 0,
  failed: 0,
  tokens: 0,
  byFeature: [],
  tokensToday: 0,
  dailyBudget: 0,
};

/** AI set up and used by every feature. */
export function aiUsed(overrides: Partial<AiUsageLine> = {}): AiUsageLine {
  return {
    configured: true,
    days: 30,
    requests: 42,
    failed: 5,
    tokens: 61_250,
    byFeature: [
      { feature: "matching", label: "Semantic matching", requests: 10, failed: 0, tokens: 20_000 },
      { feature: "goal_coaching", label: "Goal coaching", requests: 12, failed: 2, tokens: 15_000 },
      { feature: "session_summary", label: "Session summaries", requests: 15, failed: 3, tokens: 21_250 },
      { feature: "reflection_prompt", label: "Reflection prompts", requests: 5, failed: 0, tokens: 5_000 },
    ],
    tokensToday: 12_500,
    dailyBudget: 200_000,
    ...overrides,
  };
}

export function health(overrides: Partial<ProgramHealth> = {}): ProgramHealth {
  return {
    program: { id: "P1", name: "Nurses", status: "OPEN", cadenceDays: 14 },
    enrolled: { mentees: 6, mentors: 4, people: 9 },
    matchedMentees: 5,
    pairs: { active: 4, paused: 1, closed: 1 },
    sessions: { medianDaysSince: 7, activeWithoutSession: 1, heldRecently: 2 },
    checkins: { sent: 6, answered: 2 },
    goals: { total: 2, achieved: 1 },
    milestones: { total: 4, done: 3 },
    feedback: { responses: 3, average: 2.7 },
    mentorLoad: {
      mentors: 3,
      overCapacity: 1,
      overCommitted: 1,
      listed: [
        { name: "Mia", slackUserId: "UM3", pairs: 2, capacity: 1, pairsEverywhere: 2, ownCapacity: 5 },
        { name: "Max", slackUserId: "UM2", pairs: 1, capacity: 1, pairsEverywhere: 2, ownCapacity: 1 },
      ],
    },
    atRisk: {
      total: 2,
      byReason: { no_session: 1, unanswered: 1, low_feedback: 1 },
      page: 0,
      pageSize: 5,
      pairs: [
        {
          mentorshipId: "m2",
          mentorName: "Mia",
          menteeName: "Ada",
          reasons: ["no_session", "unanswered"],
          idleDays: 40,
          neverMet: false,
          unanswered: 3,
          lastRating: null,
        },
        {
          mentorshipId: "m3",
          mentorName: "Max",
          menteeName: "Bo",
          reasons: ["low_feedback"],
          idleDays: 10,
          neverMet: true,
          unanswered: 0,
          lastRating: 1,
        },
      ],
    },
    messages: { sent: 12, waiting: 30, failed: 1 },
    ...overrides,
  };
}

export function smallDashboard(): Dashboard {
  return {
    programs: [
      { id: "P0", name: "Open mentoring", status: "OPEN" },
      { id: "P1", name: "Nurses", status: "OPEN" },
    ],
    morePrograms: 0,
    health: health(),
    draftRoundId: "R1",
    tz: "Europe/Madrid",
    ai: aiOff,
  };
}

export function emptyDashboard(): Dashboard {
  return { programs: [], morePrograms: 0, health: null, draftRoundId: null, tz: "UTC", ai: aiOff };
}

export function hugeDashboard(): Dashboard {
  const long = (s: string) => `${s} ${"x".repeat(400)}`;
  const programs = Array.from({ length: 100 }, (_, i) => ({
    id: `P${i}`,
    name: long(`Program ${i}`),
    status: i % 7 ? "OPEN" : "CLOSED",
  }));
  return {
    programs,
    morePrograms: 400,
    draftRoundId: "R9",
    tz: "Pacific/Chatham",
    ai: aiUsed({
      requests: 9_999_999,
      tokens: 2_000_000_000,
      tokensToday: 99_999_999,
      dailyBudget: 100_000_000,
    }),
    health: health({
      program: { id: "P3", name: long("Residency"), status: "CLOSED", cadenceDays: 14 },
      enrolled: { mentees: 70_000, mentors: 30_000, people: 100_000 },
      matchedMentees: 45_000,
      pairs: { active: 40_000, paused: 2_000, closed: 10_000 },
      sessions: { medianDaysSince: 12, activeWithoutSession: 3_000, heldRecently: 25_000 },
      checkins: { sent: 80_000, answered: 52_000 },
      goals: { total: 60_000, achieved: 20_000 },
      milestones: { total: 200_000, done: 90_000 },
      feedback: { responses: 150_000, average: 3.1 },
      mentorLoad: {
        mentors: 29_000,
        overCapacity: 1_200,
        overCommitted: 800,
        listed: Array.from({ length: 5 }, (_, i) => ({
          name: long(`Mentor ${i}`),
          slackUserId: `UMENTOR${i}`,
          pairs: 9,
          capacity: 3,
          pairsEverywhere: 12,
          ownCapacity: 2,
        })),
      },
      atRisk: {
        total: 4_321,
        byReason: { no_session: 3_000, unanswered: 2_000, low_feedback: 500 },
        page: 3,
        pageSize: 5,
        pairs: Array.from({ length: 5 }, (_, i) => ({
          mentorshipId: `m${i}`,
          mentorName: long(`Mentor <@U${i}> & co`),
          menteeName: long(`Mentee *${i}*`),
          reasons: ["no_session", "unanswered", "low_feedback"] as const,
          idleDays: 400,
          neverMet: i % 2 === 0,
          unanswered: 9,
          lastRating: 1,
        })).map((p) => ({ ...p, reasons: [...p.reasons] })),
      },
      messages: { sent: 90_000, waiting: 120_000, failed: 4_000 },
    }),
  };
}
