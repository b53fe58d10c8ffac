// Block Kit views are pure functions: their content, and Slack's limits, for ordinary and extreme data.
import { describe, expect, it } from "vitest";
import type { HomeData } from "../../src/services/home.ts";
import { subcommands } from "../../src/slack/commands.ts";
import { helpMessage, unknownCommandMessage } from "../../src/slack/views/help.ts";
import { homeView } from "../../src/slack/views/home.ts";
import { unknownRoleMessage } from "../../src/slack/views/join.ts";
import { checkBlocks, checkView } from "../support/block-kit.ts";
import { buttonsIn, visibleText } from "../support/tandem.ts";

const newcomer: HomeData = {
  slackUserId: "U1",
  name: "Ana",
  role: null,
  status: "ACTIVE",
  pausedUntil: null,
  tz: "Europe/Madrid",
  programs: [],
  isCoordinator: false,
  managedPrograms: [],
};

describe("help", () => {
  it("lists every subcommand with its usage, within message limits", () => {
    const message = helpMessage(subcommands);
    expect(checkBlocks(message.blocks, "message")).toEqual([]);
    for (const command of subcommands) expect(visibleText(message.blocks)).toContain(command.usage);
    expect(message.text.length).toBeGreaterThan(0);
  });

  it("unknown command replies escape what was typed and cut it short", () => {
    const message = unknownCommandMessage(`<@U123> ${"x".repeat(500)}`, undefined);
    expect(message.text).not.toContain("<@U123>");
    expect(message.text).toContain("&lt;@U123&gt;");
    expect(message.text.length).toBeLessThan(200);
    expect(checkBlocks(message.blocks, "message")).toEqual([]);
  });
});

describe("join", () => {
  it("an unknown role is escaped and the three roles are offered as labelled buttons", () => {
    const message = unknownRoleMessage("<!here>");
    expect(message.text).not.toContain("<!here>");
    expect(checkBlocks(message.blocks, "message")).toEqual([]);
    expect(buttonsIn(message.blocks).map((b) => [b.label, b.value])).toEqual([
      ["Join as a mentee", "MENTEE"],
      ["Join as a mentor", "MENTOR"],
      ["Join as both", "BOTH"],
    ]);
  });
});

describe("Home", () => {
  it("invites a newcomer to join", () => {
    const view = homeView(newcomer);
    expect(checkView(view)).toEqual([]);
    expect(visibleText(view.blocks)).toContain("You haven't joined yet");
    expect(buttonsIn(view.blocks).map((b) => b.label)).toEqual([
      "Join as a mentee",
      "Join as a mentor",
      "Join as both",
    ]);
  });

  it("shows a member's role, programs and pause, and offers to switch role", () => {
    const view = homeView({
      ...newcomer,
      role: "MENTOR",
      status: "PAUSED",
      pausedUntil: new Date("2026-12-01T00:00:00Z"),
      programs: [{ name: "Residents 2026", role: "MENTOR", isDefault: false }],
    });
    const text = visibleText(view.blocks);
    expect(text).toContain("You take part as a mentor");
    expect(text).toContain("Residents 2026: a mentor");
    expect(text).toContain("paused until 2026-12-01");
    expect(buttonsIn(view.blocks).map((b) => b.label)).toEqual(["Edit my profile", "Resume now"]);
    expect(checkView(view)).toEqual([]);
  });

  it("stays within Slack's limits with extreme data, and escapes names", () => {
    const view = homeView({
      ...newcomer,
      name: `<!channel> ${"N".repeat(5000)}`,
      role: "BOTH",
      programs: Array.from({ length: 200 }, (_, i) => ({
        name: `Program ${i} ${"p".repeat(80)}`,
        role: "BOTH" as const,
        isDefault: false,
      })),
    });
    expect(checkView(view)).toEqual([]);
    expect(visibleText(view.blocks)).not.toContain("<!channel>");
    expect(visibleText(view.blocks)).toContain("…and 190 more");
  });
});
