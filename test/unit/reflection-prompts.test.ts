// The reflection library rotates, fits the person, uses their goal or takeaway when there is one,
// and never repeats the prompt it sent last.
import { describe, expect, it } from "vitest";
import { PROMPT_MAX } from "../../src/ai/reflection.ts";
import { PROMPT_LIBRARY, type PromptContext, pickPrompt } from "../../src/domain/reflection-prompts.ts";
import { reflectionMessage, TAILORED_LABEL } from "../../src/slack/views/checkins.ts";
import { checkBlocks } from "../support/block-kit.ts";
import { visibleText } from "../support/tandem.ts";

const mentee: PromptContext = { audience: "mentee", partnerName: "Raj" };
const mentor: PromptContext = { audience: "mentor", partnerName: "Mia" };

function sequence(ctx: PromptContext, n: number, start: string | null = null): string[] {
  const keys: string[] = [];
  let last = start;
  for (let i = 0; i < n; i++) {
    last = pickPrompt(ctx, last).key;
    keys.push(last);
  }
  return keys;
}

describe("reflection prompts", () => {
  it("has unique keys and short questions", () => {
    const keys = PROMPT_LIBRARY.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of PROMPT_LIBRARY) {
      const text = p.text({ audience: "mentee", partnerName: "Raj", goal: "a goal", takeaway: "a takeaway" });
      expect(text.length).toBeLessThan(200);
      expect(text.trim()).toMatch(/[?.]$/);
    }
  });

  it("never sends the same prompt twice in a row, for any starting point and context", () => {
    const contexts: PromptContext[] = [
      mentee,
      mentor,
      { ...mentee, goal: "Publish my first paper" },
      { ...mentee, takeaway: "Write the aims page first" },
      { ...mentor, takeaway: "Ask better questions" },
    ];
    for (const ctx of contexts) {
      for (const start of [null, ...PROMPT_LIBRARY.map((p) => p.key)]) {
        const keys = sequence(ctx, 30, start);
        keys.forEach((k, i) => {
          expect(k).not.toBe(i === 0 ? start : keys[i - 1]);
        });
      }
    }
  });

  it("rotates through every prompt that fits before repeating one", () => {
    const keys = sequence(mentee, 20);
    const fitting = PROMPT_LIBRARY.filter((p) => p.audience !== "mentor" && !p.needs).length;
    expect(new Set(keys.slice(0, fitting)).size).toBe(fitting);
  });

  it("asks mentees and mentors different questions", () => {
    const forMentee = new Set(sequence(mentee, 20));
    const forMentor = new Set(sequence(mentor, 20));
    expect(forMentor.has("mentor-learned")).toBe(true);
    expect(forMentee.has("mentor-learned")).toBe(false);
    expect(forMentor.has("goal-step")).toBe(false);
  });

  it("quotes the current goal and the last takeaway when there are some, and not otherwise", () => {
    const withGoal = sequence({ ...mentee, goal: "Publish my first paper" }, 15).map(
      (key) => pickPrompt({ ...mentee, goal: "Publish my first paper" }, key).text,
    );
    expect(withGoal.some((t) => t.includes("“Publish my first paper”"))).toBe(true);
    const takeaway = pickPrompt({ ...mentee, takeaway: "Write the aims page first" }, "surprise");
    expect(takeaway.text).toContain("“Write the aims page first”");
    for (const key of sequence(mentee, 20))
      expect(["goal-step", "goal-next", "takeaway-applied"]).not.toContain(key);
  });

  it("shortens a long goal", () => {
    const goal = "x".repeat(500);
    const { text } = pickPrompt({ ...mentee, goal }, null);
    expect(text.length).toBeLessThan(260);
    expect(text).toContain("…");
  });
});

describe("the reflection DM", () => {
  const base = { mentorshipId: "m1", promptKey: "goal-step", partnerName: "Raj", prompt: "What helped?" };

  it("labels a question tailored by AI, and only that one, within Slack's limits", () => {
    const tailored = reflectionMessage({ ...base, promptKey: "ai:0123456789ab", tailored: true });
    expect(checkBlocks(tailored.blocks, "message")).toEqual([]);
    expect(visibleText(tailored.blocks)).toContain(TAILORED_LABEL);
    const library = reflectionMessage({ ...base, tailored: false });
    expect(visibleText(library.blocks)).not.toContain("tailored by AI");
    // The longest question Tandem accepts from a model still fits the button's value.
    const longest = reflectionMessage({ ...base, prompt: `${"w".repeat(PROMPT_MAX - 1)}?`, tailored: true });
    expect(checkBlocks(longest.blocks, "message")).toEqual([]);
  });
});
