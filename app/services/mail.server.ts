// The mail outbox. enqueueMail writes the message in the caller's write transaction, so the change and its mail
// commit together or not at all; a background worker delivers (see deliverDueMail, issue #3).
import { randomBytes } from "node:crypto";
import { outbox } from "../../db/schema";
import type { DB } from "~/models/db.server";
import { env } from "~/utils/env.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What kind of message this is (invitation, password-reset, material-update, reply, digest, survey…). */
  kind: string;
}

/** Strips CR/LF and other control characters so user input can never add headers or recipients. */
export function headerSafe(value: string, max = 200): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim().slice(0, max);
}

export function newMessageId(): string {
  const host = new URL(env().APP_URL).hostname || "colloquy.localhost";
  return `<${randomBytes(16).toString("hex")}@${host}>`;
}

/** Must be called inside a write transaction (writeTransaction) together with the change that caused the mail. */
export function enqueueMail(tx: DB, mail: OutgoingMail): number {
  const to = headerSafe(mail.to, 320);
  if (!/^[^\s@,;<>"]+@[^\s@,;<>"]+$/.test(to)) throw new Error(`Refusing to queue mail to an invalid address: ${to}`);
  const row = tx
    .insert(outbox)
    .values({
      messageId: newMessageId(),
      toAddress: to,
      subject: headerSafe(mail.subject),
      text: mail.text,
      html: mail.html ?? null,
      kind: mail.kind,
      nextAttemptAt: new Date(),
    })
    .returning({ id: outbox.id })
    .get();
  return row.id;
}
