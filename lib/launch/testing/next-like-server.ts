// A stand-in for `next start` in tests: an HTTP server whose SIGTERM/SIGINT handlers do what
// Next.js 16's start-server does (close the server, then process.exit(143)), installed before
// the instrumentation hook runs startServerRuntime, exactly as in Next. Run with
// `node --import ./bin/register.mjs lib/launch/testing/next-like-server.ts`; prints "ready".
import { createServer } from "node:http";
import { startServerRuntime } from "@/lib/launch/server-runtime";

const server = createServer((_request, response) => {
  // A slow request, to show the HTTP server is drained before the exit.
  setTimeout(() => response.end("ok"), 500);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const cleanup = () => {
  server.close(() => process.exit(143));
};
process.on("SIGTERM", cleanup);
process.on("SIGINT", cleanup);
await startServerRuntime();
const address = server.address();
process.stdout.write(`ready ${typeof address === "object" && address ? address.port : 0}\n`);
