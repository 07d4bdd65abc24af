// Removes the data directory the e2e server ran on (playwright.config.ts made it).
import { rm } from "node:fs/promises";

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.PIPEWATCH_E2E_DATA_DIR;
  if (dir) await rm(dir, { recursive: true, force: true });
}
