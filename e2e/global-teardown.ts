// Removes the data directories the e2e servers ran on (playwright.config.ts made them).
import { rm } from "node:fs/promises";

export default async function globalTeardown(): Promise<void> {
  const dirs = [
    process.env.PIPEWATCH_E2E_DATA_DIR,
    process.env.PIPEWATCH_E2E_DEMO_DIR,
    process.env.PIPEWATCH_E2E_ACCESS_DIR,
  ];
  for (const dir of dirs) if (dir) await rm(dir, { recursive: true, force: true });
}
