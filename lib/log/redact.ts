// Masks secret values in a log line, wherever they appear: a message, a field, an error's
// message or stack. Works on the serialized line, so no field path can be forgotten.

export const REDACTED = "[redacted]";

/** Shorter strings would mask ordinary words; no secret Pipewatch accepts is this short. */
const MIN_LENGTH = 6;

/** The forms a secret can take in a line: as given, JSON-escaped, and the parts of a URL. */
function variantsOf(secret: string): string[] {
  const variants = [secret, secret.replace(/\\n/g, "\n")];
  try {
    const url = new URL(secret);
    if (url.password) variants.push(url.password, decodeURIComponent(url.password));
    // Webhook URLs (Slack's) carry their secret in the path.
    if (url.pathname.length > 1 && !url.username) variants.push(url.pathname);
  } catch {
    // Not a URL: a token or a key.
  }
  // PEM keys: any one line of the key body is enough to leak part of it.
  for (const line of secret.split(/\\n|\n/)) if (!line.startsWith("-----")) variants.push(line);
  const escaped = variants.map((v) => JSON.stringify(v).slice(1, -1));
  return [...variants, ...escaped];
}

/** A function masking every form of `secrets` in a string (identity when there are none). */
export function createRedactor(secrets: readonly string[]): (line: string) => string {
  const needles = [...new Set(secrets.flatMap(variantsOf))]
    .filter((v) => v.trim().length >= MIN_LENGTH)
    // Longest first, so a URL is masked whole before its password alone.
    .sort((a, b) => b.length - a.length);
  if (needles.length === 0) return (line) => line;
  return (line) => {
    let out = line;
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out;
  };
}
