// Each test file gets its own database: a copy of the migrated PGlite template, or (in the
// PostgreSQL project) a fresh database on the server named by TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.ts";

export type TestBackend = "pglite" | "postgres";

export function testBackend(): TestBackend {
  return process.env.TANDEM_TEST_BACKEND === "postgres" ? "postgres" : "pglite";
}

export interface TestDatabase {
  database: Database;
  backend: TestBackend;
  /** Closes the database and, on PostgreSQL, drops it. */
  dispose(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (testBackend() === "postgres") return openPostgresCopy();
  const template = await readFile(inject("pgliteTemplate"));
  const pglite = new PGlite({ loadDataDir: new Blob([template]) });
  const database = await openDatabase({ kind: "pglite", instance: pglite });
  return { database, backend: "pglite", dispose: () => database.close() };
}

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: the PostgreSQL suite needs a server");
  return url;
}

/** A new, empty database on the test server (migrated by the caller or by the app). */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tandem_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function openPostgresCopy(): Promise<TestDatabase> {
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ kind: "postgres", url: scratch.url });
  await database.migrate();
  return {
    database,
    backend: "postgres",
    async dispose() {
      await database.close();
      await scratch.drop();
    },
  };
}
