// Issue #19: when staff require approval, member invitations wait unmailed; staff approve (the mail goes out with a
// fresh link and expiry) or decline (the invitation is withdrawn and does not count against the member's quota).
import { and, asc, desc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { invitations, memberInvitations, users } from "../../db/schema";
import { audit } from "./audit.server";
import { db, writeTransaction } from "./db.server";
import { mailFreshLink } from "./invitation.server";
import { heldReason } from "./member-invitations.server";

export interface AwaitingInvitation {
  id: number;
  email: string;
  name: string | null;
  message: string;
  inviterId: number;
  inviterName: string;
  createdAt: string;
}

export const APPROVAL_QUEUE_LIMIT = 100;

/** Oldest first: the queue staff work through. Expired and withdrawn ones drop out. */
export function listAwaitingApproval({ now = new Date() }: { now?: Date } = {}): AwaitingInvitation[] {
  return db()
    .select({
      id: invitations.id,
      email: invitations.email,
      name: invitations.name,
      message: invitations.message,
      inviterId: memberInvitations.inviterId,
      inviterName: users.name,
      createdAt: invitations.createdAt,
    })
    .from(memberInvitations)
    .innerJoin(invitations, eq(invitations.id, memberInvitations.invitationId))
    .innerJoin(users, eq(users.id, memberInvitations.inviterId))
    .where(and(eq(memberInvitations.approval, "awaiting"), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.id))
    .limit(APPROVAL_QUEUE_LIMIT)
    .all()
    .map((r) => ({ ...r, email: r.email ?? "", createdAt: r.createdAt.toISOString() }));
}

/** Approve or decline one awaiting invitation. False when it no longer waits (decided, withdrawn or expired). */
export function decideMemberInvitation({
  id,
  decision,
  actorId,
  ip,
  now = new Date(),
}: {
  id: number;
  decision: "approve" | "decline";
  actorId: number;
  ip?: string | null;
  now?: Date;
}): boolean {
  return writeTransaction((tx) => {
    const found = tx
      .select({ inv: invitations })
      .from(memberInvitations)
      .innerJoin(invitations, eq(invitations.id, memberInvitations.invitationId))
      .where(and(eq(memberInvitations.invitationId, id), eq(memberInvitations.approval, "awaiting"), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
      .get();
    if (!found) return false;
    const inv = found.inv;
    if (decision === "decline") {
      tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, id)).run();
      tx.update(memberInvitations).set({ approval: "declined", decidedById: actorId, decidedAt: now }).where(eq(memberInvitations.invitationId, id)).run();
      audit(tx, { actorId, action: "invitation.declined-by-staff", subject: inv.email ?? "", details: { invitationId: id, inviterId: inv.invitedById }, ip });
      return true;
    }
    // The recipient-side rules are checked now, when the mail would go; a held one is approved but not mailed.
    const held = heldReason(tx, { email: inv.email!, exceptId: id, now });
    let mailedAt: Date | null = null;
    if (!held) {
      // The token made at creation was never shown to anyone; the mail carries a fresh one and a fresh expiry.
      mailFreshLink(tx, { id, senderId: inv.invitedById, now });
      mailedAt = now;
    }
    tx.update(memberInvitations)
      .set({ approval: "approved", decidedById: actorId, decidedAt: now, mailedAt, heldReason: held })
      .where(eq(memberInvitations.invitationId, id))
      .run();
    audit(tx, { actorId, action: "invitation.approved", subject: inv.email ?? "", details: { invitationId: id, inviterId: inv.invitedById, mailed: !held }, ip });
    return true;
  });
}

export interface HeldInvitation {
  id: number;
  email: string;
  inviterId: number;
  inviterName: string;
  reason: string;
  createdAt: string;
}

/** Member invitations of the last 30 days whose mail was held (the member was told it went): staff only. */
export function listHeldInvitations({ now = new Date() }: { now?: Date } = {}): HeldInvitation[] {
  return db()
    .select({
      id: invitations.id,
      email: invitations.email,
      inviterId: memberInvitations.inviterId,
      inviterName: users.name,
      reason: memberInvitations.heldReason,
      createdAt: invitations.createdAt,
    })
    .from(memberInvitations)
    .innerJoin(invitations, eq(invitations.id, memberInvitations.invitationId))
    .innerJoin(users, eq(users.id, memberInvitations.inviterId))
    .where(and(isNotNull(memberInvitations.heldReason), gt(memberInvitations.createdAt, new Date(now.getTime() - 30 * 86400_000))))
    .orderBy(desc(invitations.id))
    .limit(APPROVAL_QUEUE_LIMIT)
    .all()
    .map((r) => ({ ...r, email: r.email ?? "", reason: r.reason ?? "", createdAt: r.createdAt.toISOString() }));
}
