// Checks that the web server's address is free before anything is started.
import { createServer } from "node:net";
import { UserError } from "@/lib/errors";

export class PortInUseError extends UserError {}

/** Resolves when host:port can be listened on; throws PortInUseError when it cannot. */
export async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new PortInUseError(
            `Port ${port} on ${host} is already in use (another Pipewatch, or another server). Stop it, or set PORT to a free port.`,
          ),
        );
      } else if (error.code === "EADDRNOTAVAIL") {
        reject(new UserError(`HOST=${host} is not an address of this machine.`, 2));
      } else reject(error);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
