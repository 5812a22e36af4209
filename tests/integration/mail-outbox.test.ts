// The outbox against a real SMTP server on loopback: transactional enqueue, delivery, retries with backoff and the
// same Message-ID, permanent failures, crash recovery, and header injection.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { outbox } from "../../db/schema";
import { db, writeTransaction } from "~/models/db.server";
import { CLAIM_LEASE_MS, claimDueMessages } from "~/services/outbox.server";
import { deliverDueMail, enqueueMail } from "~/services/mail.server";
import { resetEnvForTests } from "~/utils/env.server";
import { expectConsoleError } from "../helpers/console-guard";
import { useTestSmtp } from "../helpers/app-smtp";

const testSmtp = useTestSmtp();
beforeEach(() => {
  testSmtp().clear();
  testSmtp().failNext(0);
  db().delete(outbox).run();
});

const row = (id: number) => db().select().from(outbox).where(eq(outbox.id, id)).get()!;
const mail = (to: string, subject = "Hello") => ({ to, subject, text: `Plain text for ${to}`, html: `<p>HTML for ${to}</p>`, kind: "test" });

describe("the mail outbox", () => {
  it("a message enqueued in a transaction that rolls back never exists", async () => {
    expect(() =>
      writeTransaction((tx) => {
        enqueueMail(tx, mail("rolled@example.com"));
        throw new Error("the change failed");
      }),
    ).toThrow("the change failed");
    expect(db().select().from(outbox).all()).toEqual([]);
    const r = await deliverDueMail();
    expect(r.sent).toBe(0);
    expect(testSmtp().messages).toEqual([]);
  });

  it("delivers a committed message once, with text and HTML parts and the stored Message-ID", async () => {
    const id = writeTransaction((tx) => enqueueMail(tx, mail("ada@example.com", "Welcome to Colloquy")));
    const r = await deliverDueMail();
    expect(r).toMatchObject({ sent: 1, retried: 0, failed: 0 });
    const m = await testSmtp().waitFor((m) => m.to === "ada@example.com");
    expect(m.subject).toBe("Welcome to Colloquy");
    expect(m.text).toContain("Plain text for ada@example.com");
    expect(m.html).toContain("<p>HTML for ada@example.com</p>");
    expect(m.messageId).toBe(row(id).messageId);
    expect(row(id)).toMatchObject({ status: "sent", attempts: 1 });
    // Nothing is sent twice.
    await deliverDueMail({ now: new Date(Date.now() + 3600_000) });
    expect(testSmtp().messages).toHaveLength(1);
  });

  it("a temporary SMTP failure is retried with growing backoff and the same Message-ID", async () => {
    const id = writeTransaction((tx) => enqueueMail(tx, mail("retry@example.com")));
    testSmtp().failNext(2, 451);
    const t0 = new Date();
    expect(await deliverDueMail({ now: t0 })).toMatchObject({ retried: 1 });
    let r = row(id);
    expect(r).toMatchObject({ status: "pending", attempts: 1 });
    expect(r.lastError).toMatch(/451/);
    expect(r.nextAttemptAt.getTime() - t0.getTime()).toBe(30_000);
    // Not due yet: nothing happens.
    expect(await deliverDueMail({ now: new Date(t0.getTime() + 10_000) })).toMatchObject({ sent: 0, retried: 0 });
    const t1 = new Date(t0.getTime() + 30_000);
    expect(await deliverDueMail({ now: t1 })).toMatchObject({ retried: 1 });
    r = row(id);
    expect(r.attempts).toBe(2);
    expect(r.nextAttemptAt.getTime() - t1.getTime()).toBe(60_000);
    expect(await deliverDueMail({ now: new Date(t1.getTime() + 60_000) })).toMatchObject({ sent: 1 });
    const delivered = await testSmtp().waitFor((m) => m.to === "retry@example.com");
    expect(testSmtp().attempts.map((a) => a.messageId)).toEqual([r.messageId, r.messageId, r.messageId]);
    expect(testSmtp().attempts.map((a) => a.accepted)).toEqual([false, false, true]);
    expect(delivered.messageId).toBe(r.messageId);
    expect(row(id).status).toBe("sent");
  });

  it("a permanent failure (5xx) is marked failed and not retried", async () => {
    // The operator's log names the message that failed for good.
    expectConsoleError(/failed for good: .*550 Mailbox unavailable/);
    const id = writeTransaction((tx) => enqueueMail(tx, mail("gone@example.com")));
    testSmtp().failNext(1, 550);
    expect(await deliverDueMail()).toMatchObject({ failed: 1 });
    expect(row(id)).toMatchObject({ status: "failed", attempts: 1 });
    expect(row(id).lastError).toMatch(/550/);
    await deliverDueMail({ now: new Date(Date.now() + 24 * 3600_000) });
    expect(testSmtp().messages).toEqual([]);
  });

  it("a worker that crashed mid-delivery: its claim is respected, then the message is sent with the same Message-ID", async () => {
    const id = writeTransaction((tx) => enqueueMail(tx, mail("crash@example.com")));
    const t0 = new Date();
    // A worker claims the message and dies before recording the outcome.
    const [claimed] = claimDueMessages({ now: t0 });
    expect(claimed!.id).toBe(id);
    expect(row(id).status).toBe("sending");
    // Another worker (or the restarted one) does not touch it while the claim lasts: no double send.
    expect(await deliverDueMail({ now: new Date(t0.getTime() + 1000) })).toMatchObject({ sent: 0 });
    expect(testSmtp().messages).toEqual([]);
    // After the lease the message is delivered, with the Message-ID it was given when it was queued.
    expect(await deliverDueMail({ now: new Date(t0.getTime() + CLAIM_LEASE_MS + 1) })).toMatchObject({ sent: 1 });
    const m = await testSmtp().waitFor((m) => m.to === "crash@example.com");
    expect(m.messageId).toBe(claimed!.messageId);
    expect(row(id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("user input cannot add headers or recipients", async () => {
    writeTransaction((tx) =>
      enqueueMail(tx, { ...mail("victim@example.com"), subject: "Hi\r\nBcc: evil@example.com\r\nX-Evil: 1" }),
    );
    for (const to of ["victim@example.com, evil@example.com", "victim@example.com\r\nBcc: evil@example.com", "Eve <evil@example.com>", "a@b@c.com"]) {
      expect(() => writeTransaction((tx) => enqueueMail(tx, mail(to)))).toThrow(/invalid address/);
    }
    await deliverDueMail();
    const m = await testSmtp().waitFor((m) => m.to === "victim@example.com");
    expect(m.recipients).toEqual(["victim@example.com"]);
    expect(m.subject).toBe("Hi Bcc: evil@example.com X-Evil: 1");
    expect(m.headers.has("bcc")).toBe(false);
    expect(m.headers.has("x-evil")).toBe(false);
    expect(testSmtp().messages).toHaveLength(1);
  });

  it("without SMTP_URL messages stay in the development outbox", async () => {
    delete process.env.SMTP_URL;
    resetEnvForTests();
    try {
      const id = writeTransaction((tx) => enqueueMail(tx, mail("dev@example.com")));
      expect(await deliverDueMail()).toMatchObject({ held: 1, sent: 0 });
      expect(row(id).status).toBe("held");
      expect(testSmtp().messages).toEqual([]);
    } finally {
      process.env.SMTP_URL = testSmtp().url;
      resetEnvForTests();
    }
  });
});
