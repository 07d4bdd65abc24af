// Reading .env files the way Next.js does, for the command line.
import nextEnv from "@next/env";

/**
 * Loads `.env`, `.env.local` and `.env.<mode>[.local]` from `dir` into the environment, exactly
 * as Next.js does for the web server (variables already set win), so that the command line
 * validates and uses the same configuration as the server it starts.
 */
export function loadEnvFiles(dir: string, mode: "development" | "production"): string[] {
  const { loadedEnvFiles } = nextEnv.loadEnvConfig(dir, mode === "development", {
    info: () => undefined,
    error: () => undefined,
  });
  return loadedEnvFiles.map((file) => file.path);
}
