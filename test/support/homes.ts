// Home data for view tests: a newcomer's Home, and the busiest mentorship a Home can show (long
// names everywhere, three goals, three 3000-character action items).
import type { HomeData, HomeMentorship } from "../../src/services/home.ts";

export const newcomerHome: HomeData = {
  slackUserId: "U1",
  name: "Ana",
  role: null,
  status: "ACTIVE",
  pausedUntil: null,
  tz: "Europe/Madrid",
  programs: [],
  isCoordinator: false,
  dashboard: null,
  mentorships: [],
  journal: { recent: [], count: 0 },
  letters: { canAsk: false, asMentee: [], asWriter: [], moreAsMentee: 0, moreAsWriter: 0 },
};

export const busyMentorship = (i: number): HomeMentorship => ({
  id: `m${i}`,
  partnerName: `Partner ${i} ${"n".repeat(200)}`,
  role: i % 2 ? "mentor" : "mentee",
  programName: `Program ${"p".repeat(300)}`,
  since: "3 June 2026",
  pausedUntil: null,
  nextCheckin: "Monday 15 June",
  nextSession: null,
  lastSession: "Friday 12 June",
  agreement: { cadenceDays: 14, channel: "x".repeat(200), waitingFor: i % 2 ? "you" : null },
  goals: Array.from({ length: 3 }, (_, g) => ({
    title: `Goal ${g} ${"g".repeat(300)}`,
    done: 1,
    total: 4,
    achieved: false,
  })),
  myActions: Array.from({ length: 3 }, (_, a) => ({
    id: `a${i}${a}`,
    text: "t".repeat(3000),
    due: "Friday 12 June",
    overdue: a === 0,
  })),
  myOpenActions: 7,
});
