// Privacy holds on every surface: a pair fills their mentorship with things only they may read
// (private notes, agenda, takeaways, action items, goals, the agreement, a journal note,
// unshared feedback, a letter request and its packet). Then a third person and a coordinator try
// everything a person can: every /mentor command, their own Home, an export, and every button the
// pair ever saw, clicked with its real value. Nothing they are shown, sent or given as a file may
// contain any of it, and nothing of the pair's may change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { homeSince, requireMember, type } from "../support/person.ts";
import type { StoredMessage, StoredView } from "../support/slack-api-stand-in.ts";
import { buttonsIn, joinViaModal, startTestTandem, type TestTandem } from "../support/tandem.ts";

const MIA = { id: "U0MIA", name: "mia", real_name: "Mia Santos", tz: "Europe/Lisbon" };
const RAJ = { id: "U0RAJ", name: "raj", real_name: "Raj Patel", tz: "America/New_York" };
const ZOE = { id: "U0ZOE", name: "zoe", real_name: "Zoe Kim", tz: "Europe/Berlin" };
const TESS = { id: "U0TESS", name: "tess", real_name: "Tess Admin", tz: "Europe/London", is_admin: true };

/** Every private thing the pair writes carries this marker. */
const SECRET = "SECRETX";

describe("privacy sweep", () => {
  let t: TestTandem;
  // Monday 1 June 2026, 10:00 UTC.
  let clock = new Date("2026-06-01T10:00:00Z");
  let mentorshipId: string;
  let workspaceId: string;
  const prisma = () => t.tandem.database.prisma;
  const at = async (iso: string) => {
    clock = new Date(iso);
    await t.tandem.jobs.runDue();
  };

  beforeAll(async () => {
    t = await startTestTandem({ users: [MIA, RAJ, ZOE, TESS], now: () => clock });
    await joinViaModal(t, MIA.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    await joinViaModal(t, RAJ.id, "MENTOR", { "Expertise you can share": ["Research methods"] });
    await joinViaModal(t, ZOE.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    const s = t.tandem.services;
    workspaceId = (await requireMember(t, MIA.id)).workspaceId;
    await s.members.resolve(workspaceId, TESS.id);
    const raj = await requireMember(t, RAJ.id);
    const program = await prisma().program.findFirstOrThrow({ where: { isDefault: true } });
    await s.matching.request(workspaceId, MIA.id, raj.id, program.id, `${SECRET} request note`);
    const m = await prisma().mentorship.findFirstOrThrow({ where: { status: "REQUESTED" } });
    await s.matching.respond(workspaceId, RAJ.id, m.id, { accept: true });
    mentorshipId = m.id;
    await t.tandem.jobs.runDue();

    await s.agreements.save(workspaceId, MIA.id, mentorshipId, {
      purpose: `${SECRET} purpose`,
      mentorHopes: null,
      menteeHopes: `${SECRET} hopes`,
      cadenceDays: 14,
      channel: "Video call",
      topics: `${SECRET} topics`,
      confidentiality: `${SECRET} confidentiality`,
      endsOn: null,
    });
    await s.goals.addGoal(workspaceId, MIA.id, mentorshipId, {
      title: `${SECRET} goal`,
      kind: "PROFESSIONAL",
      why: `${SECRET} why`,
      milestones: [{ title: `${SECRET} milestone`, targetDate: "2026-06-05" }],
    });
    const session = await s.sessions.log(workspaceId, MIA.id, {
      mentorshipId,
      heldOn: "2026-06-01",
      minutes: 45,
      agenda: `${SECRET} agenda`,
      privateNotes: `${SECRET} private notes`,
      takeaways: `${SECRET} takeaway`,
      actionItems: [{ text: `${SECRET} action`, owner: "me", dueOn: "2026-06-03" }],
      nextOn: "2026-06-04",
      nextTime: "15:00",
    });
    await s.journal.addNote(workspaceId, MIA.id, `${SECRET} journal note`);
    await s.feedback.give(workspaceId, RAJ.id, {
      mentorshipId,
      context: "SESSION",
      sessionId: session.sessionId,
      rating: 2,
      comment: `${SECRET} unshared feedback`,
      share: false,
    });
    // Mia asks Raj for a letter: its details, packet and the summary of their work are theirs too.
    const draft = await s.letters.saveDraft(workspaceId, MIA.id, {
      writerMemberId: raj.id,
      purpose: "SCHOOL",
      deadline: "2026-09-17",
      targets: `${SECRET} school`,
      howToSubmit: `${SECRET} portal`,
    });
    const packet = await s.letters.packetForm(workspaceId, MIA.id, draft.letterId);
    await s.letters.sendPacket(workspaceId, MIA.id, draft.letterId, {
      goals: `${SECRET} letter goals`,
      whyThisProgram: `${SECRET} why this program`,
      note: `${SECRET} letter note`,
      shareSummary: true,
      summaryKey: packet.summaryKey ?? undefined,
    });
    // A week of the pair's life: feedback requests, reminders, the agenda prompt, the letter's ask.
    for (const day of [
      "2026-06-01T17:00:00Z",
      "2026-06-02T14:00:00Z",
      "2026-06-03T14:00:00Z",
      "2026-06-04T14:00:00Z",
    ]) {
      await at(day);
    }
    // Both open their Home and the pair's modals, as they would. Events are acked before they're
    // handled: wait for the Homes these openings publish, not ones published earlier.
    const opened = Date.now();
    for (const who of [MIA.id, RAJ.id]) {
      await t.slack.event({ type: "app_home_opened", user: who, channel: `D${who}`, tab: "home" });
    }
    for (const who of [MIA.id, RAJ.id])
      await homeSince(t, who, opened, (h) => h.includes("Your mentorships"));
    await t.tandem.jobs.idle();
  }, 60_000);
  afterAll(async () => t.stop());

  it("the pair's own surfaces do carry their private words (the sweep looks in the right places)", async () => {
    const pairText = JSON.stringify([
      t.slackApi.homeOf(MIA.id)?.blocks,
      t.slackApi.messagesIn(t.slackApi.dmChannelOf(MIA.id)).map((m) => m.blocks),
      t.slackApi.messagesIn(t.slackApi.dmChannelOf(RAJ.id)).map((m) => m.blocks),
    ]);
    expect(pairText).toContain(SECRET);
  });

  it("a third person and a coordinator see none of it, anywhere, and change nothing", async () => {
    // Everything the pair was ever shown, with its buttons' real values.
    const surfaces: Array<{ blocks: unknown[]; container: { message?: StoredMessage; view?: StoredView } }> =
      [];
    const channels = new Set(t.slackApi.callsTo("chat.postMessage").map((c) => String(c.response.channel)));
    for (const channel of channels) {
      for (const message of t.slackApi.messagesIn(channel))
        surfaces.push({ blocks: message.blocks, container: { message } });
    }
    for (const view of [...t.slackApi.openViews, t.slackApi.homeOf(MIA.id), t.slackApi.homeOf(RAJ.id)]) {
      if (view) surfaces.push({ blocks: view.blocks, container: { view } });
    }
    const buttons = surfaces.flatMap((s) =>
      buttonsIn(s.blocks).map((b) => ({ ...b, container: s.container })),
    );
    expect(buttons.length).toBeGreaterThan(15);
    const labels = new Set(buttons.map((b) => b.label));
    for (const label of [
      "Mark done",
      "Our sessions",
      "Log a session",
      "Give feedback",
      "Open our agreement",
      "Yes, gladly",
      "Open the packet",
      "Update the packet",
    ]) {
      expect(labels, `the pair saw a "${label}" button`).toContain(label);
    }

    const letters = async () =>
      JSON.stringify(
        await prisma().letterRequest.findMany({ include: { targets: true }, orderBy: { id: "asc" } }),
      );
    const before = {
      letters: await letters(),
      calls: t.slackApi.calls.length,
      responses: t.slackApi.responses.length,
      files: t.slackApi.files.length,
      jobs: await prisma().scheduledJob.count(),
      state: JSON.stringify(
        await prisma().mentorship.findUniqueOrThrow({
          where: { id: mentorshipId },
          include: {
            agreement: true,
            goals: { include: { milestones: true } },
            actionItems: true,
            sessions: true,
            feedback: true,
          },
        }),
      ),
    };

    for (const outsider of [ZOE.id, TESS.id]) {
      for (const command of [
        "log",
        "goals",
        "agreement",
        "feedback",
        "journal journal note",
        "letter",
        "export",
        "help",
      ]) {
        await type(t, outsider, command);
      }
      await t.slack.event({ type: "app_home_opened", user: outsider, channel: `D${outsider}`, tab: "home" });
      for (const b of buttons) {
        const res = await t.slack.blockAction(
          outsider,
          {
            actionId: b.actionId,
            ...(b.blockId ? { blockId: b.blockId } : {}),
            ...(b.value ? { value: b.value } : {}),
          },
          b.container,
        );
        expect(res.status, `clicking "${b.label}"`).toBe(200);
      }
    }
    await t.tandem.jobs.idle();
    await new Promise((r) => setTimeout(r, 300));

    const leaked = [
      ...t.slackApi.calls
        .slice(before.calls)
        // The pair's own Home may be refreshed meanwhile by their scheduled jobs: that is theirs.
        .filter((c) => !(c.method === "views.publish" && [MIA.id, RAJ.id].includes(String(c.args.user_id))))
        .map((c) => ({ what: `${c.method}`, body: JSON.stringify([c.args, c.response]) })),
      ...t.slackApi.responses
        .slice(before.responses)
        .map((r) => ({ what: "response_url", body: JSON.stringify(r.body) })),
      ...t.slackApi.files
        .slice(before.files)
        .map((f) => ({ what: `file ${f.filename}`, body: f.content.toString("utf8") })),
    ].filter((x) => x.body.includes(SECRET));
    expect(
      leaked.map(
        (x) =>
          `${x.what}: ${x.body.slice(Math.max(0, x.body.indexOf(SECRET) - 120), x.body.indexOf(SECRET) + 60)}`,
      ),
    ).toEqual([]);

    // Their clicks were refused: the pair's record is exactly as it was, and nothing was queued.
    const after = JSON.stringify(
      await prisma().mentorship.findUniqueOrThrow({
        where: { id: mentorshipId },
        include: {
          agreement: true,
          goals: { include: { milestones: true } },
          actionItems: true,
          sessions: true,
          feedback: true,
        },
      }),
    );
    expect(after).toBe(before.state);
    expect(await letters()).toBe(before.letters);
    expect(await prisma().scheduledJob.count()).toBe(before.jobs);
  }, 120_000);
});
