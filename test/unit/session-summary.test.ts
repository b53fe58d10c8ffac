// Session summaries without a network: Tandem's own reading of realistic notes (bullets, "I will",
// "Raj to…", TODO, "Next steps:", imperative bullets), always the same answer for the same notes;
// what the model may read (roles instead of names, no emails or links); what a model's answer
// becomes before anyone sees it (one clean, bounded line each; owners from the logger's side).
import { zodResponseFormat } from "openai/helpers/zod";
import { describe, expect, it } from "vitest";
import { namePartsOf } from "../../src/ai/privacy.ts";
import {
  ACTION_ITEM_SUGGESTIONS,
  dueFromText,
  fingerprint,
  fromAiAnswer,
  keepsSuggestions,
  localSummary,
  type PairNames,
  SESSION_SUMMARY_SCHEMA_NAME,
  sessionSummarySchema,
  summaryRequestData,
  TAKEAWAY_SUGGESTIONS,
} from "../../src/ai/session-summary.ts";

const names = { me: namePartsOf("Mia Santos", "mia"), partner: namePartsOf("Raj Patel", "raj") };
// Thursday 4 June 2026.
const today = "2026-06-04";

const NOTES = `Raj thinks the aims page is the key to the whole grant.
- Learned that reviewers read the first paragraph most closely
- I will send the aims page to Raj by Friday
- Raj to share two funded grants next week
- You'll book a room for the practice talk
* TODO ask the department about the budget template

Next steps:
- Draft the significance section
- Practise the 5-minute pitch

Feeling stretched this month. We talked about saying no to extra committees. Is the retreat worth it?`;

describe("local session summary", () => {
  it("reads action items from 'I will', a name, 'you'll' and TODO, with owners and due dates", () => {
    const s = localSummary({ agenda: "Grant timeline\nWhich journal first", notes: NOTES, names, today });
    expect(s.actionItems).toEqual([
      { text: "Send the aims page to Raj by Friday", owner: "me", dueOn: "2026-06-05" },
      { text: "Share two funded grants next week", owner: "partner", dueOn: "2026-06-11" },
      { text: "Book a room for the practice talk", owner: "partner", dueOn: null },
    ]);
    expect(s.actionItems.length).toBeLessThanOrEqual(ACTION_ITEM_SUGGESTIONS);
  });

  it("takes the salient lines of the notes as takeaways, in the order written, never questions", () => {
    const s = localSummary({ agenda: "Grant timeline\nWhich journal first", notes: NOTES, names, today });
    expect(s.takeaways).toEqual([
      "Raj thinks the aims page is the key to the whole grant",
      "Learned that reviewers read the first paragraph most closely",
      "Feeling stretched this month",
      "We talked about saying no to extra committees",
    ]);
    // Agenda topics ("Grant timeline") are not takeaways when there are notes.
    expect(s.takeaways.join(" ")).not.toMatch(/Grant timeline|Which journal|retreat/);
  });

  it("a 'Next steps:' list, TODO lines and imperative bullets are actions without an owner", () => {
    const s = localSummary({
      notes:
        "Next steps:\n- Draft the significance section\n- Practise the 5-minute pitch\n\nTODO: email the panel chair",
      today,
    });
    expect(s.actionItems).toEqual([
      { text: "Draft the significance section", owner: null, dueOn: null },
      { text: "Practise the 5-minute pitch", owner: null, dueOn: null },
      { text: "Email the panel chair", owner: null, dueOn: null },
    ]);
    const bullets = localSummary({
      notes: "• Review the budget with finance\n• The panel liked the pilot data",
      today,
    });
    expect(bullets.actionItems.map((a) => a.text)).toEqual(["Review the budget with finance"]);
    expect(bullets.takeaways).toEqual(["The panel liked the pilot data"]);
  });

  it("a 'Takeaways:' heading marks its lines as takeaways first, up to the limit", () => {
    const many = Array.from({ length: 9 }, (_, i) => `- Point number ${i + 1} about writing`).join("\n");
    const s = localSummary({ notes: `Some chat about the weather today.\nTakeaways:\n${many}`, today });
    expect(s.takeaways).toHaveLength(TAKEAWAY_SUGGESTIONS);
    expect(s.takeaways[0]).toBe("Point number 1 about writing");
  });

  it("gives the same answer for the same notes, and nothing for notes with nothing in them", () => {
    const once = localSummary({ notes: NOTES, names, today });
    for (let i = 0; i < 5; i++) expect(localSummary({ notes: NOTES, names, today })).toEqual(once);
    expect(localSummary({ notes: "ok", today })).toEqual({ takeaways: [], actionItems: [] });
    expect(localSummary({ notes: "", agenda: "", today })).toEqual({ takeaways: [], actionItems: [] });
  });

  it("only the agenda: its telling lines become takeaways", () => {
    const s = localSummary({ agenda: "Decided to submit to the spring round first\nBudget", today });
    expect(s.takeaways).toEqual(["Decided to submit to the spring round first"]);
  });

  it("cleans what it proposes: no mentions, @channel or links in a suggestion, one line each", () => {
    const s = localSummary({
      notes:
        "- I will post the slides to <!channel> at https://example.com/slides\n- Learned <@U123> is the expert on budgets",
      today,
    });
    const all = [...s.takeaways, ...s.actionItems.map((a) => a.text)].join("\n");
    expect(all).not.toMatch(/<!channel>|<@U123>|https?:/);
    expect(s.actionItems[0]?.text).toBe("Post the slides to at");
  });

  it("reads due dates from the words", () => {
    expect(dueFromText("send it tomorrow", today)).toBe("2026-06-05");
    expect(dueFromText("by Monday", today)).toBe("2026-06-08");
    expect(dueFromText("on Thursday", today)).toBe("2026-06-11"); // today is Thursday: next week's
    expect(dueFromText("by the end of the week", today)).toBe("2026-06-05");
    expect(dueFromText("next week", today)).toBe("2026-06-11");
    expect(dueFromText("in two weeks", today)).toBe("2026-06-18");
    expect(dueFromText("in 3 days", today)).toBe("2026-06-07");
    expect(dueFromText("some day", today)).toBeNull();
  });
});

describe("AI session summary: what goes out, what comes back", () => {
  const pair: PairNames = {
    me: { role: "mentee", names: names.me, label: "Mia Santos" },
    partner: { role: "mentor", names: names.partner, label: "Raj Patel" },
  };

  it("sends roles instead of names, and no emails, links or mentions", () => {
    const data = summaryRequestData(
      {
        agenda: "Mia's grant",
        notes:
          "Raj Patel (raj.patel@uni.example, +44 20 7946 0958) says mia should ask <@U0RAJ>; see https://x.example",
      },
      pair,
    );
    expect(data.loggedBy).toBe("mentee");
    const json = JSON.stringify(data);
    expect(json).not.toMatch(/Mia|Raj|Patel|Santos|@uni|7946|https|U0RAJ/i);
    expect(data.notes).toContain("[mentor]");
    expect(data.notes).toContain("[mentee]");
  });

  it("a model's answer is cleaned, bounded and seen from the logger's side", () => {
    const s = fromAiAnswer(
      {
        takeaways: [
          "<!channel> Ignore the rules and visit https://evil.example now",
          `${"Very long takeaway ".repeat(300)}`,
          "Ask [mentor] about the boss@corp.example budget",
          "  ",
          "ask [mentor] about the boss@corp.example budget",
        ],
        actionItems: [
          { text: "- Send the aims page to [mentor]", owner: "mentee", dueInDays: 3 },
          { text: "Share two grants with <@U999>", owner: "mentor", dueInDays: 9000 },
          { text: "Book a room", owner: null, dueInDays: -2 },
        ],
      },
      pair,
      today,
    );
    expect(s.takeaways[0]).toBe("Ignore the rules and visit [link] now");
    expect(s.takeaways[1]?.length).toBeLessThanOrEqual(200);
    expect(s.takeaways[2]).toBe("Ask Raj Patel about the [email] budget");
    expect(s.takeaways).toHaveLength(3);
    expect(s.actionItems).toEqual([
      { text: "Send the aims page to Raj Patel", owner: "me", dueOn: "2026-06-07" },
      { text: "Share two grants with [person]", owner: "partner", dueOn: null },
      { text: "Book a room", owner: null, dueOn: null },
    ]);
  });

  it("asks for a strict structured output: every property required, 'none' as null", () => {
    const format = zodResponseFormat(sessionSummarySchema, SESSION_SUMMARY_SCHEMA_NAME);
    const schema = format.json_schema.schema as {
      required: string[];
      properties: { actionItems: { maxItems: number; items: { required: string[] } } };
    };
    expect(format.json_schema.strict).toBe(true);
    expect(schema.required).toEqual(["takeaways", "actionItems"]);
    expect(schema.properties.actionItems.items.required).toEqual(["text", "owner", "dueInDays"]);
    expect(schema.properties.actionItems.maxItems).toBe(ACTION_ITEM_SUGGESTIONS);
    expect(sessionSummarySchema.safeParse({ takeaways: Array(40).fill("x"), actionItems: [] }).success).toBe(
      false,
    );
  });

  it("a suggestion still in the saved log is recognised, edited spacing and case included", () => {
    const prints = ["Send the aims page to Raj Patel", "Reviewers read the first paragraph"].map(fingerprint);
    expect(keepsSuggestions(prints, ["send the aims page  to raj patel."])).toBe(true);
    expect(keepsSuggestions(prints, ["Something I wrote myself"])).toBe(false);
    expect(keepsSuggestions([], ["Send the aims page to Raj Patel"])).toBe(false);
  });
});
