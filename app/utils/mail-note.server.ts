// What a flash says after mail was queued: "sent" only when a mail server is configured. Without SMTP_URL the
// message is held in the development outbox, and saying "sent" would mislead staff (issue #22).
import { env } from "~/utils/env.server";

export function mailQueuedNote({ sent, held, admin }: { sent: string; held: string; admin: boolean }): string {
  if (env().SMTP_URL) return sent;
  return `${held} It is held in the development outbox: no mail server is configured (SMTP_URL is not set), so nothing was sent.${
    admin ? " Read it under Administration → Mail." : " An administrator can read it there."
  }`;
}
