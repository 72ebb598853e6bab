import { inject } from "vitest";

// Before any test file imports lib/db, point it at the run's database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret-that-is-at-least-32-characters-long";
process.env.LOG_LEVEL ??= "silent";
