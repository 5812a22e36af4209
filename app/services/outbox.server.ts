// The mail outbox, in one place (issue #13): enqueueMail writes a message in the caller's write transaction, so the
// change and its mail commit together or not at all; the delivery task claims due messages, sends them over SMTP with
// retries and backoff, and records the outcome; the admin mail log reads it. Templates live in mail.server.ts.
import { randomBytes } from "node:crypto";
import { and, count, desc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type Nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { outbox } from "../../db/schema";
import { db, writeTransaction, type DB } from "~/models/db.server";
import { unsubscribeUrl, type UnsubscribeKind } from "~/models/unsubscribe.server";
import { env } from "~/utils/env.server";
import { lazyRequire } from "~/utils/lazy-require.server";
import { escapeHtml } from "~/utils/text-formats";
import { onClusterMessage, sendToCluster } from "./cluster.server";

const nodemailer = lazyRequire<typeof Nodemailer>("nodemailer");

// ---------------------------------------------------------------------------------------------------------------
// Queueing

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What kind of message this is (invitation, password-reset, material-update, reply, digest, survey…). */
  kind: string;
  /**
   * Issue #15: the member and the kind of mail this is, for mail a member chose to receive. Adds the one-click
   * unsubscribe link (RFC 8058 List-Unsubscribe + List-Unsubscribe-Post headers, and a line at the foot).
   */
  unsubscribe?: { userId: number; kind: UnsubscribeKind };
}

/** Strips CR/LF and other control characters so user input can never add headers or recipients. */
export function headerSafe(value: string, max = 200): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim().slice(0, max);
}

/** One plain address: no display name, no list separators, no angle brackets or quotes, no whitespace. */
export const SINGLE_ADDRESS = /^[^\s@,;<>"()\[\]\\:]+@[^\s@,;<>"()\[\]\\:]+\.[^\s@,;<>"()\[\]\\:]+$/;

export function newMessageId(): string {
  const host = new URL(env().APP_URL).hostname || "colloquy.localhost";
  return `<${randomBytes(16).toString("hex")}@${host}>`;
}

/** Must be called inside a write transaction (writeTransaction) together with the change that caused the mail. */
export function enqueueMail(tx: DB, mail: OutgoingMail): number {
  const to = mail.to.trim();
  if (!SINGLE_ADDRESS.test(to) || to.length > 254) {
    throw new Error(`Refusing to queue mail to an invalid address: ${JSON.stringify(to.slice(0, 80))}`);
  }
  const unsubscribe = mail.unsubscribe ? unsubscribeUrl(mail.unsubscribe) : null;
  const row = tx
    .insert(outbox)
    .values({
      messageId: newMessageId(),
      toAddress: to,
      subject: headerSafe(mail.subject),
      text: unsubscribe ? `${mail.text.replace(/\s+$/, "")}\n\n--\nStop these emails with one click: ${unsubscribe}\n` : mail.text,
      html: unsubscribe && mail.html ? withUnsubscribeFooter(mail.html, unsubscribe) : (mail.html ?? null),
      listUnsubscribe: unsubscribe,
      kind: mail.kind,
      nextAttemptAt: new Date(),
    })
    .returning({ id: outbox.id })
    .get();
  kickDelivery();
  return row.id;
}

function withUnsubscribeFooter(html: string, url: string): string {
  const footer = `<p style="font-size:13px;color:#5f6368;margin:24px 0 0;"><a href="${escapeHtml(url)}" style="color:#5f6368;">Stop these emails</a> (one click, no sign-in needed).</p>`;
  return html.includes("</body>") ? html.replace("</body>", () => `${footer}</body>`) : html + footer;
}

// ---------------------------------------------------------------------------------------------------------------
// Claiming and recording outcomes; the admin's view

export type OutboxRow = typeof outbox.$inferSelect;

/** How long a claimed message is reserved for the worker that claimed it (a crashed worker's claim then lapses). */
export const CLAIM_LEASE_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 8;

/**
 * Claims up to `limit` due messages: pending ones whose time has come, and "sending" ones whose claim lapsed
 * (the worker crashed mid-delivery). The claim is committed before any network I/O, so two workers never send
 * the same message; only a crash after the SMTP server accepted a message can lead to a second delivery, and that
 * one carries the same Message-ID so mail clients fold the two together.
 */
export function claimDueMessages({ now = new Date(), limit = 20 }: { now?: Date; limit?: number } = {}): OutboxRow[] {
  return writeTransaction((tx) => {
    const due = tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        or(
          and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)),
          and(eq(outbox.status, "sending"), lte(outbox.nextAttemptAt, now)),
        ),
      )
      .orderBy(outbox.nextAttemptAt)
      .limit(limit)
      .all();
    if (!due.length) return [];
    const leaseEnd = new Date(now.getTime() + CLAIM_LEASE_MS);
    const claimed: OutboxRow[] = [];
    for (const { id } of due) {
      const row = tx
        .update(outbox)
        .set({ status: "sending", nextAttemptAt: leaseEnd, attempts: sqlIncrement() })
        .where(and(eq(outbox.id, id), inArray(outbox.status, ["pending", "sending"]), lte(outbox.nextAttemptAt, now)))
        .returning()
        .get();
      if (row) claimed.push(row);
    }
    return claimed;
  });
}

function sqlIncrement() {
  return sql`${outbox.attempts} + 1`;
}

/**
 * Once a message is delivered or has failed for good its body is dropped (issue #21): invitation and reset mails
 * carry live links, which must not sit in the database and every backup. The admin mail log keeps recipient,
 * subject, kind, status and times. Only the development outbox (no SMTP_URL, status "held") keeps bodies.
 */
const DROP_BODY = { text: "", html: null, listUnsubscribe: null } as const;

export function markSent({ id, now = new Date() }: { id: number; now?: Date }) {
  writeTransaction((tx) =>
    tx.update(outbox).set({ status: "sent", sentAt: now, lastError: null, ...DROP_BODY }).where(eq(outbox.id, id)).run(),
  );
}

export function markRetry({ id, nextAttemptAt, error }: { id: number; nextAttemptAt: Date; error: string }) {
  writeTransaction((tx) =>
    tx.update(outbox).set({ status: "pending", nextAttemptAt, lastError: error.slice(0, 1000) }).where(eq(outbox.id, id)).run(),
  );
}

export function markFailed({ id, error }: { id: number; error: string }) {
  writeTransaction((tx) =>
    tx.update(outbox).set({ status: "failed", lastError: error.slice(0, 1000), ...DROP_BODY }).where(eq(outbox.id, id)).run(),
  );
}

/**
 * Development without SMTP_URL: due messages stay in the outbox ("held") with their bodies, readable by admins at
 * /admin/mail. That is the one place bodies are kept; never run a real institute without SMTP_URL.
 */
export function holdDueMessages({ now = new Date() }: { now?: Date } = {}): number {
  return writeTransaction(
    (tx) =>
      tx
        .update(outbox)
        .set({ status: "held" })
        .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
        .run().changes,
  );
}

export const OUTBOX_PAGE = 50;

/** Newest first, keyset-paginated by id. */
/** `to` narrows to recipients whose address contains it (case-insensitive; LIKE wildcards are taken literally). */
export function listOutbox({ before, status, to }: { before?: number; status?: OutboxRow["status"]; to?: string } = {}) {
  const needle = to ? `%${to.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = db()
    .select({
      id: outbox.id,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      kind: outbox.kind,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      nextAttemptAt: outbox.nextAttemptAt,
    })
    .from(outbox)
    .where(
      and(
        before ? lt(outbox.id, before) : undefined,
        status ? eq(outbox.status, status) : undefined,
        needle ? sql`lower(${outbox.toAddress}) like ${needle} escape '\\'` : undefined,
      ),
    )
    .orderBy(desc(outbox.id))
    .limit(OUTBOX_PAGE + 1)
    .all();
  return { rows: rows.slice(0, OUTBOX_PAGE), nextBefore: rows.length > OUTBOX_PAGE ? rows[OUTBOX_PAGE - 1]!.id : null };
}

export function getOutboxMessage({ id }: { id: number }): OutboxRow | undefined {
  return db().select().from(outbox).where(eq(outbox.id, id)).get();
}

export function outboxCounts(): Record<OutboxRow["status"], number> {
  const out = { pending: 0, sending: 0, sent: 0, failed: 0, held: 0 };
  for (const r of db().select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status).all()) {
    out[r.status] = r.n;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Delivery

/** The SMTP transport for a URL (exported for tests). */
export function createSmtpTransport(url: string): Transporter {
  return nodemailer().createTransport({
    url,
    // A small pool: a bulk invitation of hundreds of messages reuses a few connections instead of opening one each.
    pool: true,
    maxConnections: 4,
    maxMessages: 200,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Our messages never attach files or fetch URLs: nodemailer must not read either, whatever a message holds.
    disableFileAccess: true,
    disableUrlAccess: true,
  } as Parameters<typeof Nodemailer.createTransport>[0]);
}

let transport: { url: string; t: Transporter } | null = null;
function smtpTransport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (!transport || transport.url !== url) {
    transport?.t.close();
    transport = {
      url,
      t: createSmtpTransport(url),
    };
  }
  return transport.t;
}

/** Closes pooled SMTP connections (command-line scripts call this so the process can exit). */
export function closeMailTransport() {
  transport?.t.close();
  transport = null;
}

export type DeliveryResult = { ok: true; value: { response: string } } | { ok: false; error: string; permanent: boolean };

async function sendOne(t: Transporter, row: OutboxRow): Promise<DeliveryResult> {
  const from = env().MAIL_FROM;
  try {
    const info = await t.sendMail({
      from,
      // An address object and an explicit envelope: the recipient is never re-parsed from a string.
      to: { name: "", address: row.toAddress },
      envelope: { from: /<([^>]+)>/.exec(from)?.[1] ?? from, to: [row.toAddress] },
      subject: headerSafe(row.subject),
      text: row.text,
      html: row.html ?? undefined,
      // The same Message-ID on every attempt: a message delivered twice after a crash is recognisably one.
      messageId: row.messageId,
      headers: {
        "Auto-Submitted": "auto-generated",
        // RFC 8058: mail providers offer an unsubscribe button that POSTs "List-Unsubscribe=One-Click" to the URL.
        ...(row.listUnsubscribe
          ? { "List-Unsubscribe": `<${row.listUnsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
          : {}),
      },
    });
    return { ok: true, value: { response: String(info.response ?? "") } };
  } catch (e) {
    const err = e as { responseCode?: number; message?: string; code?: string };
    // 5xx replies are permanent (RFC 5321 §4.2.1); connection problems and 4xx are worth retrying.
    const permanent = typeof err.responseCode === "number" && err.responseCode >= 500 && err.responseCode < 600;
    return { ok: false, error: `${err.code ?? "ERROR"}: ${err.message ?? String(e)}`, permanent };
  }
}

/** 30 s, 1 min, 2 min, 4 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** Delivers every due message once. Without SMTP_URL messages are kept in the development outbox. */
export async function deliverDueMail({ now = new Date() }: { now?: Date } = {}): Promise<{
  sent: number;
  retried: number;
  failed: number;
  held: number;
}> {
  const result = { sent: 0, retried: 0, failed: 0, held: 0 };
  const t = smtpTransport();
  if (!t) {
    result.held = holdDueMessages({ now });
    return result;
  }
  for (;;) {
    const batch = claimDueMessages({ now });
    if (!batch.length) return result;
    await Promise.all(
      batch.map(async (row) => {
        const r = await sendOne(t, row);
        if (r.ok) {
          markSent({ id: row.id });
          result.sent++;
        } else if (r.permanent || row.attempts >= MAX_ATTEMPTS) {
          markFailed({ id: row.id, error: r.error });
          result.failed++;
          console.error(`[mail] message ${row.id} to ${row.toAddress} failed for good: ${r.error}`);
        } else {
          markRetry({ id: row.id, nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)), error: r.error });
          result.retried++;
        }
      }),
    );
    if (batch.length < 20) return result;
  }
}

// Once the background workers run in this process, new mail is also delivered right after its transaction commits,
// instead of waiting for the next tick.
let workerActive = false;
let kickPending = false;
function kickDelivery() {
  // In a server worker that does not run background work, the worker that does is nudged (issue 23).
  if (!workerActive) return sendToCluster({ colloquy: "kick", task: "mail-delivery" });
  if (kickPending) return;
  kickPending = true;
  setTimeout(() => {
    kickPending = false;
    deliverDueMail().catch((e) => console.error("[mail] delivery failed:", e));
  }, 20).unref();
}

onClusterMessage("kick", (m) => {
  if (m.colloquy === "kick" && m.task === "mail-delivery") kickDelivery();
});

/** The periodic task (listed in services/tasks.server.ts): from its first tick on, new mail is also kicked. */
export async function mailDeliveryTick() {
  workerActive = true;
  await deliverDueMail();
}
