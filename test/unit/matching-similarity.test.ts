// Text similarity for matching: TF-IDF over the pool (tokens, IDF, cosine), the score's
// similarity term with its reasons (TF-IDF or cached embeddings), and the programme weights.
import { describe, expect, it } from "vitest";
import { attachTextVectors, type MatchPersonInput } from "../../src/domain/matching/person.ts";
import { rankMentors } from "../../src/domain/matching/rank.ts";
import { defaultWeights, type MatchRules, scorePair } from "../../src/domain/matching/score.ts";
import {
  calibrateEmbedding,
  calibrateTfIdf,
  denseCosine,
  sparseCosine,
  TextModel,
  TextOverlay,
  tokenize,
} from "../../src/domain/matching/similarity.ts";
import { parseMatchingWeights } from "../../src/domain/program.ts";
import { matchPerson } from "../support/match-people.ts";

const at = new Date("2026-01-15T12:00:00Z");
const rules: MatchRules = { departmentRule: "PREFERRED", avoidSameReportingLine: true, minOverlapHours: 2 };

const person = (id: string, over: Partial<MatchPersonInput> = {}) =>
  matchPerson(id, { department: "Medicine", ...over }, at);

const texts = (...docs: string[]) => {
  const model = new TextModel();
  const ids = docs.map((d) => model.add(d));
  model.finish();
  return ids.map((i) => model.vectorOf(i));
};

describe("TF-IDF", () => {
  it("keeps words of 3+ characters, lower-cased, without stop words, plurals folded", () => {
    expect(
      tokenize("I want to get BETTER at Clinical Trials and grants, in the ICU!").map((t) => t.stem),
    ).toEqual(["clinical", "trial", "grant", "icu"]);
    expect(tokenize("Studies, analysis, C++ and C#").map((t) => t.stem)).toEqual([
      "study",
      "analysis",
      "c++",
    ]);
  });

  it("related texts score higher than unrelated ones", () => {
    const [need, close, far] = texts(
      "Grant writing. Win my first oncology research grant",
      "Grant writing, Oncology. Professor of oncology research",
      "Public speaking. Head of facilities and estates",
    );
    if (!need || !close || !far) throw new Error("vectors");
    expect(sparseCosine(need, close)).toBeGreaterThan(0.3);
    expect(sparseCosine(need, far)).toBe(0);
    expect(sparseCosine(need, close)).toBeGreaterThan(sparseCosine(need, far));
  });

  it("a word the whole pool uses counts less than a rare one both texts share", () => {
    const [a, common, rare, x, y] = texts(
      "leadership oncology",
      "leadership",
      "oncology",
      "leadership teaching",
      "leadership budgets",
    );
    if (!a || !common || !rare || !x || !y) throw new Error("vectors");
    expect(sparseCosine(a, rare)).toBeGreaterThan(sparseCosine(a, common));
  });

  it("vectors are sparse, sorted and unit length; an empty or stop-word-only text has none", () => {
    const [v, empty, stops] = texts("data analysis, data pipelines, statistics", "", "and the of with");
    if (!v || !empty || !stops) throw new Error("vectors");
    expect([...v.terms]).toEqual([...v.terms].sort((a, b) => a - b));
    expect(Math.hypot(...v.weights)).toBeCloseTo(1, 5);
    expect(sparseCosine(v, v)).toBeCloseTo(1, 5);
    expect(empty.terms.length).toBe(0);
    expect(stops.terms.length).toBe(0);
    expect(sparseCosine(v, empty)).toBe(0);
  });

  it("an overlay reads texts like the model did, and words written since still match, as the rarest", () => {
    const docs = [
      "Grant writing. Win my first oncology research grant",
      "Grant writing, Oncology. Professor of oncology research",
      "Public speaking. Head of facilities and estates",
    ];
    const model = new TextModel();
    const ids = docs.map((d) => model.add(d));
    model.finish();
    const built = ids.map((i) => model.vectorOf(i));
    const overlay = new TextOverlay(new TextModel().finish());
    expect(overlay.words).toEqual([]);
    // The same model, read again through an overlay: the very same vectors.
    const again = new TextOverlay(model);
    docs.forEach((d, i) => {
      expect(again.vectorOf(d)).toEqual(built[i]);
    });
    expect(again.words).toBe(model.words);

    // "Bioinformatics" came after the model: it still links the two new texts, and counts more than
    // "research", which the pool had twice.
    const need = again.vectorOf("Bioinformatics and research");
    const offer = again.vectorOf("Bioinformatics; research");
    const other = again.vectorOf("research");
    expect(sparseCosine(need, offer)).toBeCloseTo(1, 5);
    expect(sparseCosine(need, other)).toBeGreaterThan(0);
    // Equal weights would give cos 45° with "research" alone.
    expect(sparseCosine(need, other)).toBeLessThan(Math.SQRT1_2 - 0.05);
    expect(again.words.slice(model.words.length)).toEqual(["bioinformatics"]);
  });

  it("calibration maps cosines onto 0..1, keeping the order", () => {
    expect(calibrateTfIdf(0)).toBe(0);
    expect(calibrateTfIdf(0.25)).toBeCloseTo(0.5);
    expect(calibrateTfIdf(1)).toBe(1);
    expect(calibrateEmbedding(0.1)).toBe(0);
    expect(calibrateEmbedding(0.45)).toBeCloseTo(0.5);
    expect(calibrateEmbedding(0.95)).toBe(1);
    expect(denseCosine(Float32Array.of(1, 0), Float32Array.of(0, 1, 0))).toBe(0);
  });
});

describe("the similarity term", () => {
  // Two mentors who tie on everything else: same tags, stage, hours, kinds.
  const pool = () => {
    const mentee = person("mia", {
      needs: ["Research methods"],
      goalsText: "Run my first oncology clinical trial and publish the results",
      careerStage: "TRAINEE",
    });
    const oncologist = person("raj", {
      expertise: ["Research methods"],
      title: "Consultant in oncology clinical trials",
      careerStage: "MID_CAREER",
    });
    const estates = person("ann", {
      expertise: ["Research methods"],
      title: "Head of estates and facilities",
      careerStage: "MID_CAREER",
    });
    attachTextVectors([mentee], [oncologist, estates]);
    return { mentee, oncologist, estates };
  };

  it("ranks the mentor whose words are closer to the mentee's goals first, and says why", () => {
    const { mentee, oncologist, estates } = pool();
    const close = scorePair(mentee, oncologist, rules);
    const far = scorePair(mentee, estates, rules);
    if (!close.eligible || !far.eligible) throw new Error("eligible");
    // 10 of 110 points: a full match would add about 9; these two differ by several points.
    expect(close.score - far.score).toBeGreaterThan(3);
    expect(close.score - far.score).toBeLessThan(100 * (10 / 110));
    expect(close.reasons).toContain("similar goals and expertise (oncology, clinical)");
    expect(far.reasons.join()).not.toContain("similar");
    const ranked = rankMentors(mentee, [estates, oncologist], rules, { limit: 2 });
    expect(ranked.map((r) => r.mentor.id)).toEqual(["raj", "ann"]);
  });

  it("doesn't repeat words of tags the pair already shares", () => {
    const mentee = person("mia", { needs: ["Grant writing"], goalsText: "grant writing" });
    const mentor = person("raj", { expertise: ["Grant writing"], careerStage: "SENIOR" });
    attachTextVectors([mentee], [mentor]);
    const v = scorePair(mentee, mentor, rules);
    if (!v.eligible) throw new Error("eligible");
    expect(v.reasons[0]).toBe("both in grant writing");
    expect(v.reasons.join()).not.toContain("similar");
  });

  it("uses the embeddings when both people have one, and TF-IDF otherwise", () => {
    const { mentee, oncologist, estates } = pool();
    // Embeddings that say the opposite of the words: they win when both sides have one.
    mentee.needsEmbedding = Float32Array.of(1, 0, 0);
    estates.offersEmbedding = Float32Array.of(0.8, 0.6, 0);
    oncologist.offersEmbedding = Float32Array.of(0, 0, 1);
    const close = scorePair(mentee, estates, rules);
    const far = scorePair(mentee, oncologist, rules);
    if (!close.eligible || !far.eligible) throw new Error("eligible");
    expect(close.score).toBeGreaterThan(far.score);
    expect(close.reasons).toContain("similar goals and expertise");
    expect(far.reasons.join()).not.toContain("similar");
    // A vector of another length (another model) is ignored: back to the words.
    oncologist.offersEmbedding = Float32Array.of(0, 0, 1, 0);
    const words = scorePair(mentee, oncologist, rules);
    expect(words.eligible && words.reasons).toContain("similar goals and expertise (oncology, clinical)");
  });

  it("with weight 0 the words don't count; the default is 10", () => {
    expect(defaultWeights.similarity).toBe(10);
    const { mentee, oncologist, estates } = pool();
    const off: MatchRules = { ...rules, weights: { similarity: 0 } };
    const a = scorePair(mentee, oncologist, off);
    const b = scorePair(mentee, estates, off);
    expect(a.eligible && b.eligible && a.score === b.score).toBe(true);
  });

  it("a pool without text vectors scores as before, with similarity 0", () => {
    const mentee = person("mia", { needs: ["Research methods"], careerStage: "TRAINEE" });
    const mentor = person("raj", { expertise: ["Research methods"], careerStage: "MID_CAREER" });
    const v = scorePair(mentee, mentor, rules);
    const without = scorePair(mentee, mentor, { ...rules, weights: { similarity: 0 } });
    if (!v.eligible || !without.eligible) throw new Error("eligible");
    expect(v.score).toBeCloseTo((without.score * 100) / 110, 1);
  });
});

describe("programme weights", () => {
  it("accepts any of the parts from 0 to 100, including similarity", () => {
    expect(parseMatchingWeights({ similarity: 25, topics: 50 })).toEqual({ similarity: 25, topics: 50 });
    expect(parseMatchingWeights(null)).toBeUndefined();
  });

  it.each([
    [{ similarity: -1 }],
    [{ similarity: 500 }],
    [{ topic: 10 }],
    [{ similarity: "10" }],
    ["heavy"],
    [Object.fromEntries(Object.keys(defaultWeights).map((k) => [k, 0]))],
  ])("rejects %o (the defaults apply)", (raw) => {
    expect(parseMatchingWeights(raw)).toBeUndefined();
  });
});
