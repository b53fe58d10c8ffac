// Three suites share one runner: unit (pure), integration (a real database) and e2e (the real
// Bolt app over signed HTTP). With TEST_DATABASE_URL set, integration and e2e run a second time
// on PostgreSQL, plus test/postgres/ (multi-process and server-only cases).
import { defineConfig } from "vitest/config";

const postgresUrl = process.env.TEST_DATABASE_URL;
if (!postgresUrl && process.env.REQUIRE_POSTGRES === "1") {
  throw new Error(
    "REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: the PostgreSQL suite would be skipped.",
  );
}
if (!postgresUrl) {
  console.log(
    "PostgreSQL suite skipped: set TEST_DATABASE_URL (scripts/with-postgres.sh does) to run it too.",
  );
}

const shared = {
  globalSetup: ["test/support/global-setup.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    pool: "forks",
    projects: [
      { test: { ...shared, globalSetup: [], name: "unit", include: ["test/unit/**/*.test.ts"] } },
      { test: { ...shared, name: "integration", include: ["test/integration/**/*.test.ts"] } },
      { test: { ...shared, name: "e2e", include: ["test/e2e/**/*.test.ts"] } },
      ...(postgresUrl
        ? [
            {
              test: {
                ...shared,
                name: "postgres",
                include: [
                  "test/integration/**/*.test.ts",
                  "test/e2e/**/*.test.ts",
                  "test/postgres/**/*.test.ts",
                ],
                env: { TANDEM_TEST_BACKEND: "postgres", TEST_DATABASE_URL: postgresUrl },
              },
            },
          ]
        : []),
    ],
  },
});
