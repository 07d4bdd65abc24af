// Prisma CLI configuration (Prisma 7 reads the datasource URL from here, not from schema.prisma).
// Pipewatch applies migrations itself (lib/db/migrate.ts); the URL is only needed for
// `prisma migrate status|deploy` run by a user who has Prisma's engines.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/pipewatch" },
});
