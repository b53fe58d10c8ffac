// Runs once per test run: migrates an in-memory PGlite and saves it, so every test file can
// start from a copy in about a second instead of running initdb and migrations again.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/client.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), "tandem-test-"));
  const pglite = new PGlite("memory://");
  const db = await openDatabase({ kind: "pglite", instance: pglite });
  await db.migrate();
  const dump = await pglite.dumpDataDir("gzip");
  const file = path.join(dir, "migrated.tar.gz");
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide("pgliteTemplate", file);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
