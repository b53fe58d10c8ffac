// Block Kit views are pure functions: their content, and Slack's limits, for ordinary and extreme data.
import { describe, expect, it } from "vitest";
import { subcommands } from "../../src/slack/commands.ts";
import { helpMessage, unknownCommandMessage } from "../../src/slack/views/help.ts";
import { homeView } from "../../src/slack/views/home.ts";
import { unknownRoleMessage } from "../../src/slack/views/join.ts";
import { checkBlocks, checkView } from "../support/block-kit.ts";
import { hugeDashboard } from "../support/dashboards.ts";
import { busyMentorship, newcomerHome } from "../support/homes.ts";
import { buttonsIn, visibleText } from "../support/tandem.ts";

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
  it("invites a newcomerHome to join", () => {
    const view = homeView(newcomerHome);
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
      ...newcomerHome,
      role: "MENTOR",
      status: "PAUSED",
      pausedUntil: new Date("2026-12-01T00:00:00Z"),
      programs: [{ name: "Residents 2026", role: "MENTOR", isDefault: false }],
    });
    const text = visibleText(view.blocks);
    expect(text).toContain("You take part as a mentor");
    expect(text).toContain("Residents 2026: a mentor");
    expect(text).toContain("paused until 2026-12-01");
    expect(buttonsIn(view.blocks).map((b) => b.label)).toEqual([
      "Edit my profile",
      "Resume now",
      "Open my journal",
      "Add a note",
    ]);
    expect(checkView(view)).toEqual([]);
  });

  it("stays within Slack's limits with extreme data, and escapes names", () => {
    const view = homeView({
      ...newcomerHome,
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

  it("shows each mentorship with its agreement, goals, my open action items and actions", () => {
    const view = homeView({
      ...newcomerHome,
      role: "MENTEE",
      mentorships: [
        {
          ...busyMentorship(0),
          partnerName: "Ben Okafor",
          programName: "Residents 2026",
          goals: [{ title: "Lead a QI project", done: 2, total: 4, achieved: false }],
          myActions: [{ id: "a1", text: "Send the draft abstract", due: "Friday 12 June", overdue: true }],
          myOpenActions: 1,
        },
      ],
      journal: {
        recent: [
          {
            id: "j1",
            kind: "REFLECTION",
            writtenOn: "Monday 8 June 2026",
            prompt: "Q?",
            body: "I learned to ask.",
            partnerName: "Ben Okafor",
          },
        ],
        count: 1,
      },
    });
    const text = visibleText(view.blocks);
    expect(text).toContain("Ben Okafor*, your mentor in Residents 2026, since 3 June 2026");
    expect(text).toContain("every two weeks");
    expect(text).toContain("Lead a QI project (2/4 milestones)");
    expect(text).toContain("Send the draft abstract · *overdue*, was due Friday 12 June");
    expect(text).toContain("I learned to ask.");
    expect(buttonsIn(view.blocks).map((b) => b.label)).toEqual(
      expect.arrayContaining([
        "Mark done",
        "Log a session",
        "Our sessions",
        "Goals",
        "Add a goal",
        "Our agreement",
        "Open my journal",
      ]),
    );
    expect(checkView(view)).toEqual([]);
  });

  it("a coordinator with many programs and five busy mentorships stays within 100 blocks", () => {
    const view = homeView({
      ...newcomerHome,
      role: "BOTH",
      isCoordinator: true,
      mentorships: Array.from({ length: 5 }, (_, i) => busyMentorship(i)),
      dashboard: hugeDashboard(),
    });
    expect(checkView(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(visibleText(view.blocks)).toMatch(/…and 400 more programs/);
  });
});
