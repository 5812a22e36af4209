// The mail outbox. enqueueMail writes the message in the caller's write transaction, so the change and its mail
// commit together or not at all; a background worker (deliverDueMail) delivers with retries and backoff.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { lazyRequire } from "~/utils/lazy-require.server";
import { outbox } from "../../db/schema";
import type { DB } from "~/models/db.server";
import {
  MAX_ATTEMPTS,
  claimDueMessages,
  holdDueMessages,
  markFailed,
  markRetry,
  markSent,
  type OutboxRow,
} from "~/models/outbox.server";
import { env } from "~/utils/env.server";

const nodemailer = lazyRequire<typeof Nodemailer>("nodemailer");

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
  kickDelivery();
  return row.id;
}

// ---------------------------------------------------------------------------------------------------------------
// Templates: content/email/<name>.txt (first line "Subject: …") and <name>.html (wrapped in layout.html).
// {{name}} is escaped for HTML in .html files; values are plain text everywhere.

const templateCache = new Map<string, string>();
function readTemplate(file: string): string {
  let t = templateCache.get(file);
  if (t === undefined) {
    t = fs.readFileSync(path.resolve(process.cwd(), "content/email", file), "utf8");
    if (env().NODE_ENV === "production") templateCache.set(file, t);
  }
  return t;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function fill(template: string, vars: Record<string, string>, html: boolean): string {
  return template
    .replace(/\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g, (_m, key: string, inner: string) => (vars[key] ? inner : ""))
    .replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
      const v = vars[key] ?? "";
      // Line breaks in a value (a personal message) become <br> in HTML, after escaping.
      return html ? escapeHtml(v).replace(/\r?\n/g, "<br>\n") : v;
    });
}

/** Renders a template pair into subject, text and HTML. `{{#key}}…{{/key}}` shows a block only when key is set. */
export function renderEmail(name: string, vars: Record<string, string>): { subject: string; text: string; html: string } {
  const [first, ...rest] = readTemplate(`${name}.txt`).split("\n");
  if (!first?.startsWith("Subject:")) throw new Error(`content/email/${name}.txt must start with "Subject: "`);
  const subject = headerSafe(fill(first.slice("Subject:".length), vars, false));
  const text = fill(rest.join("\n").replace(/^\n+/, ""), vars, false);
  const body = fill(readTemplate(`${name}.html`), vars, true);
  const html = readTemplate("layout.html")
    .replace("{{subject}}", () => escapeHtml(subject))
    .replace("{{body}}", () => body);
  return { subject, text, html };
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
      headers: { "Auto-Submitted": "auto-generated" },
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
  if (!workerActive || kickPending) return;
  kickPending = true;
  setTimeout(() => {
    kickPending = false;
    deliverDueMail().catch((e) => console.error("[mail] delivery failed:", e));
  }, 20).unref();
}

/** The periodic task (listed in services/tasks.server.ts): from its first tick on, new mail is also kicked. */
export async function mailDeliveryTick() {
  workerActive = true;
  await deliverDueMail();
}
