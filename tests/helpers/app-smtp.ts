// Points the app's mail at a real SMTP server on loopback for the tests of one file or block (registers the hooks).
import { afterAll, beforeAll } from "vitest";
import { resetEnvForTests } from "~/utils/env.server";
import { startSmtpServer, type TestSmtp } from "./smtp";

export function useTestSmtp(): () => TestSmtp {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    resetEnvForTests();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    resetEnvForTests();
    await smtp.stop();
  });
  return () => smtp;
}
