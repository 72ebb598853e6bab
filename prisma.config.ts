import { defineConfig } from "prisma/config";

// The app applies prisma/migrations itself (lib/db/migrate.ts); this file lets the Prisma
// CLI find the same schema and migrations on machines where its engine can be downloaded.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/claimdesk" },
});
