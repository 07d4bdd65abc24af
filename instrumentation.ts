// Runs once when the Next.js server starts: bring the database schema up to date, so a server
// started directly (`next start`, the Docker image) migrates like `pipewatch start` does.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { watchSupervisor } = await import("@/lib/launch/watch-supervisor");
  watchSupervisor();
  const { migrateAtStartup } = await import("@/lib/db/startup");
  await migrateAtStartup();
}
