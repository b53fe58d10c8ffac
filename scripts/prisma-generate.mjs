// Runs `prisma generate` at install time, offline. The Prisma CLI tries to download its native
// schema engine on start; generation itself runs on bundled WebAssembly and only needs that
// variable to name an existing file (see shared/notes/prisma-offline.md). Plain JS: it runs
// before dependencies such as tsx are guaranteed to be usable.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(import.meta.url);
}
const cli = `${root}node_modules/prisma/build/index.js`;
const result = spawnSync(process.execPath, [cli, "generate"], { cwd: root, env, stdio: "inherit" });
process.exit(result.status ?? 1);
