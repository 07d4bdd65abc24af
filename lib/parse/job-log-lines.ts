// Reads a GitHub Actions job log line by line: `<timestamp> <message>` lines as the runner
// writes them (.NET "O" format, e.g. `2025-04-07T12:57:33.2904078Z Current runner version`),
// continuation lines of a multi-line write without a timestamp, a UTF-8 BOM at the start,
// `\n` or `\r\n` endings (reference §1.5).

/** Only this many characters of a line are looked at; the rest of a longer line is ignored. */
export const MAX_LINE_CHARS = 64 * 1024;

/** One line of a job log. */
export type LogLine = {
  /**
   * When the runner wrote it, as ISO 8601 UTC with milliseconds (`2025-04-07T12:57:33.290Z`).
   * A continuation line takes the time of the line it continues; null before any timestamp.
   */
  at: string | null;
  /** The text after the timestamp (the whole line when it has none). */
  message: string;
};

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z(?: |$)/;

/** `2025-04-07T12:57:33` + `2904078` → `2025-04-07T12:57:33.290Z`. */
function isoOf(seconds: string, fraction: string | undefined): string {
  return `${seconds}.${(fraction ?? "").padEnd(3, "0").slice(0, 3)}Z`;
}

/**
 * Calls `visit` for each line of `log`, in order, in time and memory linear in the log's size
 * (no array of all lines is built). Never throws on odd input: anything that is not a
 * timestamped line is a continuation line.
 */
export function forEachLogLine(log: string, visit: (line: LogLine) => void): void {
  let at: string | null = null;
  let start = 0;
  while (start < log.length) {
    const newline = log.indexOf("\n", start);
    const end = newline === -1 ? log.length : newline;
    let text = log.slice(start, Math.min(end, start + MAX_LINE_CHARS));
    if (text.endsWith("\r")) text = text.slice(0, -1);
    // The file starts with a BOM; logs glued together from several files may repeat it.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const match = TIMESTAMP.exec(text);
    if (match) {
      at = isoOf(match[1] ?? "", match[2]);
      visit({ at, message: text.slice(match[0].length) });
    } else {
      visit({ at, message: text });
    }
    start = end + 1;
  }
}
