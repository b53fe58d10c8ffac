// Bulk, deterministic data for the dashboard-statistics benchmark (bench/stats/run.ts): one
// workspace with a big program (`members` people, 100,000 by default) and a small one sharing part
// of its people, written straight in SQL (INSERT … SELECT generate_series), then VACUUM ANALYZEd.
//
// Every pseudo-random choice is `bench_rnd(key, salt)`: a hash of the row's number and a salt
// (hashint8extended, the hash PostgreSQL keeps stable for hash partitioning), so the same seed
// gives the same rows on every run, on PostgreSQL and PGlite alike, whatever the plan. Dates are
// relative to a fixed NOW (STATS_BENCH_NOW), which is also the service's clock.
//
// Per program of M people (the small one has 3 % of the big one's size, a third of them shared):
//   people        70 % mentees, 25 % mentors, 5 % both; 2 % PAUSED, 1 % LEFT, 0.5 % deleted in Slack;
//                 enrollments ACTIVE, 0.3 % WITHDRAWN
//   mentorships   0.45 M: 72 % ACTIVE, 8 % PAUSED, 10 % COMPLETED, 5.5 % CANCELLED, 3 % PROPOSED,
//                 1.5 % REQUESTED; started over the last year; cadence 7/14/30 days or none;
//                 85 % of pairs go to mentors at random, 15 % to the busiest 5 % of mentors (over
//                 capacity); last session ~exponential around the cadence, 10 % gone quiet, 8 %
//                 never met; 0–4 unanswered check-ins; atRiskReason as the check-in job writes it
//   sessions      1–13 HELD per pair that met (the last one = lastSessionAt), 2 % of the older ones
//                 CANCELLED, a PLANNED one for 60 % of ACTIVE pairs: ~6.6 per pair (~300,000)
//   check-ins     4 M over the last 6 months, on pairs live then, to mentor or mentee; 65 % answered
//   goals         0.6 M (62 % ACTIVE, 26 % ACHIEVED, 12 % DROPPED), owned by the mentee, 3 % with no
//                 mentorship; milestones 2 M (3–4 per goal), status following the goal's
//   feedback      1.5 M, ratings 1–4 (5/15/40/40 %), over each pair's life
// and for the workspace: 0.5 M deliveries (90 % big program, 6 % small, 4 % none; 5 % FAILED) over
// 90 days, 0.2 M scheduled jobs.

/** Runs one SQL statement and returns its rows (pg.Client.query or Prisma's $queryRawUnsafe). */
export type Sql = (text: string) => Promise<Array<Record<string, unknown>>>;

export const STATS_BENCH_NOW = new Date("2026-11-23T10:00:00.000Z");
export const WORKSPACE_ID = "ws_stats_bench";
export const BIG_PROGRAM_ID = "prog_stats_big";
export const SMALL_PROGRAM_ID = "prog_stats_small";

export interface GenerateOptions {
  /** People in the big program (default 100,000). */
  members?: number;
  /** Changes every pseudo-random choice (default 1). */
  seed?: number;
  /** Progress lines (stderr in the benchmark). */
  log?: (message: string) => void;
}

export interface ProgramCounts {
  programId: string;
  members: number;
  enrolledActive: number;
  withdrawn: number;
  menteesEnrolled: number;
  mentorsEnrolled: number;
  bothEnrolled: number;
  mentorships: Record<string, number>;
  atRiskFlagged: number;
  sessions: number;
  checkIns: number;
  goals: number;
  milestones: number;
  feedback: number;
  deliveries: number;
  failedDeliveries: number;
  jobs: number;
}

export interface GenerateResult {
  seconds: number;
  /** Seconds per step (members, each program's tables, deliveries, jobs, VACUUM ANALYZE). */
  steps: Record<string, number>;
  totalRows: Record<string, number>;
  programs: ProgramCounts[];
}

interface ProgramSpec {
  id: string;
  name: string;
  /** Program number, in ids and salts. */
  p: number;
  /** Ranges of member numbers enrolled, inclusive. */
  ranges: Array<[number, number]>;
}

const NOW_SQL = `TIMESTAMP '${STATS_BENCH_NOW.toISOString().replace("T", " ").replace("Z", "")}'`;
const DAY = "interval '1 day'";

export async function generate(sql: Sql, options: GenerateOptions = {}): Promise<GenerateResult> {
  const members = options.members ?? 100_000;
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => {});
  const ownSmall = Math.max(20, Math.round(members * 0.02));
  const shared = Math.max(10, Math.round(members * 0.01));
  const totalMembers = members + ownSmall;
  const steps: Record<string, number> = {};
  const started = performance.now();
  const step = async (name: string, ...statements: string[]) => {
    const t = performance.now();
    for (const statement of statements) await sql(statement);
    steps[name] = Math.round(performance.now() - t) / 1000;
    log(`${name}: ${steps[name]} s`);
  };
  // R(key, salt): uniform in [0, 1), the same for the same key, salt and seed.
  const R = (key: string, salt: number) => `bench_rnd((${key})::bigint, ${seed * 1000 + salt})`;

  await step(
    "setup",
    // The statements below are big expressions: JIT-compiling them would take longer than running them.
    "SET jit = off",
    `CREATE OR REPLACE FUNCTION bench_rnd(k bigint, salt bigint) RETURNS float8
       LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT (hashint8extended(k, salt) & 2147483647)::float8 / 2147483648.0 $$`,
    `INSERT INTO "Workspace" (id, "slackTeamId", name, "installedAt", "createdAt", "updatedAt")
     VALUES ('${WORKSPACE_ID}', 'TSTATSBENCH', 'Stats bench', ${NOW_SQL} - 400 * ${DAY},
             ${NOW_SQL} - 400 * ${DAY}, ${NOW_SQL})`,
  );

  const roleOf = (i: string) =>
    `CASE WHEN ${R(i, 1)} < 0.05 THEN 'BOTH' WHEN ${R(i, 1)} < 0.30 THEN 'MENTOR' ELSE 'MENTEE' END`;
  await step(
    "members",
    `INSERT INTO "Member" (id, "workspaceId", "slackUserId", "realName", "displayName", tz, role,
                           "careerStage", department, "mentorCapacity", status, "leftAt", "isDeleted",
                           "joinedAt", "createdAt", "updatedAt")
     SELECT 'm' || i, '${WORKSPACE_ID}', 'U' || lpad(i::text, 8, '0'), 'Member ' || i, 'member' || i,
            (ARRAY['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'America/Los_Angeles'])
              [1 + floor(${R("i", 2)} * 5)::int],
            (${roleOf("i")})::"ParticipantRole",
            (ARRAY['STUDENT', 'EARLY_CAREER', 'MID_CAREER', 'SENIOR', 'EXECUTIVE'])
              [1 + floor(${R("i", 3)} * 5)::int]::"CareerStage",
            'Dept ' || (1 + floor(${R("i", 4)} * 40)::int),
            1 + floor(${R("i", 5)} * 4)::int,
            (CASE WHEN ${R("i", 6)} < 0.02 THEN 'PAUSED' WHEN ${R("i", 6)} < 0.03 THEN 'LEFT' ELSE 'ACTIVE' END)::"MemberStatus",
            CASE WHEN ${R("i", 6)} >= 0.02 AND ${R("i", 6)} < 0.03 THEN ${NOW_SQL} - (60 * ${R("i", 8)}) * ${DAY} END,
            ${R("i", 9)} < 0.005,
            ${NOW_SQL} - (400 * ${R("i", 7)}) * ${DAY},
            ${NOW_SQL} - 400 * ${DAY}, ${NOW_SQL}
     FROM generate_series(1, ${totalMembers}) AS i`,
  );

  const programs: ProgramSpec[] = [
    { id: BIG_PROGRAM_ID, name: "Engineering mentorship", p: 1, ranges: [[1, members]] },
    {
      id: SMALL_PROGRAM_ID,
      name: "New managers circle",
      p: 2,
      ranges: [
        [1, shared],
        [members + 1, totalMembers],
      ],
    },
  ];
  for (const program of programs) await generateProgram(program, R, step);

  const kinds = `(ARRAY['dm', 'checkin', 'intro', 'reflection', 'feedback_request', 'review', 'milestone_due',
                        'agenda_prompt', 'quiet_followup', 'digest'])`;
  const deliveries = Math.round(members * 0.5);
  const jobs = Math.round(members * 0.2);
  await step(
    "deliveries",
    `INSERT INTO "Delivery" (id, "workspaceId", "programId", recipient, "channelId", kind, status, error,
                             "messageTs", attempt, "createdAt")
     SELECT 'd' || d, '${WORKSPACE_ID}',
            CASE WHEN ${R("d", 70)} < 0.90 THEN '${BIG_PROGRAM_ID}'
                 WHEN ${R("d", 70)} < 0.96 THEN '${SMALL_PROGRAM_ID}' END,
            'U' || lpad((1 + floor(${R("d", 71)} * ${totalMembers})::int)::text, 8, '0'),
            'D' || d,
            ${kinds}[1 + floor(${R("d", 72)} * 10)::int],
            st::"DeliveryStatus",
            CASE WHEN st = 'FAILED' THEN (ARRAY['user_disabled', 'account_inactive', 'user_not_found',
                                                'channel_not_found', 'ratelimited'])
                                         [1 + floor(${R("d", 74)} * 5)::int] END,
            CASE WHEN st = 'SENT' THEN '1700000000.' || lpad(d::text, 6, '0') END,
            CASE WHEN st IN ('FAILED', 'RETRYING') THEN 2 + floor(${R("d", 75)} * 6)::int ELSE 1 END,
            ${NOW_SQL} - (90 * ${R("d", 76)}) * ${DAY}
     FROM (SELECT d, CASE WHEN ${R("d", 73)} < 0.85 THEN 'SENT' WHEN ${R("d", 73)} < 0.90 THEN 'FAILED'
                          WHEN ${R("d", 73)} < 0.94 THEN 'SKIPPED' WHEN ${R("d", 73)} < 0.97 THEN 'DEFERRED'
                          ELSE 'RETRYING' END AS st
           FROM generate_series(1, ${deliveries}) AS d) AS x`,
  );
  await step(
    "jobs",
    `INSERT INTO "ScheduledJob" (id, "workspaceId", "programId", kind, "dueAt", payload, "idempotencyKey",
                                 status, attempts, "createdAt", "updatedAt", "finishedAt")
     SELECT 'j' || j, '${WORKSPACE_ID}',
            CASE WHEN ${R("j", 80)} < 0.88 THEN '${BIG_PROGRAM_ID}'
                 WHEN ${R("j", 80)} < 0.95 THEN '${SMALL_PROGRAM_ID}' END,
            ${kinds}[1 + floor(${R("j", 81)} * 10)::int],
            CASE WHEN st = 'PENDING' THEN ${NOW_SQL} + (14 * ${R("j", 83)}) * ${DAY}
                 ELSE ${NOW_SQL} - (60 * ${R("j", 83)}) * ${DAY} END,
            '{}'::jsonb, 'stats-bench:' || j, st::"JobStatus",
            CASE WHEN st = 'PENDING' THEN 0 WHEN st = 'FAILED' THEN 8 ELSE 1 END,
            ${NOW_SQL} - 61 * ${DAY}, ${NOW_SQL},
            CASE WHEN st IN ('DONE', 'FAILED') THEN ${NOW_SQL} - (60 * ${R("j", 83)}) * ${DAY} END
     FROM (SELECT j, CASE WHEN ${R("j", 82)} < 0.35 THEN 'PENDING' WHEN ${R("j", 82)} < 0.93 THEN 'DONE'
                          WHEN ${R("j", 82)} < 0.96 THEN 'FAILED' ELSE 'CANCELLED' END AS st
           FROM generate_series(1, ${jobs}) AS j) AS x`,
  );
  await step(
    "vacuum analyze",
    `DROP FUNCTION bench_rnd(bigint, bigint)`,
    "DROP TABLE IF EXISTS _bench_mentee_pool, _bench_mentor_pool, _bench_started, _bench_live",
    // Autovacuum's steady state: statistics, and a visibility map for index-only scans.
    "VACUUM ANALYZE",
  );

  const seconds = Math.round(performance.now() - started) / 1000;
  return { seconds, steps, totalRows: await countRows(sql), programs: await countPrograms(sql, programs) };
}

async function generateProgram(
  program: ProgramSpec,
  R: (key: string, salt: number) => string,
  step: (name: string, ...statements: string[]) => Promise<void>,
): Promise<void> {
  const { id, p } = program;
  const size = program.ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
  const memberNumbers = program.ranges
    .map(([a, b]) => `SELECT generate_series(${a}, ${b}) AS i`)
    .join(" UNION ALL ");
  const roleOf = (i: string) =>
    `CASE WHEN ${R(i, 1)} < 0.05 THEN 'BOTH' WHEN ${R(i, 1)} < 0.30 THEN 'MENTOR' ELSE 'MENTEE' END`;
  const pairs = Math.round(size * 0.45);
  const checkIns = size * 4;
  const goals = Math.round(size * 0.6);
  const milestones = size * 2;
  const feedback = Math.round(size * 1.5);
  const tag = `program ${p} (${size} people)`;

  await step(
    `${tag}: program, enrollments`,
    `INSERT INTO "Program" (id, "workspaceId", name, kind, status, "createdAt", "updatedAt")
     VALUES ('${id}', '${WORKSPACE_ID}', '${program.name}', 'EVERGREEN', 'OPEN', ${NOW_SQL} - 400 * ${DAY}, ${NOW_SQL})`,
    `INSERT INTO "Enrollment" (id, "programId", "memberId", role, status, source, capacity, "enrolledAt", "updatedAt")
     SELECT 'e${p}_' || i, '${id}', 'm' || i, (${roleOf("i")})::"ParticipantRole",
            (CASE WHEN ${R("i", 10 + p)} < 0.003 THEN 'WITHDRAWN' ELSE 'ACTIVE' END)::"EnrollmentStatus",
            'ROSTER',
            CASE WHEN ${roleOf("i")} <> 'MENTEE' AND ${R("i", 12 + p)} < 0.2
                 THEN 1 + floor(${R("i", 14 + p)} * 3)::int END,
            ${NOW_SQL} - (380 * ${R("i", 16 + p)}) * ${DAY}, ${NOW_SQL}
     FROM (${memberNumbers}) AS s`,
    // Pools numbered from 1, to pick a mentee or a mentor by number.
    "DROP TABLE IF EXISTS _bench_mentee_pool, _bench_mentor_pool",
    `CREATE UNLOGGED TABLE _bench_mentee_pool AS
     SELECT row_number() OVER (ORDER BY i) AS n, i FROM (${memberNumbers}) AS s
     WHERE ${roleOf("i")} <> 'MENTOR'`,
    `CREATE UNLOGGED TABLE _bench_mentor_pool AS
     SELECT row_number() OVER (ORDER BY i) AS n, i FROM (${memberNumbers}) AS s
     WHERE ${roleOf("i")} <> 'MENTEE'`,
    "CREATE UNIQUE INDEX ON _bench_mentee_pool (n)",
    "CREATE UNIQUE INDEX ON _bench_mentor_pool (n)",
    "ANALYZE _bench_mentee_pool",
    "ANALYZE _bench_mentor_pool",
  );

  // Pair k: the k-th mentee along a stride (each mentee at most once: pairs < mentees), and a mentor
  // drawn at random, 15 % of the time among the first 5 % of mentors (who end up over capacity).
  // a: status and dates; b: the last session (gap ~ exponential around the cadence, 10 % quiet).
  const salt = (n: number) => 100 * p + n;
  await step(
    `${tag}: mentorships`,
    `INSERT INTO "Mentorship" (id, "programId", "mentorId", "menteeId", status, origin, score, "respondBy",
                               "cadenceDays", "pausedUntil", "lastSessionAt", "nextCheckinAt",
                               "unansweredCheckins", "checkinRounds", "lastCheckinAt", "atRiskReason",
                               "nextReviewAt", "startedAt", "endedAt", "endReason", "createdAt", "updatedAt")
     SELECT 'ms${p}_' || k, '${id}', 'm' || mentor_i, 'm' || mentee_i, status::"MentorshipStatus",
            origin::"MentorshipOrigin", round((100 * ${R("k", salt(1))})::numeric, 1)::float8,
            CASE WHEN status = 'REQUESTED' THEN ${NOW_SQL} + (3 * ${R("k", salt(2))}) * ${DAY} END,
            cadence,
            CASE WHEN status = 'PAUSED' THEN ${NOW_SQL} + (30 * ${R("k", salt(3))}) * ${DAY} END,
            last_session,
            CASE WHEN status = 'ACTIVE' THEN ${NOW_SQL} + (coalesce(cadence, 14) * ${R("k", salt(4))}) * ${DAY} END,
            unanswered,
            CASE WHEN started IS NULL THEN 0
                 ELSE floor(extract(epoch FROM (coalesce(ended, ${NOW_SQL}) - started)) / 86400
                            / coalesce(cadence, 14))::int END,
            CASE WHEN status IN ('ACTIVE', 'PAUSED')
                 THEN greatest(started, ${NOW_SQL} - (coalesce(cadence, 14) * ${R("k", salt(5))}) * ${DAY}) END,
            CASE WHEN status <> 'ACTIVE' THEN NULL
                 WHEN unanswered >= 3 THEN unanswered || ' check-ins in a row unanswered'
                 WHEN idle_days >= 2 * coalesce(cadence, 14) THEN
                   CASE WHEN last_session IS NULL THEN 'no session since the start, ' || idle_days || ' days ago'
                        ELSE 'no session in ' || idle_days || ' days' END END,
            CASE WHEN status = 'ACTIVE' THEN ${NOW_SQL} + (84 * ${R("k", salt(6))}) * ${DAY} END,
            started, ended,
            CASE WHEN status = 'COMPLETED' THEN 'finished' WHEN status = 'CANCELLED' THEN 'cancelled' END,
            coalesce(started, ${NOW_SQL} - (14 * ${R("k", salt(7))}) * ${DAY}) - 2 * ${DAY}, ${NOW_SQL}
     FROM (
       SELECT b.*, floor(extract(epoch FROM (${NOW_SQL} - coalesce(last_session, started))) / 86400)::int AS idle_days
       FROM (
         SELECT a.*,
                CASE WHEN started IS NULL OR ${R("k", salt(8))} < 0.08 THEN NULL
                     ELSE greatest(started, coalesce(ended, ${NOW_SQL}) - least(
                            extract(epoch FROM (coalesce(ended, ${NOW_SQL}) - started)) / 86400,
                            CASE WHEN ${R("k", salt(9))} < 0.10
                                 THEN (2 + 10 * ${R("k", salt(10))}) * coalesce(cadence, 14)
                                 ELSE -ln(1 - ${R("k", salt(10))}) * 0.8 * coalesce(cadence, 14) END
                          ) * ${DAY}) END AS last_session
         FROM (
           SELECT k, status, started, mentee_i, mentor_i,
                  CASE WHEN status = 'REQUESTED' THEN 'REQUEST' WHEN status = 'PROPOSED' THEN 'ROUND'
                       WHEN ${R("k", salt(11))} < 0.80 THEN 'ROUND'
                       WHEN ${R("k", salt(11))} < 0.95 THEN 'REQUEST' ELSE 'COORDINATOR' END AS origin,
                  CASE WHEN ${R("k", salt(12))} < 0.35 THEN 14 WHEN ${R("k", salt(12))} < 0.60 THEN 7
                       WHEN ${R("k", salt(12))} < 0.85 THEN 30 END AS cadence,
                  CASE WHEN status IN ('COMPLETED', 'CANCELLED')
                       THEN started + (extract(epoch FROM (${NOW_SQL} - started)) / 86400 * ${R("k", salt(13))}) * ${DAY}
                  END AS ended,
                  CASE WHEN status NOT IN ('ACTIVE', 'PAUSED') THEN 0
                       WHEN ${R("k", salt(14))} < 0.60 THEN 0 WHEN ${R("k", salt(14))} < 0.80 THEN 1
                       WHEN ${R("k", salt(14))} < 0.90 THEN 2 WHEN ${R("k", salt(14))} < 0.96 THEN 3
                       ELSE 4 END AS unanswered
           FROM (
             SELECT k, s.status, me.i AS mentee_i, mo.i AS mentor_i,
                    CASE WHEN s.status IN ('PROPOSED', 'REQUESTED') THEN NULL
                         WHEN s.status = 'COMPLETED' THEN ${NOW_SQL} - (60 + 305 * ${R("k", salt(15))}) * ${DAY}
                         ELSE ${NOW_SQL} - (3 + 362 * ${R("k", salt(15))}) * ${DAY} END AS started
             FROM generate_series(1, ${pairs}) AS k
             CROSS JOIN LATERAL (
               SELECT CASE WHEN ${R("k", salt(16))} < 0.72 THEN 'ACTIVE' WHEN ${R("k", salt(16))} < 0.80 THEN 'PAUSED'
                           WHEN ${R("k", salt(16))} < 0.90 THEN 'COMPLETED' WHEN ${R("k", salt(16))} < 0.955 THEN 'CANCELLED'
                           WHEN ${R("k", salt(16))} < 0.985 THEN 'PROPOSED' ELSE 'REQUESTED' END AS status
             ) AS s
             JOIN _bench_mentee_pool AS me
               ON me.n = ((k::bigint * 48271) % (SELECT count(*) FROM _bench_mentee_pool)) + 1
             JOIN _bench_mentor_pool AS mo
               ON mo.n = 1 + floor(CASE WHEN ${R("k", salt(17))} < 0.15
                                       THEN ${R("k", salt(18))} * greatest(1, (SELECT count(*) FROM _bench_mentor_pool) / 20)
                                       ELSE ${R("k", salt(18))} * (SELECT count(*) FROM _bench_mentor_pool) END)::bigint
           ) AS raw
         ) AS a
       ) AS b
     ) AS c`,
    // A member who is both may have drawn themself as mentor: give that pair the next mentor.
    `UPDATE "Mentorship" AS ms SET "mentorId" = 'm' || nxt.i
     FROM _bench_mentor_pool AS cur, _bench_mentor_pool AS nxt
     WHERE ms."programId" = '${id}' AND ms."mentorId" = ms."menteeId" AND cur.i = substr(ms."mentorId", 2)::bigint
       AND nxt.n = cur.n % (SELECT count(*) FROM _bench_mentor_pool) + 1`,
    "DROP TABLE IF EXISTS _bench_started, _bench_live",
    // Pairs that started (goals, feedback) and pairs live in the last 6 months (check-ins), by number.
    `CREATE UNLOGGED TABLE _bench_started AS
     SELECT row_number() OVER (ORDER BY id) AS n, id, "mentorId", "menteeId", "startedAt",
            coalesce("endedAt", ${NOW_SQL}) AS until
     FROM "Mentorship" WHERE "programId" = '${id}' AND "startedAt" IS NOT NULL`,
    `CREATE UNLOGGED TABLE _bench_live AS
     SELECT row_number() OVER (ORDER BY id) AS n, id, "mentorId", "menteeId",
            greatest("startedAt", ${NOW_SQL} - 180 * ${DAY}) AS since, until
     FROM _bench_started WHERE until > ${NOW_SQL} - 180 * ${DAY}`,
    "CREATE UNIQUE INDEX ON _bench_started (n)",
    "CREATE UNIQUE INDEX ON _bench_live (n)",
    "ANALYZE _bench_started",
    "ANALYZE _bench_live",
  );

  // Session j = 1 of a pair that met is its last session (= lastSessionAt).
  await step(
    `${tag}: sessions`,
    `INSERT INTO "MentoringSession" (id, "mentorshipId", status, "heldOn", "durationMinutes", "loggedById",
                                     "createdAt", "updatedAt")
     SELECT 's' || ms.id || '_' || j, ms.id,
            (CASE WHEN j > 1 AND ${R("h", salt(20))} < 0.02 THEN 'CANCELLED' ELSE 'HELD' END)::"SessionStatus",
            CASE WHEN j = 1 THEN ms."lastSessionAt"
                 ELSE ms."startedAt" + (${R("h", salt(21))} * extract(epoch FROM (ms."lastSessionAt" - ms."startedAt"))) * interval '1 second' END,
            (ARRAY[30, 45, 60])[1 + floor(${R("h", salt(22))} * 3)::int],
            CASE WHEN ${R("h", salt(23))} < 0.5 THEN ms."mentorId" ELSE ms."menteeId" END,
            ${NOW_SQL}, ${NOW_SQL}
     FROM "Mentorship" AS ms
     CROSS JOIN LATERAL generate_series(1, 1 + floor(13 * ${R("substr(ms.id, 5)", salt(24))})::int) AS j
     CROSS JOIN LATERAL (SELECT substr(ms.id, 5)::bigint * 64 + j AS h) AS hk
     WHERE ms."programId" = '${id}' AND ms."lastSessionAt" IS NOT NULL`,
    `INSERT INTO "MentoringSession" (id, "mentorshipId", status, "heldOn", "durationMinutes", "loggedById",
                                     "createdAt", "updatedAt")
     SELECT 's' || id || '_next', id, 'PLANNED', ${NOW_SQL} + (1 + 13 * ${R("substr(id, 5)", salt(25))}) * ${DAY},
            NULL, "menteeId", ${NOW_SQL}, ${NOW_SQL}
     FROM "Mentorship"
     WHERE "programId" = '${id}' AND status = 'ACTIVE' AND ${R("substr(id, 5)", salt(26))} < 0.60`,
  );

  await step(
    `${tag}: check-ins`,
    `INSERT INTO "CheckIn" (id, "mentorshipId", "memberId", kind, "sentAt", "channelId", "messageTs", answer,
                            "answeredAt", pulse)
     SELECT 'c${p}_' || c, l.id, CASE WHEN ${R("c", salt(30))} < 0.5 THEN l."mentorId" ELSE l."menteeId" END,
            kind::"CheckInKind", sent, 'D' || c, '1700000000.' || lpad(c::text, 7, '0'),
            answer::"CheckInAnswer",
            CASE WHEN answer IS NOT NULL THEN least(${NOW_SQL}, sent + (48 * ${R("c", salt(31))}) * interval '1 hour') END,
            CASE WHEN kind = 'PULSE' AND answer IS NOT NULL THEN 1 + floor(4 * ${R("c", salt(32))})::int END
     FROM (
       SELECT c, l.*, l.since + (${R("c", salt(33))} * extract(epoch FROM (l.until - l.since))) * interval '1 second' AS sent,
              CASE WHEN ${R("c", salt(34))} < 0.85 THEN 'NUDGE' WHEN ${R("c", salt(34))} < 0.97 THEN 'PULSE'
                   ELSE 'CONTINUE' END AS kind,
              CASE WHEN ${R("c", salt(35))} >= 0.65 THEN NULL
                   WHEN ${R("c", salt(34))} >= 0.97 THEN CASE WHEN ${R("c", salt(36))} < 0.8 THEN 'CONTINUE' ELSE 'END' END
                   WHEN ${R("c", salt(34))} >= 0.85 THEN 'PULSE'
                   ELSE (ARRAY['MET', 'MET', 'MET', 'RESCHEDULED', 'NOT_YET', 'NOT_YET', 'SNOOZED', 'PAUSE'])
                          [1 + floor(8 * ${R("c", salt(36))})::int] END AS answer
       FROM generate_series(1, ${checkIns}) AS c
       JOIN _bench_live AS l ON l.n = 1 + floor(${R("c", salt(37))} * (SELECT count(*) FROM _bench_live))::bigint
     ) AS l`,
  );

  // Goal g's status is a function of g, so its milestones can follow it without a join.
  const goalStatus = (g: string) =>
    `CASE WHEN ${R(g, salt(40))} < 0.62 THEN 'ACTIVE' WHEN ${R(g, salt(40))} < 0.88 THEN 'ACHIEVED' ELSE 'DROPPED' END`;
  await step(
    `${tag}: goals, milestones`,
    `INSERT INTO "Goal" (id, "ownerId", "mentorshipId", title, kind, status, "targetDate", position, "achievedAt",
                         "createdAt", "updatedAt")
     SELECT 'g${p}_' || g, st."menteeId", CASE WHEN ${R("g", salt(41))} < 0.97 THEN st.id END, 'Goal ' || g,
            (CASE WHEN ${R("g", salt(42))} < 0.8 THEN 'PROFESSIONAL' ELSE 'PERSONAL' END)::"GoalKind",
            status::"GoalStatus", (created + (30 + 150 * ${R("g", salt(43))}) * ${DAY})::date, 0,
            CASE WHEN status = 'ACHIEVED' THEN created + (until - created) * ${R("g", salt(44))} END,
            created, ${NOW_SQL}
     FROM (
       SELECT g, st.*, ${goalStatus("g")} AS status,
              st."startedAt" + (st.until - st."startedAt") * (0.5 * ${R("g", salt(45))}) AS created
       FROM generate_series(1, ${goals}) AS g
       JOIN _bench_started AS st ON st.n = 1 + floor(${R("g", salt(46))} * (SELECT count(*) FROM _bench_started))::bigint
     ) AS st`,
    `INSERT INTO "Milestone" (id, "goalId", title, "targetDate", status, position, "completedAt", "createdAt", "updatedAt")
     SELECT 'ml${p}_' || m, 'g${p}_' || g, 'Milestone ' || m,
            (${NOW_SQL} + (-60 + 180 * ${R("m", salt(50))}) * ${DAY})::date,
            status::"MilestoneStatus", (m - 1) / ${goals},
            CASE WHEN status = 'DONE' THEN ${NOW_SQL} - (200 * ${R("m", salt(51))}) * ${DAY} END,
            ${NOW_SQL} - 200 * ${DAY}, ${NOW_SQL}
     FROM (
       SELECT m, g, CASE ${goalStatus("g")}
                      WHEN 'ACHIEVED' THEN CASE WHEN ${R("m", salt(52))} < 0.9 THEN 'DONE' ELSE 'SKIPPED' END
                      WHEN 'DROPPED' THEN CASE WHEN ${R("m", salt(52))} < 0.5 THEN 'OPEN' ELSE 'SKIPPED' END
                      ELSE CASE WHEN ${R("m", salt(52))} < 0.40 THEN 'DONE' WHEN ${R("m", salt(52))} < 0.92 THEN 'OPEN'
                                ELSE 'SKIPPED' END END AS status
       FROM (SELECT m, (m - 1) % ${goals} + 1 AS g FROM generate_series(1, ${milestones}) AS m) AS x
     ) AS y`,
  );

  await step(
    `${tag}: feedback`,
    `INSERT INTO "Feedback" (id, "mentorshipId", "authorId", "subjectId", context, rating, "createdAt")
     SELECT 'f${p}_' || f, st.id,
            CASE WHEN mentee_writes THEN st."menteeId" ELSE st."mentorId" END,
            CASE WHEN mentee_writes THEN st."mentorId" ELSE st."menteeId" END,
            (CASE WHEN ${R("f", salt(60))} < 0.60 THEN 'SESSION' WHEN ${R("f", salt(60))} < 0.75 THEN 'MILESTONE'
                  WHEN ${R("f", salt(60))} < 0.90 THEN 'PULSE' ELSE 'REVIEW' END)::"FeedbackContext",
            CASE WHEN ${R("f", salt(61))} < 0.05 THEN 1 WHEN ${R("f", salt(61))} < 0.20 THEN 2
                 WHEN ${R("f", salt(61))} < 0.60 THEN 3 ELSE 4 END,
            st."startedAt" + (${R("f", salt(62))} * extract(epoch FROM (st.until - st."startedAt"))) * interval '1 second'
     FROM (
       SELECT f, st.*, ${R("f", salt(63))} < 0.6 AS mentee_writes
       FROM generate_series(1, ${feedback}) AS f
       JOIN _bench_started AS st ON st.n = 1 + floor(${R("f", salt(64))} * (SELECT count(*) FROM _bench_started))::bigint
     ) AS st`,
  );
}

async function countRows(sql: Sql): Promise<Record<string, number>> {
  const tables = [
    "Member",
    "Program",
    "Enrollment",
    "Mentorship",
    "MentoringSession",
    "CheckIn",
    "Goal",
    "Milestone",
    "Feedback",
    "Delivery",
    "ScheduledJob",
  ];
  const [row] = await sql(
    `SELECT ${tables.map((t) => `(SELECT count(*)::int FROM "${t}") AS "${t}"`).join(", ")}`,
  );
  return Object.fromEntries(tables.map((t) => [t, Number(row?.[t] ?? 0)]));
}

async function countPrograms(sql: Sql, programs: ProgramSpec[]): Promise<ProgramCounts[]> {
  const out: ProgramCounts[] = [];
  for (const { id } of programs) {
    const [row] = await sql(`
      SELECT
        (SELECT count(*)::int FROM "Enrollment" WHERE "programId" = '${id}') AS members,
        (SELECT count(*)::int FROM "Enrollment" WHERE "programId" = '${id}' AND status = 'ACTIVE') AS active,
        (SELECT count(*)::int FROM "Enrollment" WHERE "programId" = '${id}' AND status = 'WITHDRAWN') AS withdrawn,
        (SELECT count(*)::int FROM "Enrollment" WHERE "programId" = '${id}' AND status = 'ACTIVE' AND role = 'MENTEE') AS mentees,
        (SELECT count(*)::int FROM "Enrollment" WHERE "programId" = '${id}' AND status = 'ACTIVE' AND role = 'MENTOR') AS mentors,
        (SELECT count(*)::int FROM "Enrollment" WHERE "programId" = '${id}' AND status = 'ACTIVE' AND role = 'BOTH') AS both,
        (SELECT json_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM "Mentorship"
           WHERE "programId" = '${id}' GROUP BY status) AS s) AS mentorships,
        (SELECT count(*)::int FROM "Mentorship" WHERE "programId" = '${id}' AND status = 'ACTIVE'
           AND "atRiskReason" IS NOT NULL) AS at_risk,
        (SELECT count(*)::int FROM "MentoringSession" s JOIN "Mentorship" m ON m.id = s."mentorshipId"
           WHERE m."programId" = '${id}') AS sessions,
        (SELECT count(*)::int FROM "CheckIn" c JOIN "Mentorship" m ON m.id = c."mentorshipId"
           WHERE m."programId" = '${id}') AS checkins,
        (SELECT count(*)::int FROM "Goal" WHERE id LIKE 'g${id === BIG_PROGRAM_ID ? 1 : 2}\\_%') AS goals,
        (SELECT count(*)::int FROM "Milestone" WHERE id LIKE 'ml${id === BIG_PROGRAM_ID ? 1 : 2}\\_%') AS milestones,
        (SELECT count(*)::int FROM "Feedback" f JOIN "Mentorship" m ON m.id = f."mentorshipId"
           WHERE m."programId" = '${id}') AS feedback,
        (SELECT count(*)::int FROM "Delivery" WHERE "programId" = '${id}') AS deliveries,
        (SELECT count(*)::int FROM "Delivery" WHERE "programId" = '${id}' AND status = 'FAILED') AS failed,
        (SELECT count(*)::int FROM "ScheduledJob" WHERE "programId" = '${id}') AS jobs`);
    const n = (key: string) => Number(row?.[key] ?? 0);
    const mentorships = (row?.mentorships ?? {}) as Record<string, number>;
    out.push({
      programId: id,
      members: n("members"),
      enrolledActive: n("active"),
      withdrawn: n("withdrawn"),
      menteesEnrolled: n("mentees"),
      mentorsEnrolled: n("mentors"),
      bothEnrolled: n("both"),
      mentorships: typeof mentorships === "string" ? JSON.parse(mentorships) : mentorships,
      atRiskFlagged: n("at_risk"),
      sessions: n("sessions"),
      checkIns: n("checkins"),
      goals: n("goals"),
      milestones: n("milestones"),
      feedback: n("feedback"),
      deliveries: n("deliveries"),
      failedDeliveries: n("failed"),
      jobs: n("jobs"),
    });
  }
  return out;
}
