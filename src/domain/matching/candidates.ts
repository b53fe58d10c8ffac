// An inverted index over mentors (expertise tag and expertise word → mentors), so matching scores
// only mentors who offer one of the areas the mentee asked for. Exact, not a shortlist: every
// other mentor fails the hard rule "offers none of the areas asked for" (see score.ts).
import type { MatchPerson } from "./person.ts";

export class MentorIndex {
  private readonly byTag = new Map<string, number[]>();
  private readonly byWord = new Map<string, number[]>();
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(readonly mentors: readonly MatchPerson[]) {
    this.seen = new Uint32Array(mentors.length);
    mentors.forEach((mentor, j) => {
      for (const tag of mentor.expertiseSet) push(this.byTag, tag, j);
      for (const word of mentor.expertiseWords) push(this.byWord, word, j);
    });
  }

  /** Indices of mentors who share a tag or a word of a tag with the mentee's needs (ascending). */
  candidates(mentee: MatchPerson): number[] {
    // A mentee who asked for nothing can be scored against everyone.
    if (mentee.needSet.size === 0) return this.mentors.map((_, j) => j);
    this.stamp++;
    const out: number[] = [];
    const add = (list: number[] | undefined) => {
      if (!list) return;
      for (const j of list) {
        if (this.seen[j] !== this.stamp) {
          this.seen[j] = this.stamp;
          out.push(j);
        }
      }
    };
    mentee.needList.forEach((need, k) => {
      add(this.byTag.get(need));
      for (const word of mentee.needWords[k] ?? []) add(this.byWord.get(word));
    });
    return out.sort((a, b) => a - b);
  }
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
