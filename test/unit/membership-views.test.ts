// What leaving or erasing one's data says it will end, before anyone confirms: running
// mentorships, and open letter requests (whose other person is then told what was still due).
import { describe, expect, it } from "vitest";
import { deleteDataModal, leaveConfirmMessage } from "../../src/slack/views/membership.ts";
import { checkBlocks, checkView } from "../support/block-kit.ts";
import { buttonsIn, visibleText } from "../support/tandem.ts";

describe("the leave confirmation", () => {
  it("names the mentorships and letter requests leaving ends", () => {
    const none = leaveConfirmMessage({ mentorships: 0, letters: 0 });
    expect(none.text).toBe(
      "Leave Tandem? You have no active mentorships. Your profile is kept, so you can come back with `/mentor join`.",
    );
    const one = leaveConfirmMessage({ mentorships: 1, letters: 1 });
    expect(one.text).toContain(
      "This ends your active mentorship, and your partner is told politely. It also closes an open letter request, and whoever is waiting on it is told.",
    );
    expect(leaveConfirmMessage({ mentorships: 2, letters: 3 }).text).toContain(
      "This ends your 2 active mentorships, and each partner is told politely. It also closes 3 open letter requests, and whoever is waiting on each is told.",
    );
    expect(leaveConfirmMessage({ mentorships: 0, letters: 1 }).text).toContain(
      "You have no active mentorships. It closes an open letter request, and whoever is waiting on it is told.",
    );
    expect(checkBlocks(one.blocks, "message")).toEqual([]);
    expect(JSON.stringify(one.blocks)).toContain(
      "Your mentorships end and your open letter requests close now.",
    );
    expect(buttonsIn(one.blocks).map((b) => b.label)).toEqual(["Leave Tandem", "Stay in Tandem"]);
  });

  it("the erase modal says the same before it can't be undone", () => {
    const view = deleteDataModal({ mentorships: 1, letters: 2 });
    expect(checkView(view)).toEqual([]);
    expect(visibleText(view.blocks)).toContain(
      "Your active mentorship ends, and partners are told. It also closes 2 open letter requests, and whoever is waiting on each is told.",
    );
    expect(visibleText(deleteDataModal({ mentorships: 0, letters: 0 }).blocks)).not.toContain("closes");
  });
});
