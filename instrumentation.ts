// Runs once when the Next.js server starts: check the configuration, then bring the database
// schema up to date, so a server started directly (`next start`, the Docker image) behaves
// like one started by `pipewatch start`.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerRuntime } = await import("@/lib/launch/server-runtime");
  await startServerRuntime();
}
