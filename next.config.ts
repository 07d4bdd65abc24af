import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Loaded by Node at run time rather than bundled: native-style packages with their own files
  // (PGlite's WebAssembly, pg's optional bindings, Prisma's query compiler).
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@prisma/adapter-pg", "@prisma/client"],
};

export default nextConfig;
