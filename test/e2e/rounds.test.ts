// A coordinator's matching round, as a person runs it: /mentor match → a DM when the draft is
// ready → review (reasons, unmatched with reasons, lock, swap, remove) → re-run around the locked
// pair → publish → each pair introduced in a group DM, and a summary for the coordinator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillModal } from "../support/modal-filler.ts";
import { ask, click, eventually, waitForDm } from "../support/person.ts";
import type { StoredView } from "../support/slack-api-stand-in.ts";
import { buttonsIn, joinViaModal, startTestTandem, type TestTandem, visibleText } from "../support/tandem.ts";

const ADA = { id: "U0ADA", name: "ada", real_name: "Ada Coordinator", tz: "Europe/London", is_admin: true };
const MENTEES = [
  { id: "U0ME1", name: "m1", real_name: "Mina One", tz: "Europe/London" },
  { id: "U0ME2", name: "m2", real_name: "Milo Two", tz: "Europe/Paris" },
  { id: "U0ME3", name: "m3", real_name: "Maya Three", tz: "Europe/Berlin" },
  { id: "U0ME4", name: "m4", real_name: "Moe Far", tz: "Pacific/Auckland" },
];
const MENTORS = [
  { id: "U0MR1", name: "r1", real_name: "Rosa First", tz: "Europe/London" },
  { id: "U0MR2", name: "r2", real_name: "Remy Second", tz: "Europe/Madrid" },
];

describe("matching rounds", () => {
  let t: TestTandem;
  let review: StoredView;

  beforeAll(async () => {
    t = await startTestTandem({ users: [ADA, ...MENTEES, ...MENTORS] });
    for (const m of MENTEES)
      await joinViaModal(t, m.id, "MENTEE", { "Areas you'd like help with": ["Research methods"] });
    for (const m of MENTORS) {
      await joinViaModal(t, m.id, "MENTOR", {
        "Expertise you can share": ["Research methods"],
        "How many mentees can you take at once?": "1",
      });
    }
  });
  afterAll(async () => t.stop());

  const viewNow = (id: string) => {
    const v = t.slackApi.viewById(id);
    if (!v) throw new Error(`view ${id} is gone`);
    return v;
  };

  async function chooseInMenu(view: StoredView, pairText: string, option: string) {
    const block = (
      view.blocks as Array<{
        block_id?: string;
        text?: { text?: string };
        accessory?: { options?: Array<{ text: { text: string }; value: string }> };
      }>
    ).find((b) => b.text?.text?.includes(pairText) && b.accessory);
    const choice = block?.accessory?.options?.find((o) => o.text.text === option);
    if (!block?.block_id || !choice) throw new Error(`no "${option}" in the menu of the pair "${pairText}"`);
    const before = t.slackApi.callsTo("views.update").length + t.slackApi.callsTo("views.push").length;
    await t.slack.blockAction(
      ADA.id,
      { actionId: "round_pair_menu", blockId: block.block_id, selectedOption: choice.value },
      { view },
    );
    await eventually(
      async () =>
        t.slackApi.callsTo("views.update").length + t.slackApi.callsTo("views.push").length > before,
    );
  }

  it("only coordinators can run a round", async () => {
    const reply = await ask(t, "U0ME1", "match");
    expect(reply.text).toContain("Only coordinators can run matching rounds");
  });

  it("/mentor match runs as a job and DMs the coordinator when the draft is ready", async () => {
    const reply = await ask(t, ADA.id, "match Open mentoring");
    expect(reply.text).toContain("Tandem will DM you when the draft is ready");
    const dm = await waitForDm(t, ADA.id, "ready to review", 15_000);
    expect(visibleText(dm.blocks)).toContain("2 of 4 mentees matched, 2 not matched");
    expect(buttonsIn(dm.blocks).map((b) => b.label)).toEqual(["Review round", "Publish round"]);
    review = await (await click(t, ADA.id, { message: dm }, "Review round")).modal();
    const text = visibleText(review.blocks);
    expect(text).toContain("Draft: nothing is sent until you publish.");
    expect(text).toContain("proven optimal");
    expect(text).toContain("both in research methods");
    expect(text).toContain("*Moe Far*: no eligible mentor (2 too few shared working hours)");
    expect(text).toMatch(/capacity exhausted: every mentor who fits is full/);
    const rows = await t.tandem.database.prisma.mentorship.findMany({ where: { status: "PROPOSED" } });
    expect(rows).toHaveLength(2);
    expect(
      t.slackApi.callsTo("conversations.open").filter((c) => String(c.args.users).includes(",")),
    ).toHaveLength(0);
  });

  it("locking, swapping and removing change the draft in place", async () => {
    const pairs = await t.tandem.database.prisma.mentorship.findMany({
      where: { status: "PROPOSED" },
      include: { mentee: true, mentor: true },
      orderBy: { score: "desc" },
    });
    const [first, second] = pairs;
    if (!first || !second) throw new Error("expected two pairs");
    await chooseInMenu(review, first.mentee.realName ?? "", "Lock pair");
    expect(visibleText(viewNow(review.id).blocks)).toContain(`🔒 *${first.mentee.realName}*`);

    const pushedBefore = t.slackApi.callsTo("views.push").length;
    await chooseInMenu(viewNow(review.id), second.mentee.realName ?? "", "Swap mentor with…");
    await t.slackApi.waitFor("views.push", () => t.slackApi.callsTo("views.push").length > pushedBefore);
    const pushed = t.slackApi.callsTo("views.push").at(-1);
    if (!pushed) throw new Error("the swap picker did not open");
    const swap = viewNow((pushed.response.view as { id: string }).id);
    const res = await t.slack.viewSubmission(ADA.id, {
      id: swap.id,
      callbackId: String(swap.callback_id),
      privateMetadata: String(swap.private_metadata),
      values: fillModal(swap, { "Other pair": `${first.mentee.realName} with ${first.mentor.realName}` }),
      rootViewId: review.id,
    });
    expect(res.status).toBe(200);
    await t.slackApi.waitFor(
      "views.update",
      (args) =>
        args.view_id === review.id &&
        visibleText((args.view as { blocks: unknown }).blocks).includes(
          `*${second.mentee.realName}* with mentor *${first.mentor.realName}*`,
        ),
    );

    await chooseInMenu(viewNow(review.id), second.mentee.realName ?? "", "Remove from draft");
    const text = visibleText(viewNow(review.id).blocks);
    expect(text).toContain(`*${second.mentee.realName}*: removed from the draft by a coordinator`);
    expect(text).toContain("Pairs (1)");
  });

  it("re-running keeps the locked pair and re-optimises around it", async () => {
    const locked = await t.tandem.database.prisma.mentorship.findFirstOrThrow({
      where: { status: "PROPOSED", locked: true },
    });
    const before = t.slackApi.callsTo("chat.postMessage").length;
    await click(t, ADA.id, { view: viewNow(review.id) }, "Re-run around locked pairs");
    await t.slackApi.waitFor(
      "chat.postMessage",
      (args, c) =>
        t.slackApi.calls.indexOf(c) >= 0 &&
        t.slackApi.callsTo("chat.postMessage").length > before &&
        visibleText(args.blocks).includes("ready to review"),
      15_000,
    );
    const proposals = await t.tandem.database.prisma.mentorship.findMany({ where: { status: "PROPOSED" } });
    expect(proposals).toHaveLength(2);
    expect(proposals.find((p) => p.locked)).toMatchObject({
      id: locked.id,
      menteeId: locked.menteeId,
      mentorId: locked.mentorId,
    });
  });

  it("publishing introduces each pair in a group DM and sends the coordinator a summary", async () => {
    const dm = (await t.tandem.database.prisma.matchingRound.findFirstOrThrow()).id;
    const fresh = await (
      await click(t, ADA.id, { message: await waitForDm(t, ADA.id, "ready to review") }, "Review round")
    ).modal();
    expect(fresh.private_metadata).toContain(dm);
    await click(t, ADA.id, { view: fresh }, "Publish round");
    const summary = await waitForDm(t, ADA.id, "introductions sent", 15_000);
    expect(visibleText(summary.blocks)).toContain("2 introductions sent");
    // The introductions are jobs of their own and may still be going out after the summary.
    const intros = () =>
      t.slackApi
        .callsTo("chat.postMessage")
        .filter((c) => visibleText(c.args.blocks).includes("Meet your mentorship partner"));
    await eventually(async () => intros().length >= 2);
    await t.tandem.jobs.idle();
    expect(intros()).toHaveLength(2);
    const active = await t.tandem.database.prisma.mentorship.count({
      where: { status: "ACTIVE", origin: "ROUND" },
    });
    expect(active).toBe(2);
    expect((await t.tandem.database.prisma.matchingRound.findFirstOrThrow()).status).toBe("PUBLISHED");
    expect(t.slackApi.violations).toEqual([]);
  });
});
