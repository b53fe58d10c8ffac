// Where Tandem's Prisma schema and migration folders live, wherever the process was started from.
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export const prismaPaths = {
  schema: `${projectRoot}prisma/schema.prisma`,
  migrations: `${projectRoot}prisma/migrations`,
} as const;
