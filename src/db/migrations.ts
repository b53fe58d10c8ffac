// Reads prisma/migrations/ into the shape Prisma's schema engine expects, and applies it.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm";
import { prismaPaths } from "./paths.ts";
import { type EngineLog, withSchemaEngine } from "./schema-engine.ts";

export const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

export async function readMigrationList(baseDir = prismaPaths.migrations): Promise<MigrationList> {
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    folders.map(async (folder) => {
      const file = path.join(baseDir, folder, "migration.sql");
      const content = await readFile(file, "utf8").then(
        (value) => ({ tag: "ok" as const, value }),
        (error: Error) => ({ tag: "error" as const, value: error.message }),
      );
      return { path: folder, migrationFile: { path: "migration.sql", content } };
    }),
  );
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

export async function readSchemaText(schemaPath = prismaPaths.schema): Promise<string> {
  return readFile(schemaPath, "utf8");
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations`; returns the names applied
 * (empty when the database is up to date, so a second run is a no-op).
 */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log?: EngineLog,
): Promise<string[]> {
  const [schemaText, migrationsList] = await Promise.all([readSchemaText(), readMigrationList()]);
  return withSchemaEngine(
    adapterFactory,
    schemaText,
    async (engine) => {
      const result = await engine.applyMigrations({ migrationsList, filters: noFilters });
      return result.appliedMigrationNames;
    },
    log,
  );
}
