// Check-in flows end to end, the way the pair and their coordinator live them: every answer on a
// nudge, the mid-cadence pulse, the silent streak and "shall we keep going?", the at-risk flag,
// delivery in each person's own working hours (time zones, weekends, daylight saving, a vacation
// status, people who left or were deactivated), Slack refusing or throttling, reflection prompts,
// and someone clicking a check-in that isn't theirs. Each scene runs the real Tandem against the
// Slack stand-in with an injected clock that only moves forward; letting time pass runs each job
// at its due moment, as the scheduler's minute tick would.
import { DateTime } from "luxon";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { errorsByLabel } from "../support/modal-filler.ts";
import {
  ask,
  click,
  defaultProgram,
  directoryEvent,
  dmsTo,
  eventually,
  requireMember,
  type,
  waitForDm,
} from "../support/person.ts";
import type { NewSlackUser, StoredMessage } from "../support/slack-api-stand-in.ts";
import {
  buttonsIn,
  profileAnswers,
  startTestTandem,
  submitModal,
  type TestTandem,
  visibleText,
} from "../support/tandem.ts";

// ---------- what people read ----------

const NUDGE = "Have you met since the last check-in?";
const PULSE = "Quick pulse";
const KEEP_GOING = "Would you like to keep going";
const REFLECTION = "A question to reflect on";
const NUDGE_BUTTONS = [
  "We met: log it",
  "We rescheduled",
  "Not yet",
  "Remind me in a week",
  "Pause check-ins",
];
const PULSE_BUTTONS = ["Going well", "Okay", "Could be better", "Not working"];
const CONTINUE_BUTTONS = ["Keep going", "Pause check-ins", "Close our mentorship"];
const PROGRAM = "Open mentoring";
const DAY_MS = 24 * 60 * 60 * 1000;

type Person = NewSlackUser & { id: string; real_name: string; tz: string };
type Role = "MENTEE" | "MENTOR";

const person = (id: string, realName: string, tz: string, extra: Partial<NewSlackUser> = {}): Person => ({
  id,
  name: realName.split(" ")[0]?.toLowerCase() ?? id,
  real_name: realName,
  tz,
  ...extra,
});

// Tandem's Slack messenger paces posts to a channel (about one a second) and remembers a rate
// limit's Retry-After in wall-clock time (Date.now), while everything else reads the injected
// clock. The scenes move the injected clock by days in a few milliseconds; moving the wall clock
// forward by the same amount keeps both views of time in step, as they are in production (a
// nudge and a reflection two days apart are not paced a second apart, and Slack's 30 seconds
// pass when the scene's 30 seconds do). The wall clock only ever moves forward.
let wallOffsetMs = 0;
const realNow = Date.now.bind(Date);
beforeAll(() => {
  vi.spyOn(Date, "now").mockImplementation(() => realNow() + wallOffsetMs);
});
afterAll(() => {
  vi.restoreAllMocks();
});

/** A Tandem with its own database, stand-in and clock. The clock only moves forward. */
class Scene {
  t!: TestTandem;
  clock: Date;

  constructor(start: string) {
    this.clock = new Date(start);
  }

  private moveClock(to: Date): void {
    if (to > this.clock) wallOffsetMs += to.getTime() - this.clock.getTime();
    this.clock = to;
  }

  async open(people: Person[]): Promise<this> {
    this.t = await startTestTandem({ users: people, now: () => this.clock });
    return this;
  }

  get prisma() {
    return this.t.tandem.database.prisma;
  }

  /** Waits for any run the app kicked off by itself (after a click, an event) to finish. */
  async settle(): Promise<void> {
    await this.t.tandem.jobs.idle();
  }

  /**
   * Lets time pass until `iso`: each pending job runs at its own due moment (as the scheduler's
   * tick would), then the clock rests at `iso`.
   */
  async runUntil(iso: string): Promise<void> {
    const end = new Date(iso);
    if (end < this.clock)
      throw new Error(`the clock only moves forward (${iso} < ${this.clock.toISOString()})`);
    for (let step = 0; ; step++) {
      if (step > 2000) throw new Error("the scheduler never settled");
      await this.settle();
      const next = await this.prisma.scheduledJob.findFirst({
        where: { status: "PENDING", dueAt: { lte: end } },
        orderBy: { dueAt: "asc" },
      });
      if (!next) break;
      if (next.dueAt > this.clock) this.moveClock(next.dueAt);
      await this.t.tandem.jobs.runDue();
    }
    this.moveClock(end);
    await this.t.tandem.jobs.runDue();
    await this.settle();
  }

  /** Everyone types /mentor join and fills the profile (side by side, each in their own modal). */
  async join(people: Array<[Person, Role]>): Promise<void> {
    await Promise.all(
      people.map(async ([p, role]) => {
        const typed = await type(this.t, p.id, "join");
        // Every command is acked at once (type() checks for a 200); the modals then open side by
        // side, and on a busy 2-core machine the last can take more than the default 5 s.
        const modal = await typed.modal(15_000);
        const ack = await submitModal(
          this.t,
          p.id,
          modal,
          profileAnswers(
            role,
            role === "MENTEE" ? { "Areas you'd like help with": ["Research methods"] } : {},
          ),
        );
        expect(ack.view?.title?.text).toBe("Welcome to Tandem");
      }),
    );
  }

  /** The mentee asks the mentor, who accepts: an active mentorship starting now. */
  async pair(mentee: Person, mentor: Person): Promise<string> {
    const { services } = this.t.tandem;
    const { workspaceId, programId } = await defaultProgram(this.t);
    const mentorRow = await requireMember(this.t, mentor.id);
    await services.matching.request(workspaceId, mentee.id, mentorRow.id, programId, "Hello!");
    const m = await this.prisma.mentorship.findFirstOrThrow({
      where: { status: "REQUESTED", mentorId: mentorRow.id, mentee: { slackUserId: mentee.id } },
    });
    await services.matching.respond(workspaceId, mentor.id, m.id, { accept: true });
    await this.runUntil(this.clock.toISOString());
    return m.id;
  }

  mentorship(id: string) {
    return this.prisma.mentorship.findUniqueOrThrow({ where: { id } });
  }

  /** Every message of this kind Slack accepted into the person's DM, in order. */
  posted(p: Person, phrase: string) {
    const channel = this.t.slackApi.dmChannelOf(p.id);
    return this.t.slackApi
      .callsTo("chat.postMessage")
      .filter(
        (c) =>
          c.status === 200 &&
          c.response.ok === true &&
          c.response.channel === channel &&
          String(c.args.text ?? "").includes(phrase),
      );
  }

  /**
   * The newest message in the person's DM whose text has `phrase`, as it reads now: a copy, as a
   * Slack client holds one. The stand-in updates its stored message in place on chat.update, and
   * Tandem replaces a prompt after it acks the answer, so a live reference would lose its buttons
   * whenever that update lands (sooner or later depending on the database).
   */
  latest(p: Person, phrase: string): StoredMessage {
    const found = dmsTo(this.t, p.id).filter(
      (m) => m.text.includes(phrase) || visibleText(m.blocks).includes(phrase),
    );
    const last = found.at(-1);
    if (!last) throw new Error(`${p.real_name} has no DM with "${phrase}"`);
    return structuredClone(last);
  }

  /** One person's check-in jobs (nudges, pulses, "keep going?"), oldest first. */
  async checkinJobs(p: Person, kind = "checkin") {
    const member = await requireMember(this.t, p.id);
    return this.prisma.scheduledJob.findMany({
      where: { kind, payload: { path: ["memberId"], equals: member.id } },
      orderBy: { createdAt: "asc" },
    });
  }

  async checkIns(p: Person) {
    const member = await requireMember(this.t, p.id);
    return this.prisma.checkIn.findMany({ where: { memberId: member.id }, orderBy: { sentAt: "asc" } });
  }

  deliveriesOf(jobId: string) {
    return this.prisma.delivery.findMany({ where: { jobId }, orderBy: { createdAt: "asc" } });
  }

  /** Pending jobs of a mentorship's check-in machinery. */
  pendingFor(mentorshipId: string) {
    return this.prisma.scheduledJob.findMany({
      where: {
        status: "PENDING",
        OR: ["checkin_round", "checkin", "reflection", "quiet_followup"].map((k) => ({
          idempotencyKey: { startsWith: `${k}:${mentorshipId}:` },
        })),
      },
    });
  }
}

const local = (instant: Date, tz: string) => DateTime.fromJSDate(instant, { zone: tz });

/** A weekday, between 9:00 and 17:00 in the person's own time zone. */
function expectWorkingHours(instant: Date | null | undefined, tz: string): void {
  expect(instant).toBeInstanceOf(Date);
  const at = local(instant as Date, tz);
  const where = `${at.toFormat("cccc yyyy-LL-dd HH:mm")} in ${tz}`;
  expect(at.weekday, `${where} is a weekday`).toBeLessThanOrEqual(5);
  expect(at.hour * 60 + at.minute, `${where} is 9:00 or later`).toBeGreaterThanOrEqual(9 * 60);
  expect(at.hour * 60 + at.minute, `${where} is before 17:00`).toBeLessThan(17 * 60);
}

const titleOf = (view: object) => (view as { title?: { text?: string } }).title?.text;

const buttonsOf = (message: { blocks: unknown[] }) => buttonsIn(message.blocks).map((b) => b.label);

// ======================================================================================
// Every answer on a nudge, reflections, and a stranger's click
// ======================================================================================

describe("answering a nudge", () => {
  const AMARA = person("U0AMARA", "Amara Okafor", "Europe/London");
  const BEN = person("U0BEN", "Ben Carter", "Europe/London");
  const CHLOE = person("U0CHLOE", "Chloe Dubois", "Europe/London");
  const DEV = person("U0DEV", "Dev Rao", "Europe/London");
  const ELLA = person("U0ELLA", "Ella Fox", "Europe/London");
  const FINN = person("U0FINN", "Finn Hale", "Europe/London");
  const GUS = person("U0GUS", "Gus Grant", "Europe/London");
  const HAL = person("U0HAL", "Hal Becker", "Europe/London");
  const IVO = person("U0IVO", "Ivo Marin", "Europe/London");
  const JUN = person("U0JUN", "Jun Sato", "Europe/London");
  // Monday 1 June 2026, 10:00 UTC (11:00 in London).
  const s = new Scene("2026-06-01T10:00:00Z");
  let met: string; // Amara and Ben
  let notYet: string; // Chloe and Dev
  let paused: string; // Ella and Finn

  beforeAll(async () => {
    await s.open([AMARA, BEN, CHLOE, DEV, ELLA, FINN, GUS, HAL, IVO, JUN]);
    await s.join([
      [AMARA, "MENTEE"],
      [BEN, "MENTOR"],
      [CHLOE, "MENTEE"],
      [DEV, "MENTOR"],
      [ELLA, "MENTEE"],
      [FINN, "MENTOR"],
      [GUS, "MENTEE"],
      [HAL, "MENTOR"],
      [IVO, "MENTEE"],
      [JUN, "MENTEE"],
    ]);
    met = await s.pair(AMARA, BEN);
    notYet = await s.pair(CHLOE, DEV);
    paused = await s.pair(ELLA, FINN);
    // Hal mentors two people, both starting the same moment (as a published round starts them).
    await s.pair(IVO, HAL);
    await s.pair(JUN, HAL);
  });
  afterAll(async () => s.t?.stop());
  afterEach(() => expect(s.t.slackApi.violations).toEqual([]));

  it("two weeks after the start, everyone gets one nudge with the five answers", async () => {
    await s.runUntil("2026-06-15T09:59:00Z");
    for (const p of [AMARA, BEN, CHLOE, DEV, ELLA, FINN]) expect(s.posted(p, NUDGE)).toHaveLength(0);
    await s.runUntil("2026-06-15T10:00:30Z");
    for (const p of [AMARA, BEN, CHLOE, DEV, ELLA, FINN]) {
      expect(s.posted(p, NUDGE), p.real_name).toHaveLength(1);
      expect(buttonsOf(s.latest(p, NUDGE))).toEqual(NUDGE_BUTTONS);
    }
    expect(visibleText(s.latest(AMARA, NUDGE).blocks)).toContain("Check-in: you and Ben Carter");
    expect(s.posted(GUS, NUDGE)).toHaveLength(0);
  });

  it("'We met: log it': the session log refuses a bad date, then saves the session and updates the DM", async () => {
    const nudge = s.latest(AMARA, NUDGE);
    const modal = await (await click(s.t, AMARA.id, { message: nudge }, "We met: log it")).modal();
    expect(titleOf(modal)).toBe("Log a session");

    const before = await submitModal(s.t, AMARA.id, modal, {
      "When did you meet?": { date: "2026-05-20" },
      "How long?": "1 hour",
    });
    expect(errorsByLabel(modal, before.errors)["When did you meet?"]).toContain(
      "Your mentorship started on 1 June 2026",
    );
    const future = await submitModal(s.t, AMARA.id, modal, {
      "When did you meet?": { date: "2026-06-16" },
      "How long?": "1 hour",
    });
    expect(errorsByLabel(modal, future.errors)["When did you meet?"]).toContain("in the future");
    expect(await s.prisma.mentoringSession.count({ where: { mentorshipId: met } })).toBe(0);

    const ok = await submitModal(s.t, AMARA.id, modal, {
      "When did you meet?": { date: "2026-06-12" },
      "How long?": "1 hour",
      "Key takeaways": "Draft the aims page first\nAsk two colleagues to review",
    });
    expect(ok.errors).toBeUndefined();

    const sessions = await s.prisma.mentoringSession.findMany({ where: { mentorshipId: met } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      status: "HELD",
      durationMinutes: 60,
      takeaways: ["Draft the aims page first", "Ask two colleagues to review"],
    });
    expect(sessions[0]?.heldOn.toISOString()).toBe("2026-06-12T00:00:00.000Z");
    const m = await s.mentorship(met);
    expect(m.lastSessionAt?.toISOString()).toBe("2026-06-12T00:00:00.000Z");
    const [checkIn] = await s.checkIns(AMARA);
    expect(checkIn?.answer).toBe("MET");

    const updated = await eventually(async () =>
      s.t.slackApi.messagesIn(nudge.channel).find((x) => x.ts === nudge.ts && x.text.includes("Logged")),
    );
    expect(updated.text).toContain("Logged: you met Ben Carter on Friday 12 June (60 min).");
    expect(updated.text).toContain("Next check-in: Monday 29 June.");
    expect(buttonsOf(updated)).toEqual([]);
  });

  it("'We rescheduled' replaces the nudge with what was recorded", async () => {
    const reply = await (
      await click(s.t, BEN.id, { message: s.latest(BEN, NUDGE) }, "We rescheduled")
    ).reply();
    expect(reply.replaceOriginal).toBe(true);
    expect(reply.visible).toContain(
      "Noted: you and Amara Okafor rescheduled. Next check-in: Monday 29 June.",
    );
    expect(reply.buttons).toEqual([]);
    const [checkIn] = await s.checkIns(BEN);
    expect(checkIn?.answer).toBe("RESCHEDULED");
    expect(checkIn?.answeredAt).not.toBeNull();
  });

  it("'Not yet' is recorded with a gentle suggestion and the next date", async () => {
    const reply = await (await click(s.t, CHLOE.id, { message: s.latest(CHLOE, NUDGE) }, "Not yet")).reply();
    expect(reply.replaceOriginal).toBe(true);
    expect(reply.visible).toContain(
      "Noted: not yet. A short message to Dev Rao suggesting two times usually does it. Next check-in: Monday 29 June.",
    );
    const [checkIn] = await s.checkIns(CHLOE);
    expect(checkIn?.answer).toBe("NOT_YET");
    expect((await s.mentorship(notYet)).status).toBe("ACTIVE");
  });

  it("someone else clicking Dev's check-in buttons gets an error, and nothing is recorded", async () => {
    const devNudge = s.latest(DEV, NUDGE);
    for (const label of [
      "Not yet",
      "We rescheduled",
      "Remind me in a week",
      "We met: log it",
      "Pause check-ins",
    ]) {
      const forged = await click(s.t, GUS.id, { message: devNudge }, label);
      const reply = await forged.reply();
      expect(reply.visible, label).toContain("This check-in isn't one of yours");
      expect(reply.replaceOriginal, label).not.toBe(true);
      expect(s.t.slackApi.callsTo("views.open").some((c) => c.args.trigger_id === forged.triggerId)).toBe(
        false,
      );
    }
    // Nor can they submit a session log for it: Dev opens the log, Gus sends it.
    const devLog = await (await click(s.t, DEV.id, { message: devNudge }, "We met: log it")).modal();
    const refused = await submitModal(s.t, GUS.id, devLog, {
      "When did you meet?": { date: "2026-06-12" },
      "How long?": "30 minutes",
    });
    expect(errorsByLabel(devLog, refused.errors)["When did you meet?"]).toContain("isn't one of yours");
    expect(await s.prisma.mentoringSession.count({ where: { mentorshipId: notYet } })).toBe(0);
    await s.settle();
    const [devCheckIn] = await s.checkIns(DEV);
    expect(devCheckIn).toMatchObject({ answer: null, answeredAt: null });
    expect(await s.pendingFor(notYet).then((jobs) => jobs.filter((j) => j.kind === "checkin"))).toEqual([]);
    expect((await s.mentorship(notYet)).status).toBe("ACTIVE");
    expect(await s.prisma.checkIn.count({ where: { member: { slackUserId: GUS.id } } })).toBe(0);
  });

  it("'Pause check-ins': no choice shows an inline error; '4 weeks' pauses and the partner is told", async () => {
    await s.runUntil("2026-06-15T10:30:00Z");
    const nudge = s.latest(ELLA, NUDGE);
    const modal = await (await click(s.t, ELLA.id, { message: nudge }, "Pause check-ins")).modal();
    expect(titleOf(modal)).toBe("Pause check-ins");

    const empty = await submitModal(s.t, ELLA.id, modal, {});
    expect(errorsByLabel(modal, empty.errors)).toEqual({ "For how long?": "Choose how long to pause." });
    expect((await s.mentorship(paused)).status).toBe("ACTIVE");

    const ok = await submitModal(s.t, ELLA.id, modal, { "For how long?": "4 weeks" });
    expect(ok.errors).toBeUndefined();
    const m = await s.mentorship(paused);
    expect(m.status).toBe("PAUSED");
    expect(m.pausedUntil?.toISOString()).toBe("2026-07-13T10:30:00.000Z");
    expect(m.nextCheckinAt).toBeNull();

    const told = await waitForDm(s.t, FINN.id, "paused your check-ins");
    expect(visibleText(told.blocks)).toContain(
      `*Ella Fox* paused your check-ins in *${PROGRAM}* until Monday 13 July.`,
    );
    const updated = await eventually(async () =>
      s.t.slackApi.messagesIn(nudge.channel).find((x) => x.ts === nudge.ts && x.text.includes("paused")),
    );
    expect(updated.text).toContain(
      "Check-ins with Finn Hale are paused until Monday 13 July. Finn Hale has been told.",
    );
    const [checkIn] = await s.checkIns(ELLA);
    expect(checkIn?.answer).toBe("PAUSE");
  });

  it("'Remind me in a week' (clicked after hours): a new nudge 7 days later in working hours, not before", async () => {
    // 18:30 in London, Monday 15 June.
    await s.runUntil("2026-06-15T17:30:00Z");
    const reply = await (
      await click(s.t, DEV.id, { message: s.latest(DEV, NUDGE) }, "Remind me in a week")
    ).reply();
    expect(reply.replaceOriginal).toBe(true);
    // A week later is Monday 18:30, after hours: Tuesday 9:00 it is.
    expect(reply.visible).toContain("Tandem will ask you again on Tuesday 23 June.");
    const [checkIn] = await s.checkIns(DEV);
    expect(checkIn?.answer).toBe("SNOOZED");
    const snoozed = (await s.checkinJobs(DEV)).filter((j) => j.idempotencyKey.includes(":snooze:"));
    expect(snoozed).toHaveLength(1);
    expect(snoozed[0]?.dueAt.toISOString()).toBe("2026-06-23T08:00:00.000Z");

    await s.runUntil("2026-06-22T17:30:00Z");
    expect(s.posted(DEV, NUDGE)).toHaveLength(1);
    await s.runUntil("2026-06-23T07:59:00Z");
    expect(s.posted(DEV, NUDGE)).toHaveLength(1);
    await s.runUntil("2026-06-23T08:00:30Z");
    expect(s.posted(DEV, NUDGE)).toHaveLength(2);
    const sent = (await s.checkinJobs(DEV)).find((j) => j.id === snoozed[0]?.id);
    expect(sent?.status).toBe("DONE");
    expect(sent?.finishedAt?.toISOString()).toBe("2026-06-23T08:00:00.000Z");
    expectWorkingHours(sent?.finishedAt, DEV.tz);
    expect(buttonsOf(s.latest(DEV, NUDGE))).toEqual(NUDGE_BUTTONS);
  });

  it("during a pause, 'Remind me in a week' doesn't promise a reminder that never comes", async () => {
    // Finn still has his 15 June nudge; Ella paused their check-ins until Monday 13 July.
    const reply = await (
      await click(s.t, FINN.id, { message: s.latest(FINN, NUDGE) }, "Remind me in a week")
    ).reply();
    await s.runUntil("2026-06-30T12:00:00Z");
    // Whatever Tandem says must be true: a promised reminder arrives (on a real date).
    const promised = /will ask you again/.test(reply.visible);
    expect(s.posted(FINN, NUDGE).length).toBe(promised ? 2 : 1);
    expect(reply.visible).not.toContain("a week from now");
  });

  it("while paused nothing is sent even when a cycle is due; when the pause ends both hear it's back on", async () => {
    const quiet = (p: Person) => [NUDGE, PULSE, KEEP_GOING, REFLECTION].map((x) => s.posted(p, x).length);
    const before = { ella: quiet(ELLA), finn: quiet(FINN) };
    // The cycle of Monday 29 June would have been due during the pause.
    await s.runUntil("2026-07-13T10:29:00Z");
    expect(quiet(ELLA)).toEqual(before.ella);
    expect(quiet(FINN)).toEqual(before.finn);
    expect(s.posted(ELLA, "back on")).toHaveLength(0);
    const rounds = await s.prisma.scheduledJob.findMany({
      where: { kind: "checkin_round", idempotencyKey: { startsWith: `checkin_round:${paused}:` } },
      orderBy: { dueAt: "asc" },
    });
    expect(rounds.map((r) => [r.dueAt.toISOString(), r.status])).toEqual([
      ["2026-06-15T10:00:00.000Z", "DONE"],
      ["2026-06-29T10:00:00.000Z", "CANCELLED"],
    ]);
    expect(rounds[1]?.cancelReason).toContain("paused");
    // Ella's reflection prompt (due two days after the nudge) was called off too.
    const reflections = await s.checkinJobs(ELLA, "reflection");
    expect(reflections.map((r) => r.status)).toEqual(["CANCELLED"]);

    await s.runUntil("2026-07-13T10:30:30Z");
    for (const [p, partner] of [
      [ELLA, FINN],
      [FINN, ELLA],
    ] as const) {
      const dm = await waitForDm(s.t, p.id, "are back on");
      expect(visibleText(dm.blocks)).toContain(
        `Check-ins with *${partner.real_name}* in *${PROGRAM}* are back on.`,
      );
      expect(s.posted(p, "are back on")).toHaveLength(1);
    }
    const m = await s.mentorship(paused);
    expect(m.status).toBe("ACTIVE");
    expect(m.pausedUntil).toBeNull();
    expect(m.nextCheckinAt?.toISOString()).toBe("2026-07-27T10:30:00.000Z");
    const next = await s.prisma.scheduledJob.findMany({
      where: {
        kind: "checkin_round",
        status: "PENDING",
        idempotencyKey: { startsWith: `checkin_round:${paused}:` },
      },
    });
    expect(next.map((r) => r.dueAt.toISOString())).toEqual(["2026-07-27T10:30:00.000Z"]);
  });

  it("reflection prompts: the mentee's two days after each nudge, the mentor's every second cycle, never the same twice", async () => {
    await s.runUntil("2026-07-15T12:00:00Z");
    // Nudges of 15 June, 29 June and 13 July (in London's working hours, sent as each cycle came).
    const sentTimes = async (p: Person, kind: string) =>
      (await s.checkinJobs(p, kind))
        .filter((j) => j.status === "DONE" && !j.idempotencyKey.includes(":snooze:"))
        .map((j) => j.finishedAt?.getTime() ?? 0);
    const amaraNudges = await sentTimes(AMARA, "checkin");
    expect(amaraNudges.map((x) => new Date(x).toISOString())).toEqual([
      "2026-06-15T10:00:00.000Z",
      "2026-06-29T10:00:00.000Z",
      "2026-07-13T10:00:00.000Z",
    ]);
    expect(await sentTimes(AMARA, "reflection")).toEqual(amaraNudges.map((x) => x + 2 * DAY_MS));
    const benNudges = await sentTimes(BEN, "checkin");
    expect(benNudges).toHaveLength(3);
    expect(await sentTimes(BEN, "reflection")).toEqual([(benNudges[1] ?? 0) + 2 * DAY_MS]);
    for (const p of [AMARA, BEN, CHLOE, DEV]) {
      for (const j of await s.checkinJobs(p, "reflection")) expectWorkingHours(j.finishedAt, p.tz);
    }
    expect(s.posted(AMARA, REFLECTION)).toHaveLength(3);
    expect(s.posted(BEN, REFLECTION)).toHaveLength(1);
    expect(s.posted(CHLOE, REFLECTION)).toHaveLength(3);
    expect(s.posted(DEV, REFLECTION)).toHaveLength(1);

    for (const p of [AMARA, CHLOE]) {
      const texts = s.posted(p, REFLECTION).map((c) => String(c.args.text));
      for (let i = 1; i < texts.length; i++)
        expect(texts[i], `${p.real_name}'s prompt ${i + 1}`).not.toBe(texts[i - 1]);
    }

    const prompt = s.latest(AMARA, REFLECTION);
    const promptText = prompt.text.replace("A question to reflect on: ", "");
    const modal = await (await click(s.t, AMARA.id, { message: prompt }, "Write my reflection")).modal();
    expect(titleOf(modal)).toBe("Reflection");
    const ok = await submitModal(s.t, AMARA.id, modal, {
      "Your reflection": "Drafting early beats polishing late.",
    });
    expect(ok.errors).toBeUndefined();
    const entries = await s.prisma.journalEntry.findMany({
      where: { kind: "REFLECTION", member: { slackUserId: AMARA.id } },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      mentorshipId: met,
      body: "Drafting early beats polishing late.",
      prompt: promptText,
    });
    expect(entries[0]?.promptKey).toBeTruthy();
    const amara = await requireMember(s.t, AMARA.id);
    expect(entries[0]?.promptKey).toBe(amara.lastPromptKey);

    // Once saved, the prompt reads as answered (Tandem updates it after the ack).
    const answered = await eventually(async () =>
      s.t.slackApi
        .messagesIn(prompt.channel)
        .find((x) => x.ts === prompt.ts && x.text.includes("Saved to your journal")),
    );
    expect(buttonsOf(answered)).toEqual([]);

    // Someone outside the mentorship replaying the button (as first sent) can't write into it.
    const forged = await (await click(s.t, GUS.id, { message: prompt }, "Write my reflection")).modal();
    const refused = await submitModal(s.t, GUS.id, forged, { "Your reflection": "Not mine to write." });
    expect(errorsByLabel(forged, refused.errors)["Your reflection"]).toContain("not part of");
    expect(await s.prisma.journalEntry.count({ where: { member: { slackUserId: GUS.id } } })).toBe(0);
  });

  it("a mentor of two never gets the same prompt text twice in a row", async () => {
    // Ivo and Jun answer their 13 July nudge, so the 27 July cycle is a nudge again (cycle 4:
    // mentors reflect too).
    for (const p of [IVO, JUN])
      await (await click(s.t, p.id, { message: s.latest(p, NUDGE) }, "Not yet")).reply();
    await s.runUntil("2026-07-29T12:00:00Z");
    const texts = s.posted(HAL, REFLECTION).map((c) => String(c.args.text));
    // Two prompts (one per mentee) on the 2nd cycle and two on the 4th.
    expect(texts).toHaveLength(4);
    for (let i = 1; i < texts.length; i++) expect(texts[i], `Hal's prompt ${i + 1}`).not.toBe(texts[i - 1]);
  });
});

// ======================================================================================
// The mid-cadence pulse
// ======================================================================================

describe("the mid-cadence pulse", () => {
  const INES = person("U0INES", "Ines Costa", "Europe/London");
  const JONAS = person("U0JONAS", "Jonas Berg", "Europe/London");
  const s = new Scene("2026-06-01T10:00:00Z");
  let pair: string;

  beforeAll(async () => {
    await s.open([INES, JONAS]);
    await s.join([
      [INES, "MENTEE"],
      [JONAS, "MENTOR"],
    ]);
    const { programId } = await defaultProgram(s.t);
    await s.prisma.program.update({ where: { id: programId }, data: { midCadencePulse: true } });
    pair = await s.pair(INES, JONAS);
  });
  afterAll(async () => s.t?.stop());
  afterEach(() => expect(s.t.slackApi.violations).toEqual([]));

  it("the first check-in is a pulse half-way (day 7 of a 14-day cadence) with four answers", async () => {
    const [round] = await s.prisma.scheduledJob.findMany({
      where: { kind: "checkin_round", status: "PENDING" },
    });
    expect(round?.dueAt.toISOString()).toBe("2026-06-08T10:00:00.000Z");
    await s.runUntil("2026-06-08T09:59:00Z");
    expect(s.posted(INES, PULSE)).toHaveLength(0);
    await s.runUntil("2026-06-08T10:00:30Z");
    for (const [p, partner] of [
      [INES, JONAS],
      [JONAS, INES],
    ] as const) {
      expect(s.posted(p, PULSE)).toHaveLength(1);
      expect(s.posted(p, NUDGE)).toHaveLength(0);
      const pulse = s.latest(p, PULSE);
      expect(pulse.text).toBe(`Quick pulse: how is your mentorship with ${partner.real_name} going?`);
      expect(buttonsOf(pulse)).toEqual(PULSE_BUTTONS);
    }
  });

  it("clicking a pulse answer stores its value (Going well 4 … Not working 1)", async () => {
    const reply = await (
      await click(s.t, INES.id, { message: s.latest(INES, PULSE) }, "Could be better")
    ).reply();
    expect(reply.replaceOriginal).toBe(true);
    expect(reply.visible).toContain("Thanks: “Could be better” noted. Next check-in: Monday 15 June.");
    await (await click(s.t, JONAS.id, { message: s.latest(JONAS, PULSE) }, "Going well")).reply();
    expect((await s.checkIns(INES)).map((c) => [c.kind, c.answer, c.pulse])).toEqual([["PULSE", "PULSE", 2]]);
    expect((await s.checkIns(JONAS)).map((c) => [c.kind, c.answer, c.pulse])).toEqual([
      ["PULSE", "PULSE", 4],
    ]);

    // The next cycle is a nudge on day 14, then a pulse again a week later.
    await s.runUntil("2026-06-15T10:00:30Z");
    expect(s.posted(INES, NUDGE)).toHaveLength(1);
    expect(s.posted(INES, PULSE)).toHaveLength(1);
    await s.runUntil("2026-06-22T10:00:30Z");
    expect(s.posted(INES, PULSE)).toHaveLength(2);
    await (await click(s.t, INES.id, { message: s.latest(INES, PULSE) }, "Not working")).reply();
    await (await click(s.t, JONAS.id, { message: s.latest(JONAS, PULSE) }, "Okay")).reply();
    const pulses = async (p: Person) =>
      (await s.checkIns(p)).filter((c) => c.kind === "PULSE").map((c) => c.pulse);
    expect(await pulses(INES)).toEqual([2, 1]);
    expect(await pulses(JONAS)).toEqual([4, 3]);
    expect((await s.mentorship(pair)).unansweredCheckins).toBe(0);
  });
});

// ======================================================================================
// Silence: at risk, "shall we keep going?", the coordinator, closing
// ======================================================================================

describe("quiet pairs", () => {
  const QUINN = person("U0QUINN", "Quinn Adams", "Europe/London");
  const ROSA = person("U0ROSA", "Rosa Lopez", "Europe/London");
  const KIRA = person("U0KIRA", "Kira Novak", "Europe/London");
  const LEO = person("U0LEO", "Leo Marsh", "Europe/London");
  const CARA = person("U0CARA", "Cara Diaz", "Europe/London");
  const OMAR = person("U0OMAR", "Omar Haddad", "Europe/London");
  const RITA = person("U0RITA", "Rita Moss", "Europe/London");
  const SVEN = person("U0SVEN", "Sven Olsen", "Europe/London");
  const TESS = person("U0TESS", "Tess Admin", "Europe/London", { is_admin: true });
  const s = new Scene("2026-06-01T10:00:00Z");
  let quiet: string;
  let keep: string;
  let closing: string;
  let risky: string;

  beforeAll(async () => {
    await s.open([QUINN, ROSA, KIRA, LEO, CARA, OMAR, RITA, SVEN, TESS]);
    await s.join([
      [QUINN, "MENTEE"],
      [ROSA, "MENTOR"],
      [KIRA, "MENTEE"],
      [LEO, "MENTOR"],
      [CARA, "MENTEE"],
      [OMAR, "MENTOR"],
      [RITA, "MENTEE"],
      [SVEN, "MENTOR"],
    ]);
    // The coordinator is a workspace admin Tandem knows.
    await s.t.tandem.services.members.resolve((await defaultProgram(s.t)).workspaceId, TESS.id);
    quiet = await s.pair(QUINN, ROSA);
    keep = await s.pair(KIRA, LEO);
    closing = await s.pair(CARA, OMAR);
    risky = await s.pair(RITA, SVEN);
  });
  afterAll(async () => s.t?.stop());
  afterEach(() => expect(s.t.slackApi.violations).toEqual([]));

  it("no session for twice the cadence flags the pair at risk; logging a session clears it", async () => {
    await s.runUntil("2026-06-15T10:00:30Z");
    expect((await s.mentorship(risky)).atRiskReason).toBeNull();
    await s.runUntil("2026-06-29T10:00:30Z");
    const flagged = await s.mentorship(risky);
    expect(flagged.atRiskReason).toMatch(/no session/);
    expect(flagged.atRiskReason).toContain("28 days");

    const modal = await (
      await click(s.t, RITA.id, { message: s.latest(RITA, NUDGE) }, "We met: log it")
    ).modal();
    const ok = await submitModal(s.t, RITA.id, modal, {
      "When did you meet?": { date: "2026-06-26" },
      "How long?": "45 minutes",
    });
    expect(ok.errors).toBeUndefined();
    const cleared = await s.mentorship(risky);
    expect(cleared.atRiskReason).toBeNull();
    expect(cleared.lastSessionAt?.toISOString()).toBe("2026-06-26T00:00:00.000Z");
  });

  it("three unanswered cycles in a row: both people are asked 'Would you like to keep going?'", async () => {
    await s.runUntil("2026-07-27T09:59:00Z");
    for (const p of [QUINN, ROSA, KIRA, LEO, CARA, OMAR]) {
      expect(s.posted(p, NUDGE), p.real_name).toHaveLength(3);
      expect(s.posted(p, KEEP_GOING)).toHaveLength(0);
    }
    await s.runUntil("2026-07-27T10:00:30Z");
    for (const [p, partner] of [
      [QUINN, ROSA],
      [ROSA, QUINN],
      [KIRA, LEO],
      [LEO, KIRA],
      [CARA, OMAR],
      [OMAR, CARA],
    ] as const) {
      expect(s.posted(p, KEEP_GOING), p.real_name).toHaveLength(1);
      expect(s.posted(p, NUDGE)).toHaveLength(3);
      const ask = s.latest(p, KEEP_GOING);
      expect(ask.text).toBe(`Would you like to keep going with ${partner.real_name}?`);
      expect(visibleText(ask.blocks)).toContain("Tandem hasn't heard back on the last three check-ins.");
      expect(buttonsOf(ask)).toEqual(CONTINUE_BUTTONS);
    }
    for (const id of [quiet, keep, closing]) {
      const m = await s.mentorship(id);
      expect(m.unansweredCheckins).toBe(3);
      expect(m.atRiskReason).toBe("3 check-ins in a row unanswered");
    }
    // Rita answered a month ago: her pair gets an ordinary nudge.
    expect(s.posted(RITA, KEEP_GOING)).toHaveLength(0);
    expect(s.posted(RITA, NUDGE)).toHaveLength(4);
  });

  it("a month after the last logged session the pair is at risk again", async () => {
    const m = await s.mentorship(risky);
    expect(m.atRiskReason).toMatch(/no session in 31 days/);
  });

  it("'Keep going' resets the silent streak", async () => {
    const reply = await (
      await click(s.t, KIRA.id, { message: s.latest(KIRA, KEEP_GOING) }, "Keep going")
    ).reply();
    expect(reply.replaceOriginal).toBe(true);
    expect(reply.visible).toContain(
      "Great, keep going! Tandem will keep checking in with you and Leo Marsh.",
    );
    const m = await s.mentorship(keep);
    expect(m.unansweredCheckins).toBe(0);
    expect(m.atRiskReason ?? "").not.toContain("unanswered");
    expect((await s.checkIns(KIRA)).at(-1)).toMatchObject({ kind: "CONTINUE", answer: "CONTINUE" });
  });

  it("'Close our mentorship' ends it: the partner and the coordinator are told, and nothing more is sent", async () => {
    const reply = await (
      await click(s.t, OMAR.id, { message: s.latest(OMAR, KEEP_GOING) }, "Close our mentorship")
    ).reply();
    expect(reply.replaceOriginal).toBe(true);
    expect(reply.visible).toContain("Your mentorship with Cara Diaz is closed, and they have been told.");
    const m = await s.mentorship(closing);
    expect(m.status).toBe("COMPLETED");
    expect(m.endedAt).not.toBeNull();
    expect((await s.checkIns(OMAR)).at(-1)?.answer).toBe("END");

    const partnerDm = await waitForDm(s.t, CARA.id, "has ended");
    expect(visibleText(partnerDm.blocks)).toContain(
      `Your mentorship with *Omar Haddad* in *${PROGRAM}* has ended because they chose to close it at a check-in.`,
    );
    const coordinatorDm = await waitForDm(s.t, TESS.id, "closed their mentorship");
    expect(visibleText(coordinatorDm.blocks)).toContain(
      `*Omar Haddad* closed their mentorship with *Cara Diaz* in *${PROGRAM}* from a check-in.`,
    );
    expect(await s.pendingFor(closing)).toEqual([]);

    // Cara's own question is now moot.
    const late = await (
      await click(s.t, CARA.id, { message: s.latest(CARA, KEEP_GOING) }, "Keep going")
    ).reply();
    expect(late.visible).toContain("Your mentorship with Omar Haddad has ended.");
    expect((await s.checkIns(CARA)).at(-1)?.answer).toBeNull();
  });

  it("nobody answers: a week later the coordinator hears about the quiet pair, which stays flagged at risk", async () => {
    await s.runUntil("2026-08-03T09:59:00Z");
    expect(s.posted(TESS, "check-ins in a row unanswered")).toHaveLength(0);
    await s.runUntil("2026-08-03T10:00:30Z");
    const dm = await waitForDm(s.t, TESS.id, "check-ins in a row unanswered");
    expect(visibleText(dm.blocks)).toContain(
      `*Quinn Adams* and *Rosa Lopez* (${PROGRAM}) have left 3 check-ins in a row unanswered`,
    );
    // Only the pair that stayed silent: Kira answered, Cara and Omar closed theirs.
    expect(s.posted(TESS, "check-ins in a row unanswered")).toHaveLength(1);
    expect((await s.mentorship(quiet)).atRiskReason).toBe("3 check-ins in a row unanswered");
    expect(s.posted(QUINN, "check-ins in a row")).toHaveLength(0);
  });

  it("the next cycle: the pair that kept going gets nudges again; the closed pair gets nothing", async () => {
    await s.runUntil("2026-08-10T10:00:30Z");
    expect(s.posted(KIRA, NUDGE)).toHaveLength(4);
    expect(s.posted(LEO, NUDGE)).toHaveLength(4);
    for (const p of [CARA, OMAR]) {
      expect(s.posted(p, NUDGE)).toHaveLength(3);
      expect(s.posted(p, KEEP_GOING)).toHaveLength(1);
    }
    // The quiet pair was asked once; Tandem doesn't keep asking.
    expect(s.posted(QUINN, KEEP_GOING)).toHaveLength(1);
    expect(s.posted(QUINN, NUDGE)).toHaveLength(3);
  });
});

// ======================================================================================
// Time: time zones, weekends, daylight saving, vacation, people who left or were deactivated
// ======================================================================================

describe("delivery time", () => {
  const AIKO = person("U0AIKO", "Aiko Tanaka", "Asia/Tokyo");
  const LIAM = person("U0LIAM", "Liam Walsh", "Australia/Sydney");
  const GRETA = person("U0GRETA", "Greta Vogel", "Europe/Berlin");
  const DIEGO = person("U0DIEGO", "Diego Ruiz", "America/Los_Angeles");
  const NIA = person("U0NIA", "Nia Brooks", "America/New_York");
  const OWEN = person("U0OWEN", "Owen Hart", "America/New_York");
  const LENA = person("U0LENA", "Lena Ford", "America/New_York");
  const MAX = person("U0MAX", "Max Stone", "America/New_York");
  const XENA = person("U0XENA", "Xena Cole", "America/New_York");
  const YURI = person("U0YURI", "Yuri Bell", "America/New_York");
  const VERA = person("U0VERA", "Vera Lind", "Europe/Berlin");
  const ULF = person("U0ULF", "Ulf Berg", "Europe/Berlin");
  const HANNA = person("U0HANNA", "Hanna Roth", "Europe/Berlin");
  const KARL = person("U0KARL", "Karl Weiss", "Europe/Berlin");
  const everyone = [AIKO, LIAM, GRETA, DIEGO, NIA, OWEN, LENA, MAX, XENA, YURI, VERA, ULF, HANNA, KARL];
  // Friday 2 October 2026, 22:00 UTC.
  const s = new Scene("2026-10-02T22:00:00Z");
  let left: string;
  let deleted: string;

  beforeAll(async () => {
    await s.open(everyone);
    await s.join(everyone.map((p, i) => [p, i % 2 === 0 ? "MENTEE" : "MENTOR"] as [Person, Role]));
    const { programId } = await defaultProgram(s.t);
    // Pairs across oceans share no working hours; the program allows them.
    await s.prisma.program.update({ where: { id: programId }, data: { minOverlapHours: 0 } });
    // Cycles fall on Friday 16 Oct 22:00 UTC (Tokyo, Sydney, Berlin, Los Angeles), Saturdays
    // 17 and 31 Oct (New York), Tuesday 20 Oct (Lena leaves), Wednesday 21 Oct (Yuri is
    // deactivated), Thursday 22 Oct (Vera's vacation) and Saturday 24 Oct (Berlin, DST on the 25th).
    await s.pair(AIKO, LIAM);
    await s.pair(GRETA, DIEGO);
    await s.runUntil("2026-10-03T10:00:00Z");
    await s.pair(NIA, OWEN);
    await s.runUntil("2026-10-06T10:00:00Z");
    left = await s.pair(LENA, MAX);
    await s.runUntil("2026-10-07T10:00:00Z");
    deleted = await s.pair(XENA, YURI);
    await s.runUntil("2026-10-08T10:00:00Z");
    await s.pair(VERA, ULF);
    await s.runUntil("2026-10-10T10:00:00Z");
    await s.pair(HANNA, KARL);
  });
  afterAll(async () => s.t?.stop());
  afterEach(() => expect(s.t.slackApi.violations).toEqual([]));

  /** The sent nudge of one person: its job, and the moment it went out. */
  async function sentNudges(p: Person) {
    const jobs = (await s.checkinJobs(p)).filter((j) => j.status === "DONE");
    const out: Array<{ dueAt: Date; sentAt: Date }> = [];
    for (const j of jobs) {
      const sent = (await s.deliveriesOf(j.id)).find((d) => d.status === "SENT");
      if (sent) out.push({ dueAt: j.dueAt, sentAt: sent.createdAt });
    }
    return out;
  }

  it("Tokyo, Sydney, Berlin and Los Angeles each get their nudge between 9:00 and 17:00 local on a weekday", async () => {
    await s.runUntil("2026-10-16T21:59:00Z");
    for (const p of [AIKO, LIAM, GRETA, DIEGO]) expect(s.posted(p, NUDGE)).toHaveLength(0);
    // The cycle comes round at 22:00 UTC on Friday: 15:00 in Los Angeles, already Saturday elsewhere.
    await s.runUntil("2026-10-16T22:00:30Z");
    expect(s.posted(DIEGO, NUDGE)).toHaveLength(1);
    for (const p of [AIKO, LIAM, GRETA]) expect(s.posted(p, NUDGE)).toHaveLength(0);
    const due = async (p: Person) => (await s.checkinJobs(p)).map((j) => j.dueAt.toISOString());
    expect(await due(LIAM)).toEqual(["2026-10-18T22:00:00.000Z"]); // Monday 9:00 in Sydney (AEDT)
    expect(await due(AIKO)).toEqual(["2026-10-19T00:00:00.000Z"]); // Monday 9:00 in Tokyo
    expect(await due(GRETA)).toEqual(["2026-10-19T07:00:00.000Z"]); // Monday 9:00 in Berlin (CEST)

    // The weekend passes in silence.
    await s.runUntil("2026-10-18T21:59:00Z");
    for (const p of [AIKO, LIAM, GRETA]) expect(s.posted(p, NUDGE)).toHaveLength(0);
    await s.runUntil("2026-10-19T12:00:00Z");
    for (const p of [AIKO, LIAM, GRETA, DIEGO]) {
      expect(s.posted(p, NUDGE), p.real_name).toHaveLength(1);
      const [sent] = await sentNudges(p);
      expectWorkingHours(sent?.sentAt, p.tz);
      expect(sent?.sentAt.getTime()).toBe(sent?.dueAt.getTime());
    }
    expect(local((await sentNudges(DIEGO))[0]?.sentAt as Date, DIEGO.tz).toFormat("ccc HH:mm")).toBe(
      "Fri 15:00",
    );
    for (const p of [AIKO, LIAM, GRETA]) {
      expect(local((await sentNudges(p))[0]?.sentAt as Date, p.tz).toFormat("ccc HH:mm"), p.tz).toBe(
        "Mon 09:00",
      );
    }
  });

  it("the mentee's reflection comes two days after her nudge, even when the nudge waited for Monday", async () => {
    // Aiko (Tokyo) and Greta (Berlin) got their nudges on Monday 9:00 local (the cycle came round
    // on their Saturday); a prompt "two days after the nudge" belongs on Wednesday, not Monday 9:00.
    for (const p of [AIKO, GRETA]) {
      const nudge = (await s.checkinJobs(p)).find((j) => j.status === "DONE");
      const prompt = (await s.checkinJobs(p, "reflection"))[0];
      expect(nudge?.finishedAt).toBeInstanceOf(Date);
      expect(prompt?.dueAt.getTime(), p.real_name).toBeGreaterThanOrEqual(
        (nudge?.finishedAt?.getTime() ?? 0) + 2 * DAY_MS - 60_000,
      );
    }
  });

  it("a member who left with /mentor leave is skipped, with the reason recorded", async () => {
    // Tuesday 20 Oct: the cycle runs at 10:00 UTC; New York's nudges wait for 9:00 there (13:00 UTC).
    await s.runUntil("2026-10-20T11:00:00Z");
    const pending = [...(await s.checkinJobs(LENA)), ...(await s.checkinJobs(MAX))];
    expect(pending.map((j) => [j.status, j.dueAt.toISOString()])).toEqual([
      ["PENDING", "2026-10-20T13:00:00.000Z"],
      ["PENDING", "2026-10-20T13:00:00.000Z"],
    ]);
    const reply = await ask(s.t, LENA.id, "leave");
    const gone = await (await click(s.t, LENA.id, { reply }, "Leave Tandem")).reply();
    expect(gone.visible).toContain("You've left Tandem.");
    expect((await requireMember(s.t, LENA.id)).status).toBe("LEFT");

    await s.runUntil("2026-10-20T13:00:30Z");
    for (const p of [LENA, MAX]) {
      expect(s.posted(p, NUDGE), p.real_name).toHaveLength(0);
      const [job] = await s.checkinJobs(p);
      expect(job?.status).toBe("CANCELLED");
      expect(job?.cancelReason).toMatch(/completed|left/);
      const deliveries = await s.deliveriesOf(job?.id ?? "");
      expect(deliveries.map((d) => d.status)).toEqual(["SKIPPED"]);
      expect(deliveries[0]?.error).toBe(job?.cancelReason);
    }
    expect((await s.mentorship(left)).status).toBe("COMPLETED");
    await waitForDm(s.t, MAX.id, "has ended because they left Tandem");
  });

  it("a deactivated Slack user is skipped", async () => {
    await s.runUntil("2026-10-21T11:00:00Z");
    expect((await s.checkinJobs(YURI)).map((j) => j.status)).toEqual(["PENDING"]);
    const yuri = s.t.slackApi.user(YURI.id);
    if (!yuri) throw new Error("no Yuri in the stand-in");
    yuri.deleted = true;
    await directoryEvent(s.t, "user_change", YURI.id);
    await eventually(async () => (await requireMember(s.t, YURI.id)).isDeleted);
    const callsBefore = s.t.slackApi.calls.length;

    await s.runUntil("2026-10-21T13:00:30Z");
    for (const p of [XENA, YURI]) {
      expect(s.posted(p, NUDGE), p.real_name).toHaveLength(0);
      const [job] = await s.checkinJobs(p);
      expect(job?.status).toBe("CANCELLED");
      expect(job?.cancelReason).toBeTruthy();
      expect((await s.deliveriesOf(job?.id ?? "")).map((d) => d.status)).toEqual(["SKIPPED"]);
    }
    const yuriDm = s.t.slackApi.dmChannelOf(YURI.id);
    expect(
      s.t.slackApi.calls
        .slice(callsBefore)
        .filter((c) => c.method === "chat.postMessage" && c.response.channel === yuriDm),
    ).toEqual([]);
    expect((await s.mentorship(deleted)).status).toBe("COMPLETED");
    await waitForDm(s.t, XENA.id, "their Slack account was deactivated");
  });

  it("a ':palm_tree: Vacation' status defers the nudge until it expires", async () => {
    await s.runUntil("2026-10-21T15:00:00Z");
    const expires = new Date("2026-10-23T12:00:00Z"); // Friday 14:00 in Berlin
    const vera = s.t.slackApi.user(VERA.id);
    if (!vera) throw new Error("no Vera in the stand-in");
    vera.profile.status_emoji = ":palm_tree:";
    vera.profile.status_text = "Vacation";
    vera.profile.status_expiration = Math.floor(expires.getTime() / 1000);
    await directoryEvent(s.t, "user_change", VERA.id);
    await eventually(async () => (await requireMember(s.t, VERA.id)).statusEmoji === ":palm_tree:");

    // Thursday 22 Oct, 12:00 in Berlin: Ulf gets his nudge, Vera is away.
    await s.runUntil("2026-10-22T10:00:30Z");
    expect(s.posted(ULF, NUDGE)).toHaveLength(1);
    expect(s.posted(VERA, NUDGE)).toHaveLength(0);
    const [job] = await s.checkinJobs(VERA);
    expect(job?.status).toBe("PENDING");
    expect(job?.dueAt.getTime()).toBeGreaterThanOrEqual(expires.getTime());

    await s.runUntil("2026-10-23T11:59:00Z");
    expect(s.posted(VERA, NUDGE)).toHaveLength(0);
    await s.runUntil("2026-10-23T12:00:30Z");
    expect(s.posted(VERA, NUDGE)).toHaveLength(1);
    const [sent] = await sentNudges(VERA);
    expect(sent?.sentAt.getTime()).toBeGreaterThanOrEqual(expires.getTime());
    expectWorkingHours(sent?.sentAt, VERA.tz);
  });

  it("nudges due across a daylight-saving change still land at 9:00 local (Berlin 25 Oct, New York 1 Nov)", async () => {
    // Saturday 24 Oct, 12:00 in Berlin (CEST): the cycle comes round; Monday is after the switch to CET.
    await s.runUntil("2026-10-24T10:00:30Z");
    for (const p of [HANNA, KARL]) {
      expect(s.posted(p, NUDGE)).toHaveLength(0);
      expect((await s.checkinJobs(p)).map((j) => j.dueAt.toISOString())).toEqual([
        "2026-10-26T08:00:00.000Z",
      ]);
    }
    await s.runUntil("2026-10-26T07:59:00Z");
    for (const p of [HANNA, KARL]) expect(s.posted(p, NUDGE)).toHaveLength(0);
    await s.runUntil("2026-10-26T08:00:30Z");
    for (const p of [HANNA, KARL]) {
      expect(s.posted(p, NUDGE)).toHaveLength(1);
      const [sent] = await sentNudges(p);
      const at = local(sent?.sentAt as Date, p.tz);
      expect(at.toFormat("ccc HH:mm")).toBe("Mon 09:00");
      expect(at.offset).toBe(60); // CET, no longer CEST
    }

    // New York: the first cycle (Saturday 17 Oct) went out Monday 9:00 EDT; the second
    // (Saturday 31 Oct) is due across the switch to EST on 1 Nov, and still lands at 9:00.
    await s.runUntil("2026-11-02T13:59:00Z");
    for (const p of [NIA, OWEN]) expect(s.posted(p, NUDGE)).toHaveLength(1);
    await s.runUntil("2026-11-02T14:00:30Z");
    for (const p of [NIA, OWEN]) {
      expect(s.posted(p, NUDGE)).toHaveLength(2);
      const sent = await sentNudges(p);
      expect(sent.map((x) => x.sentAt.toISOString())).toEqual([
        "2026-10-19T13:00:00.000Z",
        "2026-11-02T14:00:00.000Z",
      ]);
      for (const x of sent) expect(local(x.sentAt, p.tz).toFormat("ccc HH:mm")).toBe("Mon 09:00");
    }

    // Nobody, in any zone, was ever sent a check-in on their Saturday or Sunday, or outside 9–17.
    for (const p of everyone) {
      for (const x of await sentNudges(p)) expectWorkingHours(x.sentAt, p.tz);
    }
  });
});

// ======================================================================================
// Slack faults
// ======================================================================================

describe("when Slack refuses or throttles a nudge", () => {
  const FAY = person("U0FAY", "Fay Lowe", "Europe/London");
  const GIL = person("U0GIL", "Gil Moran", "America/New_York");
  const HUGO = person("U0HUGO", "Hugo Lind", "Europe/London");
  const IVY = person("U0IVY", "Ivy Chen", "America/New_York");
  const JADE = person("U0JADE", "Jade Park", "Europe/London");
  const KURT = person("U0KURT", "Kurt Vos", "America/New_York");
  const s = new Scene("2026-06-01T10:00:00Z");

  beforeAll(async () => {
    await s.open([FAY, GIL, HUGO, IVY, JADE, KURT]);
    await s.join([
      [FAY, "MENTEE"],
      [GIL, "MENTOR"],
      [HUGO, "MENTEE"],
      [IVY, "MENTOR"],
      [JADE, "MENTEE"],
      [KURT, "MENTOR"],
    ]);
    // Three pairs, 20 minutes apart: each London mentee's nudge goes out on its own, while the
    // New York mentors' wait for 9:00 there.
    await s.pair(FAY, GIL);
    await s.runUntil("2026-06-01T10:20:00Z");
    await s.pair(HUGO, IVY);
    await s.runUntil("2026-06-01T10:40:00Z");
    await s.pair(JADE, KURT);
    await s.runUntil("2026-06-15T09:59:00Z");
  });
  afterAll(async () => s.t?.stop());
  afterEach(() => expect(s.t.slackApi.violations).toEqual([]));

  it("429 with Retry-After 30: the nudge is deferred without using an attempt, then sent once", async () => {
    s.t.slackApi.failNext("chat.postMessage", { status: 429, retryAfter: 30 });
    await s.runUntil("2026-06-15T10:00:00Z");
    expect(s.posted(FAY, NUDGE)).toHaveLength(0);
    const [job] = await s.checkinJobs(FAY);
    expect(job).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(job?.dueAt.toISOString()).toBe("2026-06-15T10:00:30.000Z");
    const deliveries = await s.deliveriesOf(job?.id ?? "");
    expect(deliveries.map((d) => d.status)).toEqual(["DEFERRED"]);
    expect(deliveries[0]?.error).toContain("rate limit");
    expect(await s.checkIns(FAY)).toEqual([]);

    // Nothing goes out before Slack's 30 seconds are up; right after, exactly one copy does.
    await s.runUntil("2026-06-15T10:00:29Z");
    expect(s.posted(FAY, NUDGE)).toHaveLength(0);
    await s.runUntil("2026-06-15T10:00:31Z");
    expect(s.posted(FAY, NUDGE)).toHaveLength(1);
    const [done] = await s.checkinJobs(FAY);
    expect(done).toMatchObject({ status: "DONE", attempts: 1 });
    expect((await s.deliveriesOf(done?.id ?? "")).map((d) => d.status)).toEqual(["DEFERRED", "SENT"]);
    expect(await s.checkIns(FAY)).toHaveLength(1);
  });

  it("500s: the nudge is retried with back-off and sent once", async () => {
    // The jobs' Slack client never retries by itself: the job does, after looking for the post.
    s.t.slackApi.failNext("chat.postMessage", { status: 500 });
    await s.runUntil("2026-06-15T10:20:00Z");
    expect(s.posted(HUGO, NUDGE)).toHaveLength(0);
    const [job] = await s.checkinJobs(HUGO);
    expect(job).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(job?.dueAt.toISOString()).toBe("2026-06-15T10:20:30.000Z");
    expect(job?.lastError).toBeTruthy();
    expect((await s.deliveriesOf(job?.id ?? "")).map((d) => d.status)).toEqual(["RETRYING"]);

    await s.runUntil("2026-06-15T10:20:29Z");
    expect(s.posted(HUGO, NUDGE)).toHaveLength(0);
    await s.runUntil("2026-06-15T10:20:31Z");
    expect(s.posted(HUGO, NUDGE)).toHaveLength(1);
    const [done] = await s.checkinJobs(HUGO);
    expect(done).toMatchObject({ status: "DONE", attempts: 2 });
    expect((await s.deliveriesOf(done?.id ?? "")).map((d) => d.status)).toEqual(["RETRYING", "SENT"]);
  });

  it("account_inactive fails the nudge for good, with no retry", async () => {
    s.t.slackApi.failNext("chat.postMessage", { error: "account_inactive" });
    await s.runUntil("2026-06-15T10:40:00Z");
    const [job] = await s.checkinJobs(JADE);
    expect(job).toMatchObject({ status: "FAILED", attempts: 1, lastError: "account_inactive" });
    const deliveries = await s.deliveriesOf(job?.id ?? "");
    expect(deliveries.map((d) => [d.status, d.error])).toEqual([["FAILED", "account_inactive"]]);

    await s.runUntil("2026-06-15T12:00:00Z");
    expect((await s.checkinJobs(JADE))[0]).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(await s.deliveriesOf(job?.id ?? "")).toHaveLength(1);
    expect(s.posted(JADE, NUDGE)).toHaveLength(0);
    expect(await s.checkIns(JADE)).toEqual([]);
  });

  it("in every case each person gets exactly one copy of the nudge", async () => {
    await s.runUntil("2026-06-15T13:00:30Z");
    for (const p of [FAY, GIL, HUGO, IVY, KURT]) expect(s.posted(p, NUDGE), p.real_name).toHaveLength(1);
    for (const p of [FAY, GIL, HUGO, IVY, KURT]) {
      const texts = dmsTo(s.t, p.id).filter((m) => m.text.includes(NUDGE));
      expect(texts, p.real_name).toHaveLength(1);
    }
    // Slack refused Jade's account: she has nothing, and her partner still has his.
    expect(s.posted(JADE, NUDGE)).toHaveLength(0);
  });
});
