// Issue #19: who hears about member invitations, through the spine's notify(): staff when one waits for their
// approval, the inviter when their colleague accepts. Also the "invitation" item kind those notifications point at.
// Imports nothing from invitation.server.ts, which calls in here from its redeeming transaction.
import { and, eq, inArray } from "drizzle-orm";
import { invitations, users } from "../../db/schema";
import { db, type DB } from "./db.server";
import type { KindHandler } from "./items.server";
import { notify } from "./notifications.server";

/** A member invitation is an item only staff look at (the approval queue). */
export const invitationKind: KindHandler = {
  visibleIds(viewer, ids) {
    if (viewer.role !== "admin" || !ids.length) return new Set();
    const rows = db().select({ id: invitations.id }).from(invitations).where(and(inArray(invitations.id, ids), eq(invitations.source, "member"))).all();
    return new Set(rows.map((r) => r.id));
  },
  summarize(ids) {
    if (!ids.length) return new Map();
    const rows = db().select({ id: invitations.id, email: invitations.email }).from(invitations).where(inArray(invitations.id, ids)).all();
    return new Map(rows.map((r) => [r.id, { title: `Member invitation to ${r.email ?? "a colleague"}`, href: "/admin/invitations/members", seminarId: null }]));
  },
};

/** Tells every active admin that a member invitation waits for approval. Call in the creating transaction. */
export function notifyStaffOfPendingInvitation(tx: DB, { invitationId, inviterId, email }: { invitationId: number; inviterId: number; email: string }) {
  const admins = tx.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), eq(users.status, "active"))).all();
  const inviter = tx.select({ name: users.name }).from(users).where(eq(users.id, inviterId)).get()?.name ?? "A member";
  notify(tx, {
    ref: { kind: "invitation", id: invitationId },
    event: "invitation.awaiting-approval",
    actorId: inviterId,
    recipients: admins.map((a) => a.id),
    topic: "invitations",
    summary: `${inviter} would like to invite ${email}; the invitation waits for your approval`,
  });
}

/**
 * Called from the redeeming transaction (invitation.server.ts): when a member invitation is accepted, its inviter
 * hears who joined. The notification points at the new member's profile.
 */
export function memberInvitationAccepted(tx: DB, inv: { source: string; invitedById: number | null }, userId: number) {
  if (inv.source !== "member" || !inv.invitedById) return;
  const name = tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? "Your colleague";
  notify(tx, {
    ref: { kind: "profile", id: userId },
    event: "invitation.accepted",
    actorId: userId,
    recipients: [inv.invitedById],
    topic: "invitations",
    summary: `${name} accepted your invitation and joined Colloquy`,
  });
}
