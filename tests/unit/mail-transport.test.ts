// The SMTP transport (issue #21): nodemailer's current major, and it never reads local files or fetches URLs,
// whatever a message might hold. Against a real SMTP server on loopback.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmtpTransport } from "~/services/mail.server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp?.stop());

describe("SMTP transport", () => {
  it("is nodemailer 10 or newer", () => {
    const version = JSON.parse(fs.readFileSync("node_modules/nodemailer/package.json", "utf8")).version as string;
    expect(Number(version.split(".")[0])).toBeGreaterThanOrEqual(10);
  });

  it("delivers plain messages but refuses file and URL content", async () => {
    const t = createSmtpTransport(smtp.url);
    try {
      await t.sendMail({ from: "colloquy@institute.example", to: "ok@firm.example", subject: "Plain", text: "Hello" });
      expect((await smtp.waitFor((m) => m.to === "ok@firm.example")).text.trim()).toBe("Hello");
      await expect(
        t.sendMail({ from: "colloquy@institute.example", to: "x@firm.example", subject: "File", text: "x", attachments: [{ path: "/etc/hostname" }] }),
      ).rejects.toThrow(/File access rejected/);
      await expect(
        t.sendMail({ from: "colloquy@institute.example", to: "x@firm.example", subject: "Url", text: "x", attachments: [{ path: "http://127.0.0.1:9/secret" }] }),
      ).rejects.toThrow(/Url access rejected/);
      await expect(t.sendMail({ from: "colloquy@institute.example", to: "x@firm.example", subject: "Html", html: { path: "/etc/hostname" } })).rejects.toThrow(
        /access rejected/,
      );
      await new Promise((r) => setTimeout(r, 200));
      expect(smtp.messages.some((m) => m.to === "x@firm.example")).toBe(false);
    } finally {
      t.close();
    }
  });
});
