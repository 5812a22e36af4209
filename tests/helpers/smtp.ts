// A real SMTP server on loopback for tests (smtp-server), every message parsed with mailparser.
//
//   const smtp = await startSmtpServer();
//   startTestServer({ env: { SMTP_URL: smtp.url } });
//   const m = await smtp.waitFor((m) => m.to === "x@example.com");
//   m.subject, m.text, m.html, m.messageId, m.links
//   await smtp.stop();
//
// `failNext(n, code)` makes the next n deliveries fail with an SMTP error (4xx temporary, 5xx permanent), so the
// outbox's retry and failure handling can be tested against a real server.
import { simpleParser, type AddressObject } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** First recipient from the envelope (RCPT TO), lower-cased. */
  to: string;
  /** Every envelope recipient. */
  recipients: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Every header line as parsed (lower-case keys). */
  headers: Map<string, unknown>;
  /** Absolute http(s) links found in the text part, in order. */
  links: string[];
  raw: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Resolves with the first message (already received or arriving later) that matches. */
  waitFor: (match?: (m: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  /** Fail the next `count` messages at the end of DATA with this SMTP code (default 451, temporary). */
  failNext: (count: number, code?: number) => void;
  /** Every DATA attempt, including refused ones (message id per attempt). */
  attempts: { messageId: string; accepted: boolean }[];
  clear: () => void;
  stop: () => Promise<void>;
}

function addressText(a: AddressObject | AddressObject[] | undefined): string {
  if (!a) return "";
  return [a].flat().map((x) => x.text).join(", ");
}

export async function startSmtpServer(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const attempts: { messageId: string; accepted: boolean }[] = [];
  const waiters: { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  let failures = 0;
  let failCode = 451;

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // Do not keep a test waiting on an idle pooled client connection.
    closeTimeout: 200,
    onAuth(_auth, _session, cb) {
      cb(null, { user: "test" });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed = await simpleParser(raw);
        const messageId = parsed.messageId ?? "";
        if (failures > 0) {
          failures--;
          attempts.push({ messageId, accepted: false });
          const err = Object.assign(new Error(failCode >= 500 ? "Mailbox unavailable" : "Try again later"), {
            responseCode: failCode,
          });
          return cb(err);
        }
        attempts.push({ messageId, accepted: true });
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const text = parsed.text ?? "";
        const mail: ReceivedMail = {
          to: recipients[0] ?? "",
          recipients,
          from: addressText(parsed.from),
          subject: parsed.subject ?? "",
          text,
          html: typeof parsed.html === "string" ? parsed.html : "",
          messageId,
          headers: parsed.headers as Map<string, unknown>,
          links: [...text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => m[0]),
          raw,
        };
        messages.push(mail);
        for (const w of [...waiters]) {
          if (w.match(mail)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(mail);
          }
        }
        cb();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  // smtp-server keeps a net.Server inside.
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    attempts,
    waitFor(match = () => true, timeoutMs = 15_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (m: ReceivedMail) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          const seen = messages.map((m) => `${m.to}: ${m.subject}`).join("\n  ");
          reject(new Error(`No matching mail within ${timeoutMs} ms. Received:\n  ${seen || "(none)"}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    failNext(count, code = 451) {
      failures = count;
      failCode = code;
    },
    clear() {
      messages.length = 0;
      attempts.length = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
