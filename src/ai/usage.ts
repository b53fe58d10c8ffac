// What each workspace spends on AI, per UTC day and feature: the daily token budget reads it
// before every request, and the coordinator dashboard shows it.
import type { Db } from "../services/db.ts";

export const aiFeatures = ["matching", "goal_coaching", "session_summary", "reflection_prompt"] as const;
export type AiFeature = (typeof aiFeatures)[number];

export const aiFeatureLabels: Record<AiFeature, string> = {
  matching: "Semantic matching",
  goal_coaching: "Goal coaching",
  session_summary: "Session summaries",
  reflection_prompt: "Reflection prompts",
};

export interface AiSpend {
  requests: number;
  failed: number;
  promptTokens: number;
  completionTokens: number;
}

export interface AiUsageSummary {
  /** Tokens spent today (UTC), all features. */
  tokensToday: number;
  dailyBudget: number;
  /** Over the period asked for, per feature (features never used are left out). */
  byFeature: Array<{ feature: AiFeature; label: string } & AiSpend>;
}

/** Midnight UTC of the day `at` falls in: the budget's day. */
export function usageDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export class AiUsageLedger {
  constructor(private readonly db: Db) {}

  /** Tokens (prompt and completion) the workspace spent on the day of `at`. */
  async tokensOn(workspaceId: string, at: Date): Promise<number> {
    const sum = await this.db.aiUsage.aggregate({
      where: { workspaceId, day: usageDay(at) },
      _sum: { promptTokens: true, completionTokens: true },
    });
    return (sum._sum.promptTokens ?? 0) + (sum._sum.completionTokens ?? 0);
  }

  /** Adds one request's spend to its day and feature (one upsert: safe from several processes). */
  async record(workspaceId: string, feature: AiFeature, at: Date, spend: AiSpend): Promise<void> {
    const day = usageDay(at);
    await this.db.aiUsage.upsert({
      where: { workspaceId_day_feature: { workspaceId, day, feature } },
      create: { workspaceId, day, feature, ...spend },
      update: {
        requests: { increment: spend.requests },
        failed: { increment: spend.failed },
        promptTokens: { increment: spend.promptTokens },
        completionTokens: { increment: spend.completionTokens },
      },
    });
  }

  /** Spend per feature over the UTC days from `from` to `to` (both included), and today's tokens. */
  async summary(
    workspaceId: string,
    from: Date,
    to: Date,
    now: Date,
    dailyBudget: number,
  ): Promise<AiUsageSummary> {
    const [rows, tokensToday] = await Promise.all([
      this.db.aiUsage.groupBy({
        by: ["feature"],
        where: { workspaceId, day: { gte: usageDay(from), lte: usageDay(to) } },
        _sum: { requests: true, failed: true, promptTokens: true, completionTokens: true },
      }),
      this.tokensOn(workspaceId, now),
    ]);
    const byFeature = aiFeatures.flatMap((feature) => {
      const row = rows.find((r) => r.feature === feature);
      if (!row) return [];
      return [
        {
          feature,
          label: aiFeatureLabels[feature],
          requests: row._sum.requests ?? 0,
          failed: row._sum.failed ?? 0,
          promptTokens: row._sum.promptTokens ?? 0,
          completionTokens: row._sum.completionTokens ?? 0,
        },
      ];
    });
    return { tokensToday, dailyBudget, byFeature };
  }
}
