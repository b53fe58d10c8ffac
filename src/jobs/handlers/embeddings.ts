// A profile's embeddings for semantic matching, computed off the request path after a save (or
// after turning AI suggestions on). Idempotent: only missing or stale vectors are computed. An AI
// failure is retried later by the runner; matching meanwhile uses local text similarity.
import { jobPayloads } from "../../domain/jobs.ts";
import type { EmbeddingService } from "../../services/embeddings.ts";
import type { JobHandler } from "../runner.ts";

export function profileEmbeddingHandler(embeddings: EmbeddingService): JobHandler {
  return async (job) => {
    const parsed = jobPayloads.profile_embedding.safeParse(job.payload);
    if (!parsed.success) return { status: "failed", error: `invalid payload: ${parsed.error.message}` };
    const outcome = await embeddings.refreshMember(parsed.data.memberId);
    if ("skipped" in outcome) return { status: "cancelled", reason: outcome.skipped };
    if (!outcome.failure) return { status: "done" };
    // Out of budget or switched off meanwhile: the next round tries again; anything else, later.
    if (outcome.failure === "budget" || outcome.failure === "off") {
      return { status: "cancelled", reason: `embeddings not computed: ${outcome.failure}` };
    }
    return { status: "retry", error: `embeddings not computed: ${outcome.failure}` };
  };
}
