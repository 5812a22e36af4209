// The outbox table: claiming due messages for delivery, recording outcomes, and the admin's view of it.
import { and, count, desc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { outbox } from "../../db/schema";
import { db, writeTransaction } from "./db.server";

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
