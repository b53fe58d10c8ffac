// The coordinator dashboard as Slack shows it: every figure in words, and Slack's limits held
// for an empty workspace, a small program and the largest program Tandem is built for.
import { describe, expect, it } from "vitest";
import { aiUsageText, dashboardBlocks, MAX_DASHBOARD_BLOCKS } from "../../src/slack/views/dashboard.ts";
import { checkBlocks } from "../support/block-kit.ts";
import { aiOff, aiUsed, emptyDashboard, hugeDashboard, smallDashboard } from "../support/dashboards.ts";
import { buttonsIn, visibleText } from "../support/tandem.ts";

describe("coordinator dashboard view", () => {
  it("reads out every figure of a small program", () => {
    const blocks = dashboardBlocks(smallDashboard());
    const text = visibleText(blocks);
    expect(text).toContain("6 mentees · 4 mentors");
    expect(text).toContain("5 of 6 mentees (83%)");
    expect(text).toContain("4 active · 1 paused · 1 closed");
    expect(text).toContain("median 7 days · 1 pair yet to meet");
    expect(text).toContain("2 of 6 (33%)");
    expect(text).toContain("1 of 2 (50%)");
    expect(text).toContain("3 of 4 (75%)");
    expect(text).toContain("2.7 of 4 from 3 answers");
    expect(text).toContain("*1 failed*");
    expect(text).toContain("*1 over capacity*");
    expect(text).toContain("<@UM3>: 2 pairs here, program limit 1");
    expect(text).toContain("<@UM2>: 2 pairs in all programs, own limit 1");
    expect(text).toContain("*Pairs at risk: 2*");
    expect(text).toContain("*Mia* mentoring *Ada*: no session in 40 days; 3 check-ins in a row unanswered");
    expect(text).toContain("*Max* mentoring *Bo*: latest feedback 1 of 4");
    expect(buttonsIn(blocks).map((b) => b.label)).toEqual([
      "Create a program",
      "Run matching round",
      "Review draft round",
      "Announce",
      "Export CSV",
      "Edit program",
      "See failed messages",
    ]);
    expect(checkBlocks(blocks, "home")).toEqual([]);
  });

  it("offers to create the first program when there is none", () => {
    const blocks = dashboardBlocks(emptyDashboard());
    expect(visibleText(blocks)).toContain("No programs yet");
    expect(buttonsIn(blocks).map((b) => b.label)).toEqual(["Create a program"]);
    expect(checkBlocks(blocks, "home")).toEqual([]);
  });

  it("summarises a 100,000-person program within Slack's limits, a page of pairs at a time", () => {
    const blocks = dashboardBlocks(hugeDashboard());
    expect(blocks.length).toBeLessThanOrEqual(MAX_DASHBOARD_BLOCKS);
    expect(checkBlocks(blocks, "home")).toEqual([]);
    const text = visibleText(blocks);
    expect(text).toContain("…and 400 more programs");
    expect(text).toContain("*Pairs at risk: 4321*");
    expect(text).toContain("Showing 16–20");
    // Names are escaped: a name can't mention anyone or bold itself out of its place.
    expect(text).not.toContain("<@U0>");
    expect(text).toContain("&lt;@U0&gt;");
    expect(buttonsIn(blocks).map((b) => b.label)).toEqual(
      expect.arrayContaining(["Previous pairs at risk", "Next pairs at risk"]),
    );
  });

  it("says in one line that Tandem uses local suggestions when AI isn't set up", () => {
    const text = visibleText(dashboardBlocks({ ...smallDashboard(), ai: aiOff }));
    expect(text).toContain("*AI suggestions:* Tandem uses its local suggestions (AI not set up).");
    expect(text).not.toMatch(/tokens/);
  });

  it("with AI set up, shows the workspace's requests, tokens, fallbacks per feature and today's budget", () => {
    const blocks = dashboardBlocks({ ...smallDashboard(), ai: aiUsed() });
    expect(visibleText(blocks)).toContain(
      "*AI suggestions* (workspace-wide, 30 days): 42 requests, 61,250 tokens · 5 fell back to local suggestions · " +
        "Semantic matching 10, Goal coaching 12 (2 fell back), Session summaries 15 (3 fell back), Reflection prompts 5 · " +
        "today 12,500 of 200,000 tokens (6%).",
    );
    expect(checkBlocks(blocks, "home")).toEqual([]);
    expect(aiUsageText(aiUsed({ requests: 0, failed: 0, tokens: 0, byFeature: [], tokensToday: 0 }))).toBe(
      "*AI suggestions* (workspace-wide): on, not used in the last 30 days · today 0 of 200,000 tokens (0%).",
    );
  });

  it("stops paging at the last pair at risk", () => {
    const d = smallDashboard();
    const blocks = dashboardBlocks(d);
    expect(buttonsIn(blocks).map((b) => b.label)).not.toContain("Next pairs at risk");
  });
});
