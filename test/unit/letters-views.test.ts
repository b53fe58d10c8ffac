// Letter views are pure: what the mentee and the writer read and may click, within Slack's limits
// for ordinary letters and for the largest ones allowed (10 targets with 150-character names,
// 2,000-character packet texts, long names with mention syntax), and Home with 4+4 letters on top
// of the busiest Home there is.
import { describe, expect, it } from "vitest";
import { MAX_TARGETS, TARGET_NAME_MAX, WORK_SUMMARY_MAX } from "../../src/domain/letters.ts";
import type { HomeData } from "../../src/services/home.ts";
import {
  HOW_TO_SUBMIT_MAX,
  type LetterView,
  LINK_MAX,
  NOTE_MAX,
  PACKET_TEXT_MAX,
  type PacketForm,
  type RequestForm,
} from "../../src/services/letters.ts";
import { homeView } from "../../src/slack/views/home.ts";
import {
  letterAnsweredMessage,
  letterAskMessage,
  letterClosedMessage,
  letterDeclineModal,
  letterDetailsModal,
  letterLateMessage,
  letterMoreInfoModal,
  letterOutcomeModal,
  letterPacketModal,
  letterReminderMessage,
  letterRequestModal,
  letterSubmittedModal,
  letterSubmittedNote,
  lettersHomeBlocks,
  letterThanksModal,
  letterUpdateMessage,
  packetSentModal,
} from "../../src/slack/views/letters.ts";
import { checkBlocks, checkView } from "../support/block-kit.ts";
import { hugeDashboard } from "../support/dashboards.ts";
import { busyMentorship, newcomerHome } from "../support/homes.ts";
import { buttonsIn, visibleText } from "../support/tandem.ts";

const long = (n: number) => `<@U123> & ${"x".repeat(Math.max(0, n - 10))}`;
const labels = (blocks: unknown) => buttonsIn(blocks).map((b) => b.label);

/** An ordinary letter: one school, a short packet. */
const ordinary = (over: Partial<LetterView> = {}): LetterView => ({
  id: "L1",
  status: "ASKED",
  purpose: "SCHOOL",
  viewer: "writer",
  menteeName: "Mia Santos",
  writerName: "Raj Patel",
  deadline: "2026-09-17",
  daysLeft: 108,
  howToSubmit: "The SOPHAS portal sends you a link.",
  targets: [
    { id: "T1", name: "Johns Hopkins", deadline: "2026-09-17", status: "PENDING", submittedOn: null },
    { id: "T2", name: "University of Lisbon", deadline: "2026-10-01", status: "PENDING", submittedOn: null },
  ],
  packet: {
    cvUrl: "https://drive.example.com/cv",
    statementUrl: "https://drive.example.com/statement",
    goals: "Epidemiology.",
    whyThisProgram: "Its field work.",
    workSummary: "Work together with Mia Santos, from Tandem's record:\n\n1 session logged.",
    note: "Thank you for considering it.",
  },
  late: null,
  writerNote: null,
  askedOn: "2026-06-01",
  thanked: false,
  outcome: null,
  ...over,
});

/** The largest letter Tandem accepts, with hostile text everywhere. */
const extreme = (over: Partial<LetterView> = {}): LetterView => ({
  ...ordinary(),
  menteeName: long(300),
  writerName: long(300),
  howToSubmit: long(HOW_TO_SUBMIT_MAX),
  targets: Array.from({ length: MAX_TARGETS }, (_, i) => ({
    id: `T${i}`.padEnd(30, "0"),
    name: `${i} ${long(TARGET_NAME_MAX - 2)}`,
    deadline: i % 2 ? "2026-10-01" : "2026-09-17",
    status: i % 3 === 0 ? ("SUBMITTED" as const) : ("PENDING" as const),
    submittedOn: i % 3 === 0 ? "2026-09-10" : null,
  })),
  packet: {
    cvUrl: `https://drive.example.com/a|<!channel>&${"c".repeat(LINK_MAX - 50)}`,
    statementUrl: `https://drive.example.com/${"s".repeat(LINK_MAX - 30)}`,
    goals: `${long(PACKET_TEXT_MAX - 100)}\n${"line\n".repeat(19)}`,
    whyThisProgram: "&<>".repeat(PACKET_TEXT_MAX / 3),
    workSummary: long(WORK_SUMMARY_MAX),
    note: "&".repeat(NOTE_MAX),
  },
  late: { daysLeft: 28, minimum: "6 weeks", ideal: "6 to 8 weeks" },
  writerNote: "<!channel> ".repeat(NOTE_MAX / 11),
  outcome: long(NOTE_MAX),
  ...over,
});

const packetForm = (letter: LetterView, over: Partial<PacketForm> = {}): PacketForm => ({
  letter,
  summary: letter.packet.workSummary ?? long(WORK_SUMMARY_MAX),
  summaryKey: "abc123",
  shareSummary: true,
  lateNow: null,
  ...over,
});

const statuses = ["DRAFT", "ASKED", "MORE_INFO", "ACCEPTED", "DECLINED", "SUBMITTED", "CANCELLED"] as const;

/** Every mrkdwn text in blocks (plain_text never turns into a mention or a link). */
function mrkdwnTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) mrkdwnTexts(n, out);
  else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (record.type === "mrkdwn" && typeof record.text === "string") out.push(record.text);
    for (const value of Object.values(record)) if (typeof value === "object") mrkdwnTexts(value, out);
  }
  return out;
}

/** Nothing the people typed turns into a mention or a broadcast. */
const noLeak = (blocks: unknown) => {
  const text = mrkdwnTexts(blocks).join("\n");
  expect(text).not.toContain("<@U123>");
  expect(text).not.toContain("<!channel>");
};

describe("the mentee's modals", () => {
  it("the request modal offers the mentors and purposes, and keeps a draft's details", () => {
    const form: RequestForm = {
      writers: [
        { memberId: "M1", name: "Raj Patel", programName: "Residents 2026", running: true },
        { memberId: "M2", name: "Ada Lovelace", programName: "Research 2025", running: false },
      ],
      draft: {
        id: "L1",
        writerMemberId: "M2",
        purpose: "RESIDENCY",
        deadline: "2026-09-17",
        targets: [
          { name: "City Hospital", deadline: null },
          { name: "Lisbon General", deadline: "2026-10-01" },
        ],
        howToSubmit: "ERAS",
      },
    };
    const view = letterRequestModal(form, JSON.stringify({ letter: "L1" }));
    expect(checkView(view)).toEqual([]);
    expect(view.title.text).toBe("Ask for a letter");
    expect(view.submit?.text).toBe("Next: the packet");
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("Ada Lovelace · Research 2025 (past mentor)");
    expect(text).toContain("City Hospital\\nLisbon General, 2026-10-01");
    expect(text).toContain("Residency application");
  });

  it("the request modal stays valid with 150 mentors with very long names", () => {
    const form: RequestForm = {
      writers: Array.from({ length: 150 }, (_, i) => ({
        memberId: `M${i}`.padEnd(40, "0"),
        name: long(300),
        programName: long(300),
        running: i % 2 === 0,
      })),
      draft: null,
    };
    expect(checkView(letterRequestModal(form, "{}"))).toEqual([]);
  });

  it("the packet modal warns of a late ask and says 'Ask anyway'; a question and updates read right", () => {
    const draft = ordinary({ status: "DRAFT", viewer: "mentee", askedOn: null });
    const timely = letterPacketModal(packetForm(draft), "{}");
    expect(checkView(timely)).toEqual([]);
    expect(timely.submit?.text).toBe("Send the ask");
    expect(visibleText(timely.blocks)).not.toContain("late ask");

    const late = letterPacketModal(
      packetForm(draft, { lateNow: { daysLeft: 28, minimum: "6 weeks", ideal: "6 to 8 weeks" } }),
      "{}",
    );
    expect(checkView(late)).toEqual([]);
    expect(late.submit?.text).toBe("Ask anyway");
    expect(visibleText(late.blocks)).toContain(
      ":warning: *This is a late ask.* The deadline is 28 days away",
    );

    const question = letterPacketModal(
      packetForm(ordinary({ status: "MORE_INFO", viewer: "mentee", writerNote: "Which projects?" })),
      "{}",
    );
    expect(question.submit?.text).toBe("Send to Raj Patel");
    expect(visibleText(question.blocks)).toContain("*Raj Patel asked:*\n> Which projects?");

    const update = letterPacketModal(packetForm(ordinary({ status: "ACCEPTED", viewer: "mentee" })), "{}");
    expect(update.submit?.text).toBe("Update the packet");

    const none = letterPacketModal(packetForm(draft, { summary: null, summaryKey: null }), "{}");
    expect(visibleText(none.blocks)).toContain("Tandem has no sessions or goals recorded with Raj Patel yet");
  });

  it("the packet modal stays within limits for the largest letter, in every state", () => {
    for (const status of ["DRAFT", "ASKED", "MORE_INFO", "ACCEPTED"] as const) {
      const v = extreme({ status, viewer: "mentee" });
      const view = letterPacketModal(
        packetForm(v, {
          summary: long(WORK_SUMMARY_MAX),
          lateNow: status === "DRAFT" ? { daysLeft: 3, minimum: "2 months", ideal: "2 to 3 months" } : null,
        }),
        JSON.stringify({ letter: "x".repeat(30), key: "k".repeat(16), channel: "D123", ts: "1.2" }),
      );
      expect(checkView(view), status).toEqual([]);
      noLeak(view.blocks);
    }
  });

  it("the 'sent' modal says when the ask reaches the writer", () => {
    for (const outcome of ["asked", "asked_again", "updated"] as const) {
      const view = packetSentModal({
        writerName: long(300),
        outcome,
        late: { daysLeft: 3, minimum: "6 weeks", ideal: "6 to 8 weeks" },
        reachesAt: "Monday 1 June at 09:00",
      });
      expect(checkView(view)).toEqual([]);
    }
    const sent = packetSentModal({
      writerName: "Raj Patel",
      outcome: "asked",
      late: null,
      reachesAt: "Monday 1 June at 09:00",
    });
    expect(visibleText(sent.blocks)).toContain(
      "It reaches Raj Patel in their working hours: Monday 1 June at 09:00 their time.",
    );
  });

  it("the thank-you and outcome modals stay within limits", () => {
    for (const v of [ordinary({ viewer: "mentee" }), extreme({ viewer: "mentee", status: "SUBMITTED" })]) {
      expect(checkView(letterThanksModal(v, "{}"))).toEqual([]);
      expect(checkView(letterOutcomeModal(v, "{}"))).toEqual([]);
    }
  });
});

describe("the writer's side", () => {
  it("the ask asks for a strong letter, with the packet and three answers", () => {
    const msg = letterAskMessage(ordinary());
    expect(checkBlocks(msg.blocks, "message")).toEqual([]);
    const text = visibleText(msg.blocks);
    expect(text).toContain("*Can you write a strong letter of recommendation for Mia Santos?*");
    expect(text).toContain("• Johns Hopkins: pending");
    expect(text).toContain("• University of Lisbon (due Thursday 1 October 2026): pending");
    expect(text).toContain("<https://drive.example.com/cv|CV>");
    expect(text).toContain("*Your work together* (facts from Tandem's record)");
    expect(labels(msg.blocks)).toEqual(["Yes, gladly", "Not the right person", "Need more information"]);
    const late = letterAskMessage(ordinary({ late: { daysLeft: 28, minimum: "6 weeks", ideal: "6 to 8" } }));
    expect(visibleText(late.blocks)).toContain(":hourglass: A late ask: Mia Santos asked 28 days before");
    const again = letterAskMessage(ordinary(), "again");
    expect(visibleText(again.blocks)).toContain("They've answered your question.");
    const noSummary = letterAskMessage(
      ordinary({ packet: { ...ordinary().packet, workSummary: null } }),
      "ask",
    );
    expect(visibleText(noSummary.blocks)).not.toContain("Your work together");
  });

  it("every writer message and modal stays within limits for the largest letter", () => {
    for (const status of statuses) {
      const v = extreme({ status });
      const messages = [
        letterAskMessage(v),
        letterAskMessage(v, "again"),
        letterAskMessage(v, "updated"),
        letterAnsweredMessage(v, ["2026-09-07", "2026-09-21"]),
        letterSubmittedNote(v),
        letterReminderMessage({ letter: v, due: v.targets.slice(1), deadline: "2026-10-01" }),
      ];
      for (const m of messages) {
        expect(checkBlocks(m.blocks, "message"), status).toEqual([]);
        expect(m.text.length).toBeGreaterThan(0);
        noLeak(m.blocks);
      }
      for (const view of [
        letterDeclineModal(v, "{}"),
        letterMoreInfoModal(v, "{}"),
        letterDetailsModal(v),
        letterDetailsModal({ ...v, viewer: "mentee" }),
      ]) {
        expect(checkView(view), status).toEqual([]);
        noLeak(view.blocks);
      }
    }
    const submitting = extreme({ status: "ACCEPTED" });
    const modal = letterSubmittedModal(
      { ...submitting, targets: submitting.targets.map((t) => ({ ...t, status: "PENDING" as const })) },
      JSON.stringify({ letter: "L1", channel: "D1", ts: "1.2" }),
    );
    expect(checkView(modal)).toEqual([]);
  });

  it("a pasted link can't break out of its link markup", () => {
    const text = visibleText(letterAskMessage(extreme()).blocks);
    expect(text).toContain("<https://drive.example.com/a%7C%3C!channel%3E&amp;ccc");
    expect(text).toMatch(/c\|CV> · <https:\/\/drive\.example\.com\/s+\|Personal statement>/);
  });

  it("the reminder names the targets due and is the only one", () => {
    const v = ordinary({ status: "ACCEPTED", daysLeft: 10 });
    const msg = letterReminderMessage({ letter: v, due: v.targets.slice(0, 1), deadline: "2026-09-17" });
    const text = visibleText(msg.blocks);
    expect(text).toContain(
      "Mia Santos's school application letter for Johns Hopkins is due *Thursday 17 September 2026* (in 10 days)",
    );
    expect(text).toContain("This is the only reminder Tandem sends for this deadline.");
    expect(labels(msg.blocks)).toEqual(["Mark as submitted", "Open the packet"]);
  });
});

describe("updates and the late note", () => {
  it("every update stays within limits for the largest letter", () => {
    const events = [
      "accepted",
      "declined",
      "more_info",
      "submitted",
      "packet_updated",
      "cancelled",
      "thanks",
      "outcome",
    ] as const;
    for (const event of events) {
      for (const v of [ordinary(), extreme()]) {
        const m = letterUpdateMessage({
          event,
          letter: {
            ...v,
            viewer: ["packet_updated", "cancelled", "thanks", "outcome"].includes(event)
              ? "writer"
              : "mentee",
          },
          submittedTo: v.targets.map((t) => t.name),
          message: long(NOTE_MAX),
        });
        expect(checkBlocks(m.blocks, "message"), event).toEqual([]);
        expect(m.text.length, event).toBeLessThanOrEqual(40_000);
        noLeak(m.blocks);
      }
    }
  });

  it("a decline is graceful and offers another writer; a submission offers the thank-you", () => {
    const declined = letterUpdateMessage({
      event: "declined",
      letter: ordinary({ status: "DECLINED", viewer: "mentee", writerNote: "Ask Dr Ng." }),
      submittedTo: [],
      message: null,
    });
    expect(visibleText(declined.blocks)).toContain("*Raj Patel's note*\n> Ask Dr Ng.");
    expect(labels(declined.blocks)).toEqual(["Ask someone else"]);
    const submitted = letterUpdateMessage({
      event: "submitted",
      letter: ordinary({ status: "SUBMITTED", viewer: "mentee" }),
      submittedTo: ["Johns Hopkins", "University of Lisbon"],
      message: null,
    });
    expect(labels(submitted.blocks)).toEqual(["Send a thank-you", "Share the outcome"]);
  });

  it("the late note stays within limits, and offers another writer when there was no answer", () => {
    for (const v of [ordinary({ viewer: "mentee" }), extreme({ viewer: "mentee" })]) {
      for (const status of ["ASKED", "MORE_INFO", "ACCEPTED"] as const) {
        const m = letterLateMessage({ letter: { ...v, status }, due: v.targets, deadline: v.deadline });
        expect(checkBlocks(m.blocks, "message")).toEqual([]);
        noLeak(m.blocks);
        expect(labels(m.blocks)).toEqual(
          status === "ACCEPTED" ? ["Open the letter"] : ["Open the letter", "Ask someone else"],
        );
      }
    }
  });
});

describe("a letter closed because its other person is gone", () => {
  const closed = (over: Partial<Parameters<typeof letterClosedMessage>[0]> = {}) =>
    letterClosedMessage({
      type: "letter_closed",
      to: "mentee",
      otherName: "Raj Patel",
      reason: "left",
      purpose: "RESIDENCY",
      deadline: "2026-09-17",
      asked: true,
      accepted: true,
      submitted: ["Johns Hopkins"],
      pending: [
        { name: "University of Lisbon", deadline: "2026-09-17" },
        { name: "City Hospital", deadline: "2026-10-01" },
      ],
      ...over,
    });

  it("tells the mentee what went in, what is still due, and offers another writer", () => {
    const m = closed();
    expect(m.text).toBe(
      "Raj Patel left Tandem, so Tandem closed your request for a letter for your residency application.",
    );
    const text = visibleText(m.blocks);
    expect(text).toContain("due Thursday 17 September 2026, and won't remind them about it.");
    expect(text).toContain("They had agreed to write it");
    expect(text).toContain("*Already submitted:* Johns Hopkins");
    expect(text).toContain(
      "*Still to go:* University of Lisbon, City Hospital (due Thursday 1 October 2026)",
    );
    expect(labels(m.blocks)).toEqual(["Ask someone else"]);
    expect(visibleText(closed({ accepted: false, submitted: [] }).blocks)).toContain(
      "They hadn't said yes yet.",
    );
    expect(visibleText(closed({ reason: "deleted_data" }).blocks)).toContain(
      "Raj Patel removed their data from Tandem",
    );
    // A draft naming a writer who left: it was never sent, so nobody was going to remind them.
    const draft = closed({ asked: false, accepted: false, purpose: "AWARD" });
    expect(visibleText(draft.blocks)).toContain(
      "so Tandem closed your draft request for a letter for your award or scholarship nomination, due Thursday 17 September 2026. Ask someone else while there's still time.",
    );
  });

  it("tells the writer there are no more reminders, with no button to press", () => {
    const m = closed({ to: "writer", reason: "account_deactivated", otherName: "Mia Santos" });
    expect(visibleText(m.blocks)).toContain(
      "*Mia Santos no longer has a Slack account here*, so their request for a letter for their residency application, due Thursday 17 September 2026, is closed in Tandem and you won't get reminders about it. You had agreed to write it",
    );
    expect(labels(m.blocks)).toEqual([]);
    expect(visibleText(closed({ to: "writer", accepted: false }).blocks)).toContain(
      "There's nothing more for you to do in Tandem.",
    );
  });

  it("stays within Slack's limits for the longest names and ten hostile targets", () => {
    for (const to of ["mentee", "writer"] as const) {
      const m = closed({
        to,
        otherName: long(300),
        submitted: Array.from({ length: 5 }, (_, i) => `${i} ${"&".repeat(TARGET_NAME_MAX - 2)}`),
        pending: Array.from({ length: 5 }, (_, i) => ({
          name: `${i} ${long(TARGET_NAME_MAX - 2)}`,
          deadline: "2026-10-01",
        })),
      });
      expect(checkBlocks(m.blocks, "message")).toEqual([]);
      noLeak(m.blocks);
    }
  });
});

describe("Home", () => {
  const asMentee = (v: LetterView, i: number): LetterView => ({
    ...v,
    id: `LM${i}`,
    viewer: "mentee",
    status: statuses[i % statuses.length] ?? "ASKED",
  });
  const asWriter = (v: LetterView, i: number): LetterView => ({
    ...v,
    id: `LW${i}`,
    viewer: "writer",
    status: (["ASKED", "MORE_INFO", "ACCEPTED", "SUBMITTED"] as const)[i % 4] ?? "ASKED",
  });

  it("shows each letter with its status, per-target status and the buttons its viewer needs", () => {
    const blocks = lettersHomeBlocks({
      canAsk: true,
      asMentee: [asMentee(ordinary({ status: "ACCEPTED" }), 3)],
      asWriter: [asWriter(ordinary(), 0)],
      moreAsMentee: 0,
      moreAsWriter: 0,
    });
    expect(checkBlocks(blocks, "home")).toEqual([]);
    const text = visibleText(blocks);
    expect(text).toContain("*Letters you're writing*");
    expect(text).toContain("Waiting for your answer");
    expect(text).toContain("*Letters you asked for*");
    expect(text).toContain("Raj Patel is writing it");
    expect(text).toContain("• University of Lisbon (due Thursday 1 October 2026): pending");
    expect(labels(blocks)).toEqual([
      "Yes, gladly",
      "Not the right person",
      "Need more information",
      "Open the packet",
      "Ask for a letter",
      "Update the packet",
      "Open the letter",
      "Cancel the request",
    ]);
  });

  it("a mentee with a mentor and no letters is invited to ask; someone without one sees nothing", () => {
    const invite = lettersHomeBlocks({
      canAsk: true,
      asMentee: [],
      asWriter: [],
      moreAsMentee: 0,
      moreAsWriter: 0,
    });
    expect(labels(invite)).toEqual(["Ask for a letter"]);
    expect(
      lettersHomeBlocks({ canAsk: false, asMentee: [], asWriter: [], moreAsMentee: 0, moreAsWriter: 0 }),
    ).toEqual([]);
  });

  it("4+4 of the largest letters on top of the busiest Home stay within 100 blocks", () => {
    const data: HomeData = {
      ...newcomerHome,
      role: "BOTH",
      isCoordinator: true,
      dashboard: hugeDashboard(),
      mentorships: Array.from({ length: 5 }, (_, i) => busyMentorship(i)),
      letters: {
        canAsk: true,
        asMentee: [0, 1, 2, 3].map((i) => asMentee(extreme(), i)),
        asWriter: [0, 1, 2, 3].map((i) => asWriter(extreme(), i)),
        moreAsMentee: 12,
        moreAsWriter: 7,
      },
    };
    const view = homeView(data);
    expect(checkView(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = visibleText(view.blocks);
    expect(text).toContain("…and 12 more.");
    expect(text).toContain("…and 7 more.");
    noLeak(view.blocks);
  });
});
