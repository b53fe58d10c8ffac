// Tailored reflection prompts: one short, open question for a person's check-in cycle, written by
// the model from the mentee's active goals and the pair's last takeaways (pair text: both people
// must have turned AI on). What comes back is cleaned and checked; anything unusable, and any
// failure, leaves the library prompt (domain/reflection-prompts.ts) in its place.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { PromptAudience } from "../domain/reflection-prompts.ts";
import type { AiClient, AiFailure } from "./client.ts";
import { carriesControlOrNames } from "./goal-coaching.ts";
import { cleanSuggestion, scrub } from "./privacy.ts";

/** The longest question sent (the DM quotes it; the journal keeps it). */
export const PROMPT_MAX = 250;

export const reflectionAnswerSchema = z.object({ question: z.string() });

export const REFLECTION_TASK = [
  "Write ONE short, open reflection question (at most 200 characters) for a person in a workplace",
  "mentoring program, to answer privately in their learning journal. `audience` says whether they",
  "are the mentee or the mentor. Tie it to the mentee's active goals and the pair's last session",
  "takeaways in the data, so it helps them notice progress, obstacles or what to try next.",
  "It must be a single question ending with a question mark, addressed to them as 'you',",
  "without naming anyone.",
].join(" ");

export interface ReflectionContext {
  audience: PromptAudience;
  /** The mentee's active goals in this mentorship (titles), in order. */
  goals: readonly string[];
  /** The takeaways of the pair's last session with any. */
  takeaways: readonly string[];
}

/**
 * A model's question fit to send, or undefined: no mentions, links, addresses, placeholders or
 * names of the pair in it, one question that ends with "?", not cut short.
 */
export function usableQuestion(text: string, names: readonly string[] = []): string | undefined {
  const raw = text.replace(/\s+/g, " ").trim();
  if (!raw || raw.length > PROMPT_MAX || carriesControlOrNames(raw, names)) return undefined;
  const cleaned = cleanSuggestion(raw, PROMPT_MAX).replace(/^["“']+|["”']+$/g, "");
  // Cleaning removed something (a mention, a link, @channel): the model followed text it shouldn't.
  if (cleaned.length < 15 || cleaned.length < raw.length - 2) return undefined;
  if (!cleaned.endsWith("?")) return undefined;
  if (/@|\[(?:name|email|link|person|phone|channel)\]|www\.|https?:/i.test(cleaned)) return undefined;
  // One question, not a list of them.
  if ((cleaned.match(/\?/g) ?? []).length > 2) return undefined;
  return cleaned;
}

/** The rotation key of an AI prompt: "ai:" and a short hash of its text (the journal keeps it). */
export function aiPromptKey(question: string): string {
  return `ai:${createHash("sha256").update(question).digest("hex").slice(0, 12)}`;
}

export async function aiReflectionPrompt(
  ai: AiClient,
  workspaceId: string,
  context: ReflectionContext,
  names: readonly string[],
): Promise<{ ok: true; question: string } | { ok: false; failure: AiFailure }> {
  const result = await ai.structured({
    workspaceId,
    feature: "reflection_prompt",
    task: REFLECTION_TASK,
    data: {
      audience: context.audience,
      menteeGoals: context.goals.slice(0, 3).map((g) => scrub(g, names, 200)),
      lastTakeaways: context.takeaways.slice(0, 5).map((t) => scrub(t, names, 300)),
    },
    schema: reflectionAnswerSchema,
    schemaName: "reflection_prompt",
    maxOutputTokens: 150,
  });
  if (!result.ok) return result;
  const question = usableQuestion(result.value.question, names);
  return question ? { ok: true, question } : { ok: false, failure: "invalid_output" };
}
