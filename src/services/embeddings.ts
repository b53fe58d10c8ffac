// Cached AI embeddings of profile text, for semantic matching. A vector is computed only for a
// member who turned on AI suggestions, in a program that allows AI, and only when its text (or
// the model) changed since the cached one: the text's sha256 and the model id are stored with it.
// Computing happens off the request path (a profile_embedding job after a save, and a matching
// round before it scores); /mentor find reads the cache only. Any AI failure leaves matching on
// local TF-IDF: nothing here throws for an AI failure.
import type { AiClient, AiFailure } from "../ai/client.ts";
import {
  decodeVector,
  type EmbeddingPurpose,
  encodeVector,
  profileEmbeddingText,
  purposesOf,
  textHash,
} from "../ai/profile-text.ts";
import { personConsent } from "../domain/ai-consent.ts";
import type { Logger } from "../logger.ts";
import type { Db, Member, PrismaClient } from "./db.ts";

/** Texts per embeddings request: a round's stale vectors go in chunks, each saved as it comes. */
const BATCH = 128;

export type MemberVectors = Partial<Record<EmbeddingPurpose, Float32Array>>;

export interface EmbeddingRefresh {
  /** Vectors (member × purpose) that were missing or stale. */
  stale: number;
  computed: number;
  /** Why the rest stayed stale (matching used TF-IDF for them). */
  failure?: AiFailure;
}

type TextMember = Pick<
  Member,
  "id" | "role" | "interests" | "goalsText" | "expertise" | "title" | "realName" | "displayName" | "aiOptIn"
>;

export class EmbeddingService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly ai: Pick<AiClient, "configured" | "embeddingModelId" | "embed">,
    private readonly logger?: Logger,
  ) {}

  /** Whether cached vectors may count in this program at all (AI set up, and allowed there). */
  usableIn(program: { aiAllowed: boolean }): boolean {
    return this.ai.configured && program.aiAllowed;
  }

  /**
   * The current vectors of those of `members` who opted in (same model, same text as now), by
   * member id. Stale or missing ones are left out: their pairs use TF-IDF.
   */
  async cached(members: readonly TextMember[]): Promise<Map<string, MemberVectors>> {
    const out = new Map<string, MemberVectors>();
    const opted = members.filter((m) => m.aiOptIn);
    if (!this.ai.configured || opted.length === 0) return out;
    const byId = new Map(opted.map((m) => [m.id, m]));
    const model = this.ai.embeddingModelId;
    for (let start = 0; start < opted.length; start += 5000) {
      const rows = await this.prisma.profileEmbedding.findMany({
        where: { memberId: { in: opted.slice(start, start + 5000).map((m) => m.id) }, model },
      });
      for (const row of rows) {
        const member = byId.get(row.memberId);
        const purpose = row.purpose as EmbeddingPurpose;
        if (!member || !purposesOf(member.role).includes(purpose)) continue;
        if (row.textHash !== textHash(profileEmbeddingText(member, purpose))) continue;
        const vector = decodeVector(row.vector);
        if (!vector) continue;
        const entry = out.get(member.id) ?? {};
        entry[purpose] = vector;
        out.set(member.id, entry);
      }
    }
    return out;
  }

  /**
   * Computes the missing or stale vectors of those of `members` who opted in (the caller checked
   * the program allows AI), in batches; the first AI failure stops it, and is returned.
   */
  async refresh(workspaceId: string, members: readonly TextMember[]): Promise<EmbeddingRefresh> {
    const opted = members.filter((m) => m.aiOptIn);
    if (opted.length === 0) return { stale: 0, computed: 0 };
    const model = this.ai.embeddingModelId;
    const existing = new Map<string, { model: string; textHash: string }>();
    for (let start = 0; start < opted.length; start += 5000) {
      const rows = await this.prisma.profileEmbedding.findMany({
        where: { memberId: { in: opted.slice(start, start + 5000).map((m) => m.id) } },
        select: { memberId: true, purpose: true, model: true, textHash: true },
      });
      for (const row of rows) existing.set(`${row.memberId}:${row.purpose}`, row);
    }
    const stale: Array<{ memberId: string; purpose: EmbeddingPurpose; text: string; hash: string }> = [];
    for (const member of opted) {
      for (const purpose of purposesOf(member.role)) {
        const text = profileEmbeddingText(member, purpose);
        if (!text) continue;
        const hash = textHash(text);
        const row = existing.get(`${member.id}:${purpose}`);
        if (row?.model === model && row.textHash === hash) continue;
        stale.push({ memberId: member.id, purpose, text, hash });
      }
    }
    if (stale.length === 0) return { stale: 0, computed: 0 };
    if (!this.ai.configured) return { stale: stale.length, computed: 0, failure: "off" };
    let computed = 0;
    for (let start = 0; start < stale.length; start += BATCH) {
      const batch = stale.slice(start, start + BATCH);
      const result = await this.ai.embed(
        workspaceId,
        "matching",
        batch.map((s) => s.text),
      );
      if (!result.ok) {
        this.logger?.warn(
          { workspaceId, failure: result.failure, left: stale.length - computed },
          "profile embeddings stay stale; matching uses local text similarity for them",
        );
        return { stale: stale.length, computed, failure: result.failure };
      }
      await this.prisma.$transaction(
        batch.map((s, k) => {
          const vector = encodeVector(result.value[k] ?? new Float32Array(0));
          return this.prisma.profileEmbedding.upsert({
            where: { memberId_purpose: { memberId: s.memberId, purpose: s.purpose } },
            create: { memberId: s.memberId, purpose: s.purpose, model, textHash: s.hash, vector },
            update: { model, textHash: s.hash, vector },
          });
        }),
      );
      computed += batch.length;
    }
    return { stale: stale.length, computed };
  }

  /**
   * One member's vectors, after a profile save or turning AI on (the profile_embedding job):
   * only with AI set up, their consent, and a program of theirs that allows AI.
   */
  async refreshMember(
    memberId: string,
  ): Promise<{ skipped: string } | ({ workspaceId: string } & EmbeddingRefresh)> {
    if (!this.ai.configured) return { skipped: "AI isn't set up" };
    const member = await this.prisma.member.findUnique({
      where: { id: memberId },
      include: {
        enrollments: { where: { status: "ACTIVE" }, include: { program: { select: { aiAllowed: true } } } },
      },
    });
    if (!member) return { skipped: "the member no longer exists" };
    const consent = personConsent(
      member,
      member.enrollments.map((e) => e.program),
    );
    if (!consent.allowed) return { skipped: consent.reason };
    return { workspaceId: member.workspaceId, ...(await this.refresh(member.workspaceId, [member])) };
  }
}

/** Deletes a member's cached vectors (they turned AI suggestions off). */
export async function forgetEmbeddings(db: Db, memberId: string): Promise<number> {
  const { count } = await db.profileEmbedding.deleteMany({ where: { memberId } });
  return count;
}
