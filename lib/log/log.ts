// The server's logger (pino): JSON lines in production, readable lines in development, every
// configured secret masked in whatever is written.
import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import { type LogSettings, loadLogSettings } from "@/lib/config";
import { createRedactor } from "./redact.ts";

export type { Logger } from "pino";

/**
 * A logger writing to `destination` (stdout by default). Pretty output is pino-pretty as an
 * in-process stream: pino's worker-thread transports do not survive Next's bundling.
 */
export function createLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  const stream =
    destination ??
    (settings.production
      ? pino.destination({ dest: 1, sync: true })
      : pretty({ colorize: true, sync: true }));
  return pino(
    {
      level: settings.level,
      base: { name: "pipewatch" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // On the serialized line, so a secret is masked in any field, message or error.
      hooks: { streamWrite: createRedactor(settings.secrets) },
    },
    stream,
  );
}

const holder = globalThis as typeof globalThis & { pipewatchLogger?: Logger };

/** The process's logger, made on first use. */
export function getLogger(): Logger {
  holder.pipewatchLogger ??= createLogger(loadLogSettings());
  return holder.pipewatchLogger;
}
