import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Loaded by Node at run time rather than bundled: native-style packages with their own files
  // (PGlite's WebAssembly, pg's optional bindings, Prisma's query compiler, pino's
  // dynamically required streams).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg",
    "@prisma/adapter-pg",
    "@prisma/client",
    "pino",
    "pino-pretty",
  ],
  // The Docker image runs Next's self-contained server (`node server.js`); only its build asks
  // for it, so `npm start`, `npm run demo` and the e2e tests keep running `next start` on `.next`.
  ...(process.env.PIPEWATCH_STANDALONE === "1" ? { output: "standalone" as const } : {}),
};

export default nextConfig;
