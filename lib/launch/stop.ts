// How a running Pipewatch learns it should stop: Ctrl-C, SIGTERM, SIGHUP (terminal closed), or
// the npm process that started it going away (`kill <npm pid>` does not reach us otherwise).

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
const PARENT_CHECK_MS = 2_000;

export type StopController = {
  /** Aborted once a stop was asked for. */
  signal: AbortSignal;
  /** Runs `action` on stop (at once if already stopping). */
  onStop: (action: () => void) => void;
  dispose: () => void;
};

/** Listens for stop requests until disposed; `watchParent` also stops when our parent exits. */
export function createStopController(watchParent: boolean): StopController {
  const controller = new AbortController();
  const actions: (() => void)[] = [];
  const stop = (reason: string) => {
    if (controller.signal.aborted) return;
    controller.abort(reason);
    for (const action of actions) action();
  };
  const onSignal = (signal: NodeJS.Signals) => stop(signal);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  const parent = process.ppid;
  const timer = watchParent
    ? setInterval(() => {
        if (process.ppid !== parent) stop("parent exited");
      }, PARENT_CHECK_MS)
    : undefined;
  timer?.unref();
  return {
    signal: controller.signal,
    onStop: (action) => {
      if (controller.signal.aborted) action();
      else actions.push(action);
    },
    dispose: () => {
      for (const signal of SIGNALS) process.off(signal, onSignal);
      if (timer) clearInterval(timer);
    },
  };
}
