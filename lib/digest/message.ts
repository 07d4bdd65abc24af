// The digest as an e-mail: subject, HTML (React Email, rendered to a string) and plain text.
import "server-only";
import { render } from "@react-email/render";
import { createElement } from "react";
import { DigestEmail } from "@/components/digest/digest-email";
import type { MailMessage } from "@/lib/mail/mailer";
import type { Digest } from "./compare.ts";
import { weekRange } from "./describe.ts";
import { renderDigestText } from "./text.ts";

export type DigestMessage = Omit<MailMessage, "from" | "to">;

/** `digestHref`: the whole digest's address when it is a signed link (lib/access/links.ts). */
export async function renderDigestMessage(
  digest: Digest,
  publicUrl: string,
  digestHref?: string,
): Promise<DigestMessage> {
  const html = await render(createElement(DigestEmail, { digest, publicUrl, digestHref }));
  return {
    subject: `Pipewatch weekly digest ${digest.week} (${weekRange(digest.window, digest.timeZone)})`,
    html,
    text: renderDigestText(digest, publicUrl, digestHref),
    headers: { "X-Pipewatch-Week": digest.week },
  };
}
