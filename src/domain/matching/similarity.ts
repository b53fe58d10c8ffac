// Local text similarity (no AI, always available): TF-IDF vectors of what a mentee NEEDS (their
// areas and goals) and what a mentor OFFERS (their expertise and job title), compared by cosine.
// IDF is computed over the pool being matched, so words everyone uses ("career", "skills") count
// little and rare shared words ("oncology", "grants") count a lot.
//
// Tokens: lower-cased runs of letters and digits (plus "+" and "#", for "c++" and "c#"), at least
// 3 characters, English stop words and mentoring filler out, and a light plural stemmer
// ("grants" → "grant", "studies" → "study"; nothing cleverer, so no surprising merges).
// Weights: (1 + ln tf) · idf with idf = ln((1 + N) / (1 + df)) + 1, vectors L2-normalised and
// stored sparse (term ids ascending in an Int32Array, weights in a Float32Array).

export interface SparseVector {
  terms: Int32Array;
  weights: Float32Array;
}

export const EMPTY_VECTOR: SparseVector = { terms: new Int32Array(0), weights: new Float32Array(0) };

const STOP_WORDS = new Set(
  (
    "the and for with from into onto that this these those there their them they you your yours our ours " +
    "are was were been being have has had having not but all any can could would should will shall may might " +
    "must about above after again against also among because before below between both during each few more " +
    "most other some such than too very just only own same over under out off once here when where which who " +
    "whom why how what its it's i'm i've i'd we're let get got make made want wants wanted like need needs " +
    "help helping better good great new year years month months week weeks time way ways work working " +
    "mentor mentors mentee mentees mentoring someone something thing things lot lots really able within " +
    "etc per via"
  ).split(" "),
);

/** A word's stem: plural endings off ("studies" → "study", "grants" → "grant"; "analysis" stays). */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !/(?:ss|us|is|os)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The stems of a text, in order, with the surface word each came from. */
export function tokenize(text: string): Array<{ stem: string; word: string }> {
  const out: Array<{ stem: string; word: string }> = [];
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}+#]+/gu) ?? []) {
    const word = raw.replace(/^[+#]+/, "");
    if (word.length < 3 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
    const s = stem(word);
    if (s.length < 3 || STOP_WORDS.has(s)) continue;
    out.push({ stem: s, word });
  }
  return out;
}

/** A vocabulary and its document frequencies, built from the pool's documents. */
export class TextModel {
  private readonly ids = new Map<string, number>();
  /** A readable word for each term id (the first spelling seen). */
  readonly words: string[] = [];
  private df: number[] = [];
  private idf: Float32Array = new Float32Array(0);
  /** The weight of a word in one document only: what a word the model never saw is given. */
  private rareIdf = 1;
  private documents = 0;
  private readonly tokenized: Array<Array<{ stem: string; word: string }>> = [];

  /** Adds one document (to the frequencies); returns its index for `vectorOf`. */
  add(text: string): number {
    const tokens = tokenize(text);
    const seen = new Set<number>();
    for (const t of tokens) {
      let id = this.ids.get(t.stem);
      if (id === undefined) {
        id = this.words.length;
        this.ids.set(t.stem, id);
        this.words.push(t.word);
        this.df.push(0);
      }
      if (!seen.has(id)) {
        seen.add(id);
        this.df[id] = (this.df[id] ?? 0) + 1;
      }
    }
    this.documents++;
    this.tokenized.push(tokens);
    return this.tokenized.length - 1;
  }

  /** Call once every document is added: fixes the IDF weights. */
  finish(): this {
    const n = this.documents;
    this.idf = Float32Array.from(this.df, (df) => Math.log((1 + n) / (1 + df)) + 1);
    this.rareIdf = Math.log((1 + n) / 2) + 1;
    this.df = [];
    return this;
  }

  /** Lets go of the added documents' words, for a model kept only for `TextOverlay`. */
  releaseDocuments(): this {
    this.tokenized.length = 0;
    return this;
  }

  /** The TF-IDF vector of an added document (the tokens are released once read). */
  vectorOf(doc: number): SparseVector {
    const tokens = this.tokenized[doc];
    if (!tokens || tokens.length === 0) return EMPTY_VECTOR;
    this.tokenized[doc] = [];
    return this.vectorOfTokens(tokens);
  }

  /** A vector for a text outside the pool (words the pool never used are left out). */
  vectorOfText(text: string): SparseVector {
    return this.vectorOfTokens(tokenize(text));
  }

  /** `unseen`: the id of a word the model doesn't know (else it is left out). */
  vectorOfTokens(
    tokens: ReadonlyArray<{ stem: string; word: string }>,
    unseen?: (stem: string, word: string) => number,
  ): SparseVector {
    const tf = new Map<number, number>();
    for (const t of tokens) {
      const id = this.ids.get(t.stem) ?? unseen?.(t.stem, t.word);
      if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    if (tf.size === 0) return EMPTY_VECTOR;
    const terms = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
    const weights = new Float32Array(terms.length);
    let norm = 0;
    for (let k = 0; k < terms.length; k++) {
      const id = terms[k] ?? 0;
      const w = (1 + Math.log(tf.get(id) ?? 1)) * (this.idf[id] ?? this.rareIdf);
      weights[k] = w;
      norm += w * w;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] ?? 0) * scale;
    return { terms, weights };
  }
}

/**
 * Texts read with a model built a little earlier (e.g. a cached one, while people edit their
 * profiles): a word the model never saw counts as the rarest, with an id after the model's own,
 * the same for every text of one overlay, so such words still match each other.
 */
export class TextOverlay {
  private readonly extraIds = new Map<string, number>();
  private readonly extraWords: string[] = [];

  constructor(private readonly model: TextModel) {}

  vectorOf(text: string): SparseVector {
    return this.model.vectorOfTokens(tokenize(text), (stem, word) => {
      let id = this.extraIds.get(stem);
      if (id === undefined) {
        id = this.model.words.length + this.extraWords.length;
        this.extraIds.set(stem, id);
        this.extraWords.push(word);
      }
      return id;
    });
  }

  private joined: { words: readonly string[]; extra: number } | undefined;

  /** A readable word for every term id the overlay's vectors use. */
  get words(): readonly string[] {
    if (this.extraWords.length === 0) return this.model.words;
    if (this.joined?.extra !== this.extraWords.length) {
      this.joined = { words: [...this.model.words, ...this.extraWords], extra: this.extraWords.length };
    }
    return this.joined.words;
  }
}

/** Cosine of two L2-normalised sparse vectors: one merge over their sorted term ids. */
export function sparseCosine(a: SparseVector, b: SparseVector): number {
  const at = a.terms;
  const bt = b.terms;
  const aw = a.weights;
  const bw = b.weights;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < at.length && j < bt.length) {
    const x = at[i] as number;
    const y = bt[j] as number;
    if (x === y) {
      dot += (aw[i] as number) * (bw[j] as number);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return dot > 1 ? 1 : dot;
}

/** The term ids both vectors hold, by their contribution to the cosine, largest first. */
export function sharedTerms(a: SparseVector, b: SparseVector, limit: number): number[] {
  const shared: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const x = a.terms[i] as number;
    const y = b.terms[j] as number;
    if (x === y) {
      shared.push([x, (a.weights[i] as number) * (b.weights[j] as number)]);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared
    .sort((p, q) => q[1] - p[1] || p[0] - q[0])
    .slice(0, limit)
    .map(([id]) => id);
}

/** Cosine of two unit-length dense vectors (embeddings); 0 when their lengths differ. */
export function denseCosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let dot = 0;
  for (let k = 0; k < a.length; k++) dot += (a[k] as number) * (b[k] as number);
  return dot;
}

/**
 * TF-IDF cosine on a 0..1 scale: its square root, since profile texts are short and even closely
 * related ones rarely pass 0.5 (0.04 → 0.2, 0.25 → 0.5, 1 → 1).
 */
export function calibrateTfIdf(cosine: number): number {
  return cosine <= 0 ? 0 : Math.sqrt(cosine);
}

/**
 * Embedding cosine on a 0..1 scale. With OpenAI's text-embedding-3 models unrelated short texts
 * sit around 0.1–0.2 and closely related ones at 0.6 and above, so 0.2 maps to 0 and 0.7 to 1.
 */
export function calibrateEmbedding(cosine: number): number {
  const s = (cosine - 0.2) / 0.5;
  return s <= 0 ? 0 : s >= 1 ? 1 : s;
}
