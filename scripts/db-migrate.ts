// `npm run db:migrate`: applies pending migrations to the configured database (DATABASE_URL, or
// the embedded PGlite in DATA_DIR), offline. Tandem also does this at every start.
import { existsSync } from "node:fs";
import { openDatabase } from "../src/db/client.ts";

if (existsSync(".env")) process.loadEnvFile(".env");
const url = process.env.DATABASE_URL?.trim();
const target = url
  ? ({ kind: "postgres", url } as const)
  : ({ kind: "pglite", dataDir: process.env.DATA_DIR?.trim() || "./.data" } as const);

const db = await openDatabase(target);
try {
  const applied = await db.migrate();
  const where = target.kind === "postgres" ? "PostgreSQL" : `PGlite in ${target.dataDir}`;
  console.log(applied.length ? `Applied to ${where}:\n  ${applied.join("\n  ")}` : `${where} is up to date.`);
} finally {
  await db.close();
}
