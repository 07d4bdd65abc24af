// pipewatch digest --week 2026-W47|latest [--send | --html out.html]: one week's digest, as
// plain text on stdout, as the e-mail's HTML in a file, or sent to DIGEST_TO now (on demand:
// it does not count as the worker's weekly send).
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createDigestLinkUrl } from "@/lib/access/links";
import { loadConfig } from "@/lib/config";
import { getDigest } from "@/lib/digest/data";
import { resolveWeek } from "@/lib/digest/iso-week";
import { renderDigestMessage } from "@/lib/digest/message";
import { digestDisabledReason } from "@/lib/digest/schedule";
import { UserError } from "@/lib/errors";
import { createMailer } from "@/lib/mail/mailer";
import { withDatabase } from "./database.ts";

export async function digest(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { week: { type: "string" }, send: { type: "boolean" }, html: { type: "string" } },
  });
  if (values.send && values.html !== undefined)
    throw new UserError("pass --send or --html, not both", 2);
  const config = loadConfig();
  const { timeZone } = config.digest;
  const week = resolveWeek(values.week ?? "latest", new Date(), timeZone);
  if (!week)
    throw new UserError(
      `--week must be an ISO week such as 2026-W47, or latest, got "${values.week}"`,
      2,
    );
  const reason = values.send ? digestDisabledReason(config) : null;
  if (reason) throw new UserError(`cannot send the digest: ${reason}`, 2);
  return withDatabase(config, async (db) => {
    const data = await getDigest(db, week, timeZone);
    // Only a sent e-mail gets a signed link (one row each); a preview keeps the plain address.
    const { authSecret, publicUrl } = config;
    const href =
      values.send && authSecret
        ? await createDigestLinkUrl({ db, authSecret, publicUrl }, data.week)
        : undefined;
    const message = await renderDigestMessage(data, publicUrl, href);
    if (values.html !== undefined) {
      await writeFile(values.html, message.html);
      console.error(`pipewatch: wrote the digest ${data.week} to ${values.html}`);
    } else if (values.send && config.smtpUrl) {
      const mailer = createMailer(config.smtpUrl);
      try {
        await mailer.send({ ...message, from: config.digest.from, to: config.digest.to });
      } finally {
        mailer.close();
      }
      console.error(`pipewatch: sent the digest ${data.week} to ${config.digest.to.join(", ")}`);
    } else process.stdout.write(message.text);
    return 0;
  });
}
