// Semantic matching against a real database and the local OpenAI-compatible stand-in: profile
// embeddings are computed once (off the request path), reused by rounds and /mentor find,
// recomputed only after a profile change, never without consent or a key, and any AI failure
// leaves the round on local text similarity. What goes out holds no names or emails.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AiClient } from "../../src/ai/client.ts";
import { decodeVector } from "../../src/ai/profile-text.ts";
import { AiUsageLedger } from "../../src/ai/usage.ts";
import type { ProfileInput } from "../../src/domain/profile.ts";
import type { PrismaClient } from "../../src/services/db.ts";
import { EmbeddingService } from "../../src/services/embeddings.ts";
import { MatchingService } from "../../src/services/matching.ts";
import { RoundService } from "../../src/services/rounds.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { type EmbeddingReply, OpenAiStandIn } from "../support/openai-stand-in.ts";
import { type TestStack, testStack } from "../support/stack.ts";

const MODEL = "tandem-test-embedding@64";
const MINUTE_MS = 60 * 1000;
const prismaOf = (db: TestDatabase) => db.database.prisma;
const now = new Date("2026-09-01T10:00:00Z");

const menteeProfile = (goalsText: string, aiOptIn = true): ProfileInput => ({
  role: "MENTEE",
  careerStage: "TRAINEE",
  expertise: [],
  interests: ["Research methods"],
  mentoringKinds: [],
  goalsText,
  mentorCapacity: 1,
  meetingMode: "ANY",
  languages: [],
  aiOptIn,
});
const mentorProfile = (aiOptIn = true): ProfileInput => ({
  role: "MENTOR",
  careerStage: "SENIOR",
  expertise: ["Research methods"],
  interests: [],
  mentoringKinds: ["RESEARCH"],
  mentorCapacity: 1,
  meetingMode: "ANY",
  languages: [],
  aiOptIn,
});

// Mia wants oncology trials; Raj's title is oncology trials, Ann's is estates. Same tags otherwise.
const MIA_GOALS =
  "Run my first oncology clinical trial. <@U0RAJ> (raj.patel@example.org) said Mia Santos should ask.";

describe("semantic matching", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let openai: OpenAiStandIn;
  let stack: TestStack;
  let workspaceId: string;
  let programId: string;

  /** Matching and rounds as the app wires them, or with embeddings from another AI client. */
  const wired = (ai?: AiClient) => {
    if (!ai) return { matching: stack.services.matching, rounds: stack.services.rounds };
    const kick = () => {};
    const matching = new MatchingService(
      prisma,
      stack.services.members,
      kick,
      () => now,
      new EmbeddingService(prisma, ai),
    );
    return {
      matching,
      rounds: new RoundService(prisma, stack.services.coordinators, matching, kick, () => now),
    };
  };
  const drain = async () => {
    await stack.runner.runDue();
    await stack.runner.idle();
  };
  const memberId = async (slackUserId: string) =>
    (await prisma.member.findFirstOrThrow({ where: { slackUserId } })).id;
  const vectors = () =>
    prisma.profileEmbedding.findMany({ orderBy: [{ memberId: "asc" }, { purpose: "asc" }] });
  const sentTexts = () => openai.embeddings.flatMap((r) => r.input);
  const solveRound = async (rounds: RoundService) => {
    const round = await rounds.start(workspaceId, "U0ADMIN", programId);
    await rounds.solve(round.id);
    return rounds.view(round.id);
  };
  const clearDrafts = () => prisma.mentorship.deleteMany({ where: { status: "PROPOSED" } });

  beforeAll(async () => {
    db = await openTestDatabase();
    prisma = db.database.prisma;
    openai = await OpenAiStandIn.start();
    stack = testStack(prisma, { now: () => now, ai: openai.settings() });
    workspaceId = (await stack.services.workspaces.ensure("T1")).id;
    programId = (await stack.services.workspaces.ensureDefaultProgram(workspaceId)).id;
    await prisma.program.update({ where: { id: programId }, data: { aiAllowed: true } });
    stack.directory.add("U0ADMIN", { isAdmin: true });
    stack.directory.add("U0MIA", { realName: "Mia Santos", displayName: "mia" });
    stack.directory.add("U0RAJ", {
      realName: "Raj Patel",
      title: "Consultant in oncology clinical trials",
    });
    stack.directory.add("U0ANN", { realName: "Ann Berg", title: "Head of estates and facilities" });
    stack.directory.add("U0NED", { realName: "Ned Olsen" });
  });
  afterEach(() => {
    expect(openai.unexpected).toEqual([]);
  });
  afterAll(async () => {
    await stack.runner.stop();
    await openai.stop();
    await db.dispose();
  });

  it("a save with AI on queues a job that embeds the profile once, without names or emails", async () => {
    await stack.services.members.saveProfile(workspaceId, "U0MIA", menteeProfile(MIA_GOALS));
    await stack.services.members.saveProfile(workspaceId, "U0RAJ", mentorProfile());
    await stack.services.members.saveProfile(workspaceId, "U0ANN", mentorProfile());
    // Ned didn't turn AI on: nothing of his is queued or sent.
    await stack.services.members.saveProfile(
      workspaceId,
      "U0NED",
      menteeProfile("Present at conferences with confidence", false),
    );
    expect(openai.embeddings).toHaveLength(0); // nothing while the person waits
    const jobs = await prisma.scheduledJob.findMany({ where: { kind: "profile_embedding" } });
    expect(jobs).toHaveLength(3);
    await drain();

    const rows = await vectors();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.model))).toEqual(new Set([MODEL]));
    for (const row of rows) {
      const v = decodeVector(row.vector);
      expect(v).toHaveLength(64);
      expect(Math.hypot(...(v ?? []))).toBeCloseTo(1, 4);
    }
    expect(rows.map((r) => r.purpose).sort()).toEqual(["needs", "offers", "offers"]);
    expect(rows.some((r) => r.memberId === "")).toBe(false);
    expect(await prisma.profileEmbedding.count({ where: { memberId: await memberId("U0NED") } })).toBe(0);

    const sent = sentTexts();
    expect(sent).toHaveLength(3);
    const all = JSON.stringify(openai.embeddings.map((r) => r.body));
    for (const secret of ["Mia", "Santos", "Raj", "Patel", "raj.patel@example.org", "Ned", "Ann Berg"]) {
      expect(all).not.toContain(secret);
    }
    expect(sent.find((t) => t.includes("oncology clinical trial"))).toContain("[name]");
    expect(sent).toContain("Can help with: Research methods.\nRole: Consultant in oncology clinical trials");
    const usage = await prisma.aiUsage.findMany();
    expect(usage.map((u) => [u.feature, u.requests, u.failed])).toEqual([["matching", 3, 0]]);
  });

  it("a round reuses the cached vectors, and the closer mentor is proposed for the reason given", async () => {
    const { rounds } = wired();
    const before = openai.embeddings.length;
    const view = await solveRound(rounds);
    expect(openai.embeddings.length).toBe(before);
    expect(view.summary?.embeddings).toEqual({ stale: 0, computed: 0 });
    const mia = view.pairs.find((p) => p.mentee.slackUserId === "U0MIA");
    expect(mia?.mentor.slackUserId).toBe("U0RAJ");
    expect(mia?.reasons).toContain("similar goals and expertise");
    await clearDrafts();
  });

  it("/mentor find ranks with cached vectors only, never calling the AI while the person waits", async () => {
    const { matching } = wired();
    const before = openai.embeddings.length;
    const found = await matching.find(workspaceId, "U0MIA");
    expect(found.map((s) => s.slackUserId)).toEqual(["U0RAJ", "U0ANN"]);
    expect(found[0]?.reasons).toContain("similar goals and expertise");
    expect(openai.embeddings.length).toBe(before);
  });

  it("a profile change recomputes only that text; an unchanged save computes nothing", async () => {
    const mia = await memberId("U0MIA");
    const [old] = await prisma.profileEmbedding.findMany({ where: { memberId: mia } });
    await stack.services.members.saveProfile(workspaceId, "U0RAJ", mentorProfile());
    await drain();
    expect(sentTexts()).toHaveLength(3);
    await stack.services.members.saveProfile(
      workspaceId,
      "U0MIA",
      menteeProfile("Learn to manage the estates budget and facilities"),
    );
    await drain();
    expect(sentTexts()).toHaveLength(4);
    expect(sentTexts().at(-1)).toContain("estates budget");
    const [fresh] = await prisma.profileEmbedding.findMany({ where: { memberId: mia } });
    expect(fresh?.textHash).not.toBe(old?.textHash);
    // Now Ann's title is the closer one.
    const found = await wired().matching.find(workspaceId, "U0MIA");
    expect(found[0]?.slackUserId).toBe("U0ANN");
    await stack.services.members.saveProfile(workspaceId, "U0MIA", menteeProfile(MIA_GOALS));
    await drain();
  });

  it("a stale vector left by a failed job is refreshed by the next round, in one batch", async () => {
    openai.answerEmbeddings(() => ({ status: 503 }));
    await stack.services.members.saveProfile(workspaceId, "U0ANN", {
      ...mentorProfile(),
      expertise: ["Research methods", "Budgets"],
    });
    await drain();
    const failed = await prisma.scheduledJob.findFirstOrThrow({
      where: { kind: "profile_embedding", status: { not: "DONE" } },
    });
    expect(failed.lastError).toContain("unavailable");
    openai.answerEmbeddings(() => ({ words: true }));
    const requests = openai.embeddings.length;
    const view = await solveRound(wired().rounds);
    expect(view.summary?.embeddings).toEqual({ stale: 1, computed: 1 });
    expect(openai.embeddings.slice(requests).map((r) => r.input.length)).toEqual([1]);
    await clearDrafts();
    await prisma.scheduledJob.deleteMany({ where: { id: failed.id } });
  });

  it.each([
    ["a 429", (): EmbeddingReply => ({ status: 429, retryAfterSeconds: 1 }), "rate_limited"],
    ["malformed vectors", (): EmbeddingReply => ({ vectors: [[Number.NaN, 1]] }), "invalid_output"],
    ["a timeout", (): EmbeddingReply => ({ hang: true }), "timeout"],
  ])("%s leaves the round on local text similarity, and the round completes", async (_, reply, failure) => {
    await prisma.profileEmbedding.deleteMany({ where: { memberId: await memberId("U0MIA") } });
    openai.answerEmbeddings(reply);
    const ai = new AiClient(
      openai.settings({ timeoutMs: 300 }),
      new AiUsageLedger(prisma),
      undefined,
      () => now,
    );
    const view = await solveRound(wired(ai).rounds);
    openai.answerEmbeddings(() => ({ words: true }));
    expect(view.round.status).toBe("DRAFT");
    expect(view.summary?.embeddings).toEqual({ stale: 1, computed: 0, failure });
    const mia = view.pairs.find((p) => p.mentee.slackUserId === "U0MIA");
    expect(mia?.mentor.slackUserId).toBe("U0RAJ");
    // TF-IDF names the words it found in common.
    expect(mia?.reasons.join("; ")).toMatch(/similar goals and expertise \(.*oncology.*\)/);
    await clearDrafts();
  });

  it("failed requests are counted under matching", async () => {
    const [usage] = await prisma.aiUsage.findMany({ where: { feature: "matching" } });
    expect(usage?.failed).toBeGreaterThanOrEqual(4);
  });

  it("a program that doesn't allow AI neither computes nor uses vectors", async () => {
    await prisma.program.update({ where: { id: programId }, data: { aiAllowed: false } });
    const requests = openai.embeddings.length;
    await stack.services.members.saveProfile(workspaceId, "U0MIA", menteeProfile(`${MIA_GOALS} Soon.`));
    await drain();
    const job = await prisma.scheduledJob.findFirst({
      where: { kind: "profile_embedding" },
      orderBy: { createdAt: "desc" },
    });
    expect(job?.status).toBe("CANCELLED");
    const view = await solveRound(wired().rounds);
    expect(view.summary?.embeddings).toBeUndefined();
    expect(openai.embeddings.length).toBe(requests);
    const found = await wired().matching.find(workspaceId, "U0MIA");
    expect(found[0]?.reasons).not.toContain("similar goals and expertise");
    await clearDrafts();
    await prisma.program.update({ where: { id: programId }, data: { aiAllowed: true } });
  });

  it("turning AI off deletes the member's vectors, and later rounds don't compute them", async () => {
    const raj = await memberId("U0RAJ");
    expect(await prisma.profileEmbedding.count({ where: { memberId: raj } })).toBe(1);
    await stack.services.members.saveProfile(workspaceId, "U0RAJ", mentorProfile(false));
    expect(await prisma.profileEmbedding.count({ where: { memberId: raj } })).toBe(0);
    const requests = openai.embeddings.length;
    await solveRound(wired().rounds);
    const texts = openai.embeddings.slice(requests).flatMap((r) => r.input);
    expect(texts.some((t) => t.includes("Consultant in oncology"))).toBe(false);
    await clearDrafts();
  });
});

describe("semantic matching without a key", () => {
  it("queues nothing, sends nothing, and rounds use local text similarity", async () => {
    const db = await openTestDatabase();
    const openai = await OpenAiStandIn.start();
    try {
      const stack = testStack(db.database.prisma, { now: () => now });
      const workspaceId = (await stack.services.workspaces.ensure("T1")).id;
      const programId = (await stack.services.workspaces.ensureDefaultProgram(workspaceId)).id;
      await db.database.prisma.program.update({ where: { id: programId }, data: { aiAllowed: true } });
      stack.directory.add("U0ADMIN", { isAdmin: true });
      stack.directory.add("U0MIA", { realName: "Mia Santos" });
      stack.directory.add("U0RAJ", {
        realName: "Raj Patel",
        title: "Consultant in oncology clinical trials",
      });
      stack.directory.add("U0ANN", { realName: "Ann Berg", title: "Head of estates and facilities" });
      // Opted in earlier, when a key was set: still nothing goes out without one.
      await stack.services.members.saveProfile(workspaceId, "U0MIA", menteeProfile(MIA_GOALS));
      await stack.services.members.saveProfile(workspaceId, "U0RAJ", mentorProfile());
      await stack.services.members.saveProfile(workspaceId, "U0ANN", mentorProfile());
      await stack.runner.runDue();
      await stack.runner.idle();
      const matching = new MatchingService(
        db.database.prisma,
        stack.services.members,
        () => {},
        () => now,
        new EmbeddingService(db.database.prisma, stack.services.ai),
      );
      const rounds = new RoundService(
        db.database.prisma,
        stack.services.coordinators,
        matching,
        () => {},
        () => now,
      );
      const round = await rounds.start(workspaceId, "U0ADMIN", programId);
      const summary = await rounds.solve(round.id);
      expect(summary.embeddings).toBeUndefined();
      const view = await rounds.view(round.id);
      const mia = view.pairs.find((p) => p.mentee.slackUserId === "U0MIA");
      expect(mia?.mentor.slackUserId).toBe("U0RAJ");
      expect(mia?.reasons.join("; ")).toContain("similar goals and expertise (oncology, clinical)");
      expect(await db.database.prisma.profileEmbedding.count()).toBe(0);
      const jobs = await db.database.prisma.scheduledJob.findMany({ where: { kind: "profile_embedding" } });
      expect(jobs.every((j) => j.status === "CANCELLED")).toBe(true);
      expect(openai.embeddings).toHaveLength(0);
      await stack.runner.stop();
    } finally {
      await openai.stop();
      await db.dispose();
    }
  });
});

describe("/mentor find with local text similarity", () => {
  it("reads only the mentors fresh, and words typed after the program's text model still match", async () => {
    const db = await openTestDatabase();
    try {
      let clock = now;
      const stack = testStack(db.database.prisma, { now: () => clock });
      const { members, matching, workspaces } = stack.services;
      const workspaceId = (await workspaces.ensure("T1")).id;
      stack.directory.add("U0MIA", { realName: "Mia Santos" });
      stack.directory.add("U0RAJ", {
        realName: "Raj Patel",
        title: "Consultant in oncology clinical trials",
      });
      stack.directory.add("U0ANN", { realName: "Ann Berg", title: "Head of estates and facilities" });
      await members.saveProfile(
        workspaceId,
        "U0MIA",
        menteeProfile("Run my first oncology clinical trial", false),
      );
      await members.saveProfile(workspaceId, "U0RAJ", mentorProfile(false));
      await members.saveProfile(workspaceId, "U0ANN", mentorProfile(false));

      const first = await matching.find(workspaceId, "U0MIA");
      expect(first.map((s) => s.slackUserId)).toEqual(["U0RAJ", "U0ANN"]);
      expect(first[0]?.reasons.join("; ")).toContain("similar goals and expertise (oncology, clinical)");

      // Five minutes later both write words the program's text model has never seen.
      clock = new Date(now.getTime() + 5 * 60 * 1000);
      await members.saveProfile(
        workspaceId,
        "U0MIA",
        menteeProfile("Build bioinformatics pipelines for genomics", false),
      );
      await members.saveProfile(workspaceId, "U0ANN", {
        ...mentorProfile(false),
        expertise: ["Research methods", "Bioinformatics", "Genomics"],
      });
      const edited = await matching.find(workspaceId, "U0MIA");
      expect(edited.map((s) => s.slackUserId)).toEqual(["U0ANN", "U0RAJ"]);
      expect(edited[0]?.reasons.join("; ")).toMatch(
        /similar goals and expertise \((bioinformatics|genomics)/,
      );

      // Past the model's ten minutes it is rebuilt with the new words; the order stands.
      clock = new Date(now.getTime() + 11 * 60 * 1000);
      const rebuilt = await matching.find(workspaceId, "U0MIA");
      expect(rebuilt.map((s) => s.slackUserId)).toEqual(["U0ANN", "U0RAJ"]);
      expect(rebuilt[0]?.score).toBeGreaterThan(rebuilt[1]?.score ?? 0);
    } finally {
      await db.dispose();
    }
  });
});

describe("/mentor find keeps a program's mentors between calls", () => {
  it("reads them again only when a place is taken, a pause begins or ends, a profile or the program changes", async () => {
    const db = await openTestDatabase();
    try {
      let clock = now;
      const stack = testStack(db.database.prisma, { now: () => clock });
      const { members, workspaces } = stack.services;
      // The same service, over a client that counts how often the program's mentors are read.
      let mentorReads = 0;
      const counted = prismaOf(db).$extends({
        query: {
          enrollment: {
            async findMany({ args, query }) {
              if (JSON.stringify(args.where ?? {}).includes('"not":"MENTEE"')) mentorReads++;
              return query(args);
            },
          },
        },
      }) as unknown as PrismaClient;
      const matching = new MatchingService(
        counted,
        members,
        () => {},
        () => clock,
      );
      const workspaceId = (await workspaces.ensure("T1")).id;
      const programId = (await workspaces.ensureDefaultProgram(workspaceId)).id;
      for (const [id, name] of [
        ["U0MIA", "Mia Santos"],
        ["U0LEO", "Leo Brandt"],
        ["U0RAJ", "Raj Patel"],
        ["U0ANN", "Ann Berg"],
      ] as const) {
        stack.directory.add(id, { realName: name });
      }
      await members.saveProfile(workspaceId, "U0MIA", menteeProfile("Run my first clinical trial", false));
      await members.saveProfile(workspaceId, "U0LEO", menteeProfile("Publish my first paper", false));
      await members.saveProfile(workspaceId, "U0RAJ", mentorProfile(false));
      await members.saveProfile(workspaceId, "U0ANN", mentorProfile(false));
      const found = async () => (await matching.find(workspaceId, "U0MIA")).map((s) => s.slackUserId).sort();
      expect(await found()).toEqual(["U0ANN", "U0RAJ"]);
      expect(await found()).toEqual(["U0ANN", "U0RAJ"]);
      expect(mentorReads).toBe(1);

      // What matching doesn't read changes nothing: a Slack status, the last check-in prompt.
      await prismaOf(db).member.updateMany({
        where: { slackUserId: { in: ["U0RAJ", "U0ANN"] } },
        data: { statusText: "In clinic", lastPromptKey: "p7" },
      });
      expect(await found()).toEqual(["U0ANN", "U0RAJ"]);
      expect(mentorReads).toBe(1);

      // Leo takes Raj's only place (the Ask reads the same mentors): Mia's next find no longer
      // offers him.
      const raj = await prismaOf(db).member.findFirstOrThrow({ where: { slackUserId: "U0RAJ" } });
      await matching.request(workspaceId, "U0LEO", raj.id, programId, undefined);
      expect(mentorReads).toBe(1);
      expect(await found()).toEqual(["U0ANN"]);
      expect(mentorReads).toBe(2);

      // Ann pauses for five minutes: nobody is offered; once her pause is over, she is again, though
      // nothing in the database changed (and the text model is still the same).
      await members.pause(workspaceId, "U0ANN", new Date(now.getTime() + 5 * MINUTE_MS));
      expect(await found()).toEqual([]);
      clock = new Date(now.getTime() + 6 * MINUTE_MS);
      expect(await found()).toEqual(["U0ANN"]);
      expect(mentorReads).toBe(4);

      // Raj takes two mentees now: his second place shows at once.
      await members.saveProfile(workspaceId, "U0RAJ", { ...mentorProfile(false), mentorCapacity: 2 });
      expect(await found()).toEqual(["U0ANN", "U0RAJ"]);
      // The program caps mentors at one mentee: Raj's second place is gone again.
      await prismaOf(db).program.update({ where: { id: programId }, data: { mentorCapacityCap: 1 } });
      expect(await found()).toEqual(["U0ANN"]);
      expect(mentorReads).toBe(6);
    } finally {
      await db.dispose();
    }
  });
});
