// Prisma CLI configuration. Tandem applies migrations itself (src/db/migrate.ts), offline, so the
// CLI is only used for `prisma generate`; no datasource URL is needed here.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
