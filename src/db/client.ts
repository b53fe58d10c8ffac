// Opens Tandem's database: PGlite in a data folder by default (no server to install), or a
// PostgreSQL server when a URL is given. Same schema, same migrations, same Prisma client.
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.ts";
import { applyMigrations } from "./migrations.ts";
import type { EngineLog } from "./schema-engine.ts";

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  /** A folder (created if missing) or `memory://`. */
  | { kind: "pglite"; dataDir: string }
  /** An already open PGlite, e.g. a test's copy of a migrated database. */
  | { kind: "pglite"; instance: PGlite };

export interface Database {
  readonly kind: "pglite" | "postgres";
  readonly prisma: PrismaClient;
  /** Applies pending migrations; returns the names applied (empty when up to date). */
  migrate(log?: EngineLog): Promise<string[]>;
  /** True when a trivial query succeeds. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres" ? openPostgres(target.url) : openPglite(target);
}

async function openPglite(target: Extract<DatabaseTarget, { kind: "pglite" }>): Promise<Database> {
  let pglite: PGlite;
  if ("instance" in target) {
    pglite = target.instance;
  } else {
    if (!target.dataDir.includes("://")) await mkdir(target.dataDir, { recursive: true });
    pglite = new PGlite(target.dataDir);
  }
  await pglite.waitReady;
  const adapter = new PrismaPGlite(pglite);
  return assemble("pglite", adapter, async () => {
    await pglite.close();
  });
}

// An arbitrary constant: every Tandem process on one server takes the same lock while migrating.
const MIGRATION_LOCK_ID = 7_261_302;

async function openPostgres(url: string): Promise<Database> {
  const db = assemble("postgres", new PrismaPg({ connectionString: url }), async () => {});
  const migrate = async (log?: EngineLog) => {
    // Several processes may start together on one server: they migrate one at a time.
    const lockClient = new pg.Client({ connectionString: url });
    await lockClient.connect();
    // The schema engine holds a session-level advisory lock on its connection; a pool of our
    // own, ended afterwards, makes sure that lock is released with the connection.
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      await lockClient.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
      return await applyMigrations(new PrismaPg(pool), log);
    } finally {
      await pool.end().catch(() => {});
      await lockClient.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
      await lockClient.end();
    }
  };
  return { ...db, migrate };
}

function assemble(
  kind: Database["kind"],
  adapter: SqlMigrationAwareDriverAdapterFactory,
  closeDriver: () => Promise<void>,
): Database {
  const prisma = new PrismaClient({ adapter });
  return {
    kind,
    prisma,
    migrate: (log) => applyMigrations(adapter, log),
    async healthy() {
      try {
        await prisma.$queryRaw`SELECT 1`;
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
