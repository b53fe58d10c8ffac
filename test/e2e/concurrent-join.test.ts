// A new workspace's first requests arrive together: six people type /mentor join at the same moment
// on a workspace Tandem has never seen. Every command must be acked at once (Slack gives up after
// 3 s and Bolt answers 404), every profile modal must open, and the workspace and its default
// program must be created exactly once. On PostgreSQL the first contact used to fail for all but
// one of them (a unique violation while creating the workspace, before the ack).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTriggerId } from "../support/slack-signer.ts";
import { profileAnswers, startTestTandem, submitModal, type TestTandem } from "../support/tandem.ts";

const PEOPLE = ["U0ADA", "U0BAZ", "U0CYD", "U0DOT", "U0EDI", "U0FEN"].map((id, i) => ({
  id,
  name: id.slice(2).toLowerCase(),
  real_name: `Person ${i + 1}`,
  tz: "Europe/London",
}));

/** Log lines at error level or above (Bolt's "not acknowledged" and listener failures). */
function errorLogs(t: TestTandem): string[] {
  return t.logs.filter((line) => {
    try {
      return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
    } catch {
      return false;
    }
  });
}

/**
 * Types /mentor join and returns Tandem's HTTP status: 200 once acked, 404 when Bolt gave up
 * waiting for an ack (after 3 s, as Slack does).
 */
async function join(t: TestTandem, userId: string) {
  const triggerId = makeTriggerId();
  const res = await t.slack.command(userId, "join", { triggerId });
  return { userId, triggerId, status: res.status };
}

describe("six people joining a new workspace at once", () => {
  let t: TestTandem;
  beforeAll(async () => {
    t = await startTestTandem({ users: PEOPLE });
  });
  afterAll(async () => t?.stop());

  it("acks every /mentor join, opens every profile, and creates the workspace once", async () => {
    expect(await t.tandem.database.prisma.workspace.count()).toBe(0);

    const commands = await Promise.all(PEOPLE.map((p) => join(t, p.id)));
    expect(commands.map((c) => [c.userId, c.status])).toEqual(PEOPLE.map((p) => [p.id, 200]));

    const submitted = await Promise.all(
      commands.map(async (c, i) => {
        // After the ack the six modals open side by side: allow for a busy machine.
        const call = await t.slackApi.waitFor(
          "views.open",
          (args, r) => args.trigger_id === c.triggerId && r.status === 200,
          15_000,
        );
        const view = t.slackApi.viewById((call.response.view as { id: string }).id);
        if (!view) throw new Error(`no modal kept for ${c.userId}`);
        const ack = await submitModal(t, c.userId, view, profileAnswers(i % 2 === 0 ? "MENTEE" : "MENTOR"));
        return ack.view?.title?.text;
      }),
    );
    expect(submitted).toEqual(PEOPLE.map(() => "Welcome to Tandem"));

    const prisma = t.tandem.database.prisma;
    const workspaces = await prisma.workspace.findMany();
    expect(workspaces).toHaveLength(1);
    const programs = await prisma.program.findMany({ where: { workspaceId: workspaces[0]?.id } });
    expect(programs.map((p) => p.isDefault)).toEqual([true]);
    expect(await prisma.enrollment.count({ where: { programId: programs[0]?.id, status: "ACTIVE" } })).toBe(
      PEOPLE.length,
    );
    expect(errorLogs(t)).toEqual([]);
    expect(t.slackApi.violations).toEqual([]);
  });

  it("the same person typing /mentor join twice at once gets two acks and one member row", async () => {
    const newcomer = { id: "U0GIA", name: "gia", real_name: "Gia Moretti", tz: "Europe/Rome" };
    t.slackApi.addUser(newcomer);
    const twice = await Promise.all([join(t, newcomer.id), join(t, newcomer.id)]);
    expect(twice.map((c) => c.status)).toEqual([200, 200]);
    await Promise.all(
      twice.map((c) =>
        t.slackApi.waitFor(
          "views.open",
          (args, r) => args.trigger_id === c.triggerId && r.status === 200,
          15_000,
        ),
      ),
    );
    expect(await t.tandem.database.prisma.member.count({ where: { slackUserId: newcomer.id } })).toBe(1);
    expect(errorLogs(t)).toEqual([]);
  });
});
