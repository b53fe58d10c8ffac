// The session log with suggestions filled in: every value typed kept, the filled inputs under new
// block ids (Slack keeps a typed value over a new initial value under the same id), the label
// saying which suggestions these are and why, and Slack's limits held with the longest values.
import { describe, expect, it } from "vitest";
import type { SessionForm } from "../../src/services/sessions.ts";
import { actionIds } from "../../src/slack/ids.ts";
import { ModalValues } from "../../src/slack/modal-values.ts";
import {
  type SessionLogDraft,
  SUGGEST_LABEL,
  sessionLogBlockOf,
  sessionLogDraftOf,
  sessionLogMetadataSchema,
  sessionLogModal,
  suggestedMetadata,
  suggestionNoteText,
} from "../../src/slack/views/sessions.ts";
import { checkView } from "../support/block-kit.ts";
import { fillModal } from "../support/modal-filler.ts";
import { shownAnswers } from "../support/person.ts";
import { buttonsIn, visibleText } from "../support/tandem.ts";

const form: SessionForm = {
  mentorshipId: "m1",
  partnerName: "Raj Patel",
  programName: "Residents",
  today: "2026-06-04",
  startedOn: "2026-05-01",
  timeZone: "Europe/Lisbon",
};

const draft: SessionLogDraft = {
  heldOn: "2026-06-03",
  minutes: "60",
  agenda: "Grant timeline",
  privateNotes: "I will send the aims page by Friday",
  takeaways: "Draft the aims page first\nAsk two colleagues",
  actionItems: [
    { text: "Send the aims page to Raj", owner: "me", dueOn: "2026-06-05" },
    { text: "Share two grants", owner: "partner" },
    {},
  ],
  nextOn: "2026-06-11",
  nextTime: "15:00",
};

const blockIds = (view: { blocks: unknown[] }) =>
  view.blocks.map((b) => (b as { block_id?: string }).block_id).filter(Boolean);

describe("session log with suggestions", () => {
  it("opens with a button that says what it does, and an explanation under it", () => {
    const view = sessionLogModal(form, JSON.stringify({ mentorship: "m1" }));
    const button = buttonsIn(view.blocks).find((b) => b.label === SUGGEST_LABEL);
    expect(button?.actionId).toBe(actionIds.suggestTakeaways);
    expect(visibleText(view.blocks)).toContain(
      "Proposes takeaways and action items from your agenda and notes",
    );
    expect(shownAnswers(view)).toMatchObject({
      "When did you meet?": "2026-06-04",
      "How long?": "30 minutes",
    });
    expect(checkView(view)).toEqual([]);
  });

  it("re-renders every value typed, the filled inputs under new block ids", () => {
    const before = blockIds(sessionLogModal(form, "{}"));
    const view = sessionLogModal(form, "{}", {
      version: 2,
      draft,
      note: { kind: "ai", reason: null, added: { takeaways: 2, actionItems: 1 } },
    });
    expect(shownAnswers(view)).toEqual({
      "When did you meet?": "2026-06-03",
      "How long?": "1 hour",
      "Agenda covered": "Grant timeline",
      "Private notes": "I will send the aims page by Friday",
      "Key takeaways": "Draft the aims page first\nAsk two colleagues",
      "Action item 1": "Send the aims page to Raj",
      "Who owns item 1?": "Me",
      "Due date for item 1": "2026-06-05",
      "Action item 2": "Share two grants",
      "Who owns item 2?": "Raj Patel",
      "Due date for item 2": null,
      "Action item 3": "",
      "Who owns item 3?": null,
      "Due date for item 3": null,
      "Next session": "2026-06-11",
      "Time of the next session": "15:00",
    });
    const after = blockIds(view);
    // Takeaways and action items have new ids; what a person typed elsewhere keeps its id.
    expect(after).toContain("takeaways_s2");
    expect(after).toContain("item_3_due_s2");
    expect(after).not.toContain("takeaways");
    for (const kept of ["held_on", "minutes", "agenda", "private_notes", "next_on", "next_time"]) {
      expect(before).toContain(kept);
      expect(after).toContain(kept);
    }
    expect(sessionLogBlockOf("item_2_due", 2)).toBe("item_2_due_s2");
    expect(sessionLogBlockOf("held_on", 2)).toBe("held_on");
    // What Slack sends back reads as the same draft.
    const values = ModalValues.parse(fillModal(view, {}));
    expect(sessionLogDraftOf(values, 2)).toEqual({
      ...draft,
      actionItems: [draft.actionItems[0], draft.actionItems[1], {}].map((r) => ({
        text: r?.text,
        owner: r?.owner,
        dueOn: r?.dueOn,
      })),
    });
  });

  it("labels AI suggestions, local ones with the reason, and asks for notes when there are none", () => {
    expect(suggestionNoteText({ kind: "ai", reason: null, added: { takeaways: 2, actionItems: 1 } })).toBe(
      ":sparkles: *Suggested by AI — check and edit before saving.* Added 2 takeaways and 1 action item below.",
    );
    expect(
      suggestionNoteText({
        kind: "local",
        reason: "Raj Patel hasn't turned on AI suggestions",
        added: { takeaways: 0, actionItems: 2 },
      }),
    ).toBe(
      ":mag: *Suggested by Tandem from your notes (no AI: Raj Patel hasn't turned on AI suggestions) — check and edit before saving.* Added 2 action items below.",
    );
    expect(
      suggestionNoteText({
        kind: "local",
        reason: "the AI service took too long",
        added: { takeaways: 0, actionItems: 0 },
      }),
    ).toContain(
      "Tandem found no takeaways or action items in your notes (no AI: the AI service took too long)",
    );
    expect(suggestionNoteText({ kind: "empty" })).toContain(
      "Write what you talked about in *Agenda covered*",
    );
  });

  it("stays within Slack's limits with the longest values and reasons", () => {
    const long = (n: number) => `<@U1> ${"x".repeat(n)}`;
    const view = sessionLogModal({ ...form, partnerName: long(300), programName: long(300) }, "{}", {
      version: 9999,
      draft: {
        ...draft,
        agenda: long(5000),
        privateNotes: long(5000),
        takeaways: long(5000),
        actionItems: [{ text: long(900) }, { text: long(900) }, { text: long(900) }],
      },
      note: { kind: "local", reason: long(4000), added: { takeaways: 5, actionItems: 3 } },
    });
    expect(checkView(view)).toEqual([]);
    // Mrkdwn can't mention anyone (plain-text inputs may hold what was typed).
    const mrkdwnTexts = JSON.stringify(view.blocks.filter((b) => b.type !== "input"));
    expect(mrkdwnTexts).not.toContain("<@U1>");
  });

  it("carries the AI's fingerprints to the save, within private_metadata's size", () => {
    let ref = sessionLogMetadataSchema.parse({ mentorship: "m1", checkIn: "c1", channel: "D1", ts: "1.2" });
    for (let round = 1; round <= 30; round++) {
      const prints = Array.from(
        { length: 8 },
        (_, i) => `${round}`.padStart(4, "0") + `${i}`.padStart(6, "0"),
      );
      ref = sessionLogMetadataSchema.parse(JSON.parse(suggestedMetadata(ref, round, prints)));
    }
    const json = suggestedMetadata(ref, 31, []);
    expect(json.length).toBeLessThanOrEqual(3000);
    expect(sessionLogMetadataSchema.parse(JSON.parse(json))).toMatchObject({ checkIn: "c1", v: 31 });
  });
});
