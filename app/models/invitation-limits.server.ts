// Limits on invitation mail (issue #21). An outside review had one instructor send 60 invitations and 4 resends to
// one address in a row, every one delivered with free text to any address: a spam and phishing channel through the
// institute's mail reputation. Three rules, checked where an invitation mail is about to be queued:
//   - each sender may cause at most N invitation mails in 24 hours (staff set N; admins get a higher N);
//   - an address that received an invitation mail gets no other one (from anyone) for a quiet period;
//   - whoever receives an invitation can decline further invitations with one click, and then gets none.
import { and, count, eq, gt, isNull, lt, min } from "drizzle-orm";
import { invitationLimits, invitationMails, invitationOptOuts, invitations, users } from "../../db/schema";
import { audit } from "./audit.server";
import { db, writeTransaction, type DB } from "./db.server";
import { normalizeEmail } from "./user.server";
import { sha256Hex } from "~/utils/crypto.server";

export { DEFAULT_INVITATION_LIMITS, LIMIT_BOUNDS, type InvitationLimits } from "~/utils/invitation-limits";
import { DEFAULT_INVITATION_LIMITS, type InvitationLimits } from "~/utils/invitation-limits";

const DAY_MS = 86400_000;

const emailHash = (email: string) => sha256Hex(normalizeEmail(email));

function formatWhen(d: Date) {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(d) + " UTC";
}

export function getInvitationLimits(tx: DB = db()): InvitationLimits {
  const row = tx.select().from(invitationLimits).where(eq(invitationLimits.id, 1)).get();
  return row ? { memberDaily: row.memberDaily, adminDaily: row.adminDaily, quietHours: row.quietHours } : DEFAULT_INVITATION_LIMITS;
}

export function saveInvitationLimits({ limits, actorId, ip }: { limits: InvitationLimits; actorId: number; ip?: string | null }) {
  writeTransaction((tx) => {
    const before = getInvitationLimits(tx);
    const values = { ...limits, updatedAt: new Date(), updatedById: actorId };
    tx.insert(invitationLimits)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: invitationLimits.id, set: values })
      .run();
    audit(tx, { actorId, action: "invitation.limits-changed", subject: "invitation limits", details: { before, after: limits }, ip });
  });
}

/** How many invitation mails this sender caused in the last 24 hours, out of how many allowed. */
export function senderAllowance(tx: DB, { senderId, now = new Date() }: { senderId: number; now?: Date }) {
  const limits = getInvitationLimits(tx);
  const role = tx.select({ role: users.role }).from(users).where(eq(users.id, senderId)).get()?.role;
  const limit = role === "admin" ? limits.adminDaily : limits.memberDaily;
  const since = new Date(now.getTime() - DAY_MS);
  const row = tx
    .select({ n: count(), first: min(invitationMails.createdAt) })
    .from(invitationMails)
    .where(and(eq(invitationMails.senderId, senderId), gt(invitationMails.createdAt, since)))
    .get();
  const used = row?.n ?? 0;
  return { limit, used, remaining: Math.max(0, limit - used), firstAt: row?.first ?? null };
}

/** Why this sender may not cause `wanted` more invitation mails now, or null. */
export function senderLimitProblem(tx: DB, { senderId, wanted = 1, now = new Date() }: { senderId: number; wanted?: number; now?: Date }): string | null {
  const a = senderAllowance(tx, { senderId, now });
  if (a.remaining >= wanted) return null;
  const again = a.firstAt ? ` More become available from ${formatWhen(new Date(a.firstAt.getTime() + DAY_MS))}.` : "";
  if (a.remaining === 0) {
    return `You have sent ${a.used} invitations in the last 24 hours, the most allowed (${a.limit} a day).${again}`;
  }
  return `That would send ${wanted} invitations, but only ${a.remaining} of your ${a.limit} a day are left.${again}`;
}

/** For a bulk batch, checked when the admin confirms it. */
export function bulkLimitProblem({ senderId, wanted }: { senderId: number; wanted: number }): string | null {
  return senderLimitProblem(db(), { senderId, wanted });
}

/**
 * Why no invitation mail should go to this address now, or null: its owner declined invitations, or it received
 * one within the quiet period. Phrased to follow the address ("x@y.com has asked …").
 */
export function recipientProblem(tx: DB, { email, now = new Date() }: { email: string; now?: Date }): string | null {
  const hash = emailHash(email);
  if (tx.select({ h: invitationOptOuts.emailHash }).from(invitationOptOuts).where(eq(invitationOptOuts.emailHash, hash)).get()) {
    return "has asked not to receive invitations from Colloquy";
  }
  const { quietHours } = getInvitationLimits(tx);
  const last = tx
    .select({ at: invitationMails.createdAt })
    .from(invitationMails)
    .where(and(eq(invitationMails.emailHash, hash), gt(invitationMails.createdAt, new Date(now.getTime() - quietHours * 3600_000))))
    .orderBy(invitationMails.createdAt)
    .limit(1)
    .get();
  if (last) {
    const again = new Date(last.at.getTime() + quietHours * 3600_000);
    return `was sent an invitation less than ${quietHours} ${quietHours === 1 ? "hour" : "hours"} ago; another can go there from ${formatWhen(again)}`;
  }
  return null;
}

/** Why resending this invitation (a new mail) should not happen now, or null. */
export function resendProblem(tx: DB, { id, actorId, now = new Date() }: { id: number; actorId: number; now?: Date }): string | null {
  const row = tx.select({ email: invitations.email }).from(invitations).where(eq(invitations.id, id)).get();
  if (!row?.email) return null;
  const r = recipientProblem(tx, { email: row.email, now });
  if (r) return `${row.email} ${r}.`;
  return senderLimitProblem(tx, { senderId: actorId, now });
}

/** Records one queued invitation mail (call in the transaction that queues it). */
export function recordInvitationMail(tx: DB, { senderId, email, now = new Date() }: { senderId: number | null; email: string; now?: Date }) {
  tx.insert(invitationMails).values({ senderId, emailHash: emailHash(email), createdAt: now }).run();
}

export function isOptedOut(email: string): boolean {
  return Boolean(db().select({ h: invitationOptOuts.emailHash }).from(invitationOptOuts).where(eq(invitationOptOuts.emailHash, emailHash(email))).get());
}

/** The address behind an invitation token (personal invitations only, in any state), for the decline page. */
export function invitedAddressForToken(token: string): string | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = db()
    .select({ email: invitations.email, kind: invitations.kind })
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256Hex(token)))
    .get();
  return row?.kind === "email" && row.email ? row.email : null;
}

/** The recipient declines: no further invitations to the address, and its pending ones are withdrawn. */
export function declineInvitations({ email, ip, now = new Date() }: { email: string; ip?: string | null; now?: Date }): { withdrawn: number } {
  const e = normalizeEmail(email);
  return writeTransaction((tx) => {
    tx.insert(invitationOptOuts).values({ emailHash: emailHash(e), createdAt: now }).onConflictDoNothing().run();
    const withdrawn = tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.email, e), eq(invitations.kind, "email"), eq(invitations.uses, 0), gt(invitations.expiresAt, now), isNull(invitations.revokedAt)))
      .run().changes;
    audit(tx, { action: "invitation.declined", subject: e, details: { withdrawn }, ip });
    return { withdrawn };
  });
}

/** Undoes a decline (from the same link): invitations may reach the address again. */
export function allowInvitationsAgain({ email, ip }: { email: string; ip?: string | null }) {
  const e = normalizeEmail(email);
  writeTransaction((tx) => {
    const removed = tx.delete(invitationOptOuts).where(eq(invitationOptOuts.emailHash, emailHash(e))).run().changes;
    if (removed) audit(tx, { action: "invitation.allowed-again", subject: e, ip });
  });
}

/** Housekeeping: the counters matter for at most 30 days (the longest quiet period staff may set). */
export function pruneInvitationMails(now = new Date()) {
  writeTransaction((tx) => tx.delete(invitationMails).where(lt(invitationMails.createdAt, new Date(now.getTime() - 30 * DAY_MS))).run());
}
