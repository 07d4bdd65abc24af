// A web server started by `pipewatch start` exits when that process is gone (killed with -9,
// say), so it never lingers holding the port with no database behind it.
import { getConfig } from "@/lib/config";
import { getLogger } from "@/lib/log/log";
import { isProcessAlive } from "@/lib/process";

const CHECK_EVERY_MS = 2_000;

/** Starts watching the supervisor, when there is one. */
export function watchSupervisor(): void {
  const pid = getConfig().supervisorPid;
  if (pid === undefined) return;
  const timer = setInterval(() => {
    if (isProcessAlive(pid)) return;
    getLogger().error(
      { supervisorPid: pid },
      "the process that started this server is gone; exiting",
    );
    process.exit(1);
  }, CHECK_EVERY_MS);
  timer.unref();
}
