import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "./mailer.ts";
import { startTestSmtpServer, type TestSmtpServer } from "./smtp-testing.ts";

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

describe("createMailer", () => {
  it("sends an HTML and a plain-text part to every recipient", async () => {
    const mailer = createMailer(smtp.url);
    try {
      const id = await mailer.send({
        from: "Pipewatch <pipewatch@example.com>",
        to: ["a@example.com", "b@example.com"],
        subject: "Hello",
        html: "<p>Hi <b>there</b></p>",
        text: "Hi there",
        headers: { "X-Pipewatch-Test": "1" },
      });
      const [mail] = await smtp.waitFor(1);
      expect(mail?.to).toEqual(["a@example.com", "b@example.com"]);
      expect(mail?.from).toBe("pipewatch@example.com");
      expect(mail?.parsed.subject).toBe("Hello");
      expect(mail?.parsed.html).toContain("<b>there</b>");
      expect(mail?.parsed.text?.trim()).toBe("Hi there");
      expect(mail?.parsed.headers.get("x-pipewatch-test")).toBe("1");
      expect(mail?.parsed.messageId).toBe(id);
    } finally {
      mailer.close();
    }
  });

  it("rejects when the server cannot be reached", async () => {
    const mailer = createMailer("smtp://127.0.0.1:1");
    try {
      await expect(
        mailer.send({
          from: "a@example.com",
          to: ["b@example.com"],
          subject: "x",
          html: "x",
          text: "x",
        }),
      ).rejects.toThrow();
    } finally {
      mailer.close();
    }
  });
});
