// Sending e-mail over SMTP (SMTP_URL), for the weekly digest and the e-mail alert channel.
import "server-only";
import nodemailer from "nodemailer";

export type MailMessage = {
  from: string;
  to: string[];
  subject: string;
  /** The HTML part (inline styles, tables for layout, no scripts). */
  html: string;
  /** The plain-text part, for clients that do not show HTML. */
  text: string;
  /** Extra headers, e.g. `X-Pipewatch-Week`. */
  headers?: Record<string, string>;
};

export type Mailer = {
  /** Sends one message; resolves to the Message-ID the SMTP server accepted. */
  send: (message: MailMessage) => Promise<string>;
  close: () => void;
};

/** A mailer for an `smtp://` or `smtps://` URL (credentials in the URL are never logged). */
export function createMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    send: async (message) => {
      const info = await transport.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        headers: message.headers,
      });
      return String(info.messageId);
    },
    close: () => transport.close(),
  };
}
