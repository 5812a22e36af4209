// Issue #19: members invite colleagues to the network (never to a seminar), within a monthly quota staff set.
// The invitation is an ordinary one made by createInvitation (source "member"), so scanner-safe links, expiry, one
// account per address and the per-sender and per-recipient limits of issue #21 all hold. What a member is told never
// depends on the invited address: an address with an account, one that declined invitations or one in its quiet
// period gets the same answer as any other (see heldReason).
import { and, count, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { invitations, memberInvitations, users } from "../../db/schema";
import { db, writeTransaction, type DB } from "./db.server";
import { recipientProblem, senderLimitProblem } from "./invitation-limits.server";
import { createInvitation, DEFAULT_EXPIRY_DAYS, hasUsableInvitation, invitationState } from "./invitation.server";
import { notifyStaffOfPendingInvitation } from "./member-invitation-events.server";
import { domainAllowed, getMemberInvitationSettings } from "./member-invitation-settings.server";
import { normalizeEmail } from "./user.server";

/** The quota's month: calendar months in UTC (the institute has no time zone of its own). */
export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}
export function nextMonthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

export interface Quota {
  quota: number;
  used: number;
  remaining: number;
  /** When the next month's quota starts. */
  refillsAt: Date;
}

/**
 * Every member invitation created this calendar month counts, whatever became of it, except those never mailed
 * because the member withdrew them while they awaited approval or staff declined them.
 */
export function quotaFor(tx: DB, { userId, now = new Date() }: { userId: number; now?: Date }): Quota {
  const quota = getMemberInvitationSettings(tx).monthlyQuota;
  const used =
    tx
      .select({ n: count() })
      .from(memberInvitations)
      .innerJoin(invitations, eq(invitations.id, memberInvitations.invitationId))
      .where(
        and(
          eq(memberInvitations.inviterId, userId),
          gte(memberInvitations.createdAt, monthStart(now)),
          sql`not (${invitations.revokedAt} is not null and ${memberInvitations.approval} in ('awaiting', 'declined'))`,
        ),
      )
      .get()?.n ?? 0;
  return { quota, used, remaining: Math.max(0, quota - used), refillsAt: nextMonthStart(now) };
}

const monthName = (d: Date) => new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(d);
const dayName = (d: Date) => new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(d);

/**
 * Why an invitation mail should not go to this address now although the member is told it did, or null. Kept for
 * staff. An address with an active account is NOT held: the invitation goes out and joins that account, as today.
 */
export function heldReason(tx: DB, { email, exceptId, now = new Date() }: { email: string; exceptId?: number; now?: Date }): string | null {
  const e = normalizeEmail(email);
  const user = tx.select({ status: users.status }).from(users).where(eq(users.email, e)).get();
  if (user && user.status !== "active") return "the address has a deactivated account";
  if (hasUsableInvitation(tx, { email: e, seminarId: null, exceptId, now })) return "the address already has a pending invitation to the network";
  const r = recipientProblem(tx, { email: e, now });
  return r ? `the address ${r}` : null;
}

export type InviteColleagueResult =
  | { ok: true; awaitingApproval: boolean }
  | { ok: false; field: "email" | "form"; message: string };

export function inviteColleague({
  inviterId,
  email,
  name,
  message,
  ip,
  now = new Date(),
}: {
  inviterId: number;
  email: string;
  name: string | null;
  message: string;
  ip?: string | null;
  now?: Date;
}): InviteColleagueResult {
  const e = normalizeEmail(email);
  // The quota is read and the invitation inserted in one immediate transaction: parallel posts cannot overrun it.
  return writeTransaction((tx): InviteColleagueResult => {
    const settings = getMemberInvitationSettings(tx);
    if (!settings.enabled) return { ok: false, field: "form", message: "Member invitations are turned off at the moment." };
    if (!domainAllowed(settings, e)) {
      return { ok: false, field: "email", message: `You can invite colleagues at ${settings.allowedDomains.join(", ")} only.` };
    }
    const q = quotaFor(tx, { userId: inviterId, now });
    if (q.remaining === 0) {
      return {
        ok: false,
        field: "form",
        message: `You have used all ${q.quota} of your invitations for ${monthName(now)}. New ones become available on ${dayName(q.refillsAt)}.`,
      };
    }
    const limit = senderLimitProblem(tx, { senderId: inviterId, now });
    if (limit) return { ok: false, field: "form", message: limit };
    const held = settings.requireApproval ? null : heldReason(tx, { email: e, now });
    const mail = !settings.requireApproval && !held;
    const { id } = createInvitation(
      tx,
      {
        email: e,
        name,
        seminarId: null,
        seminarRole: null,
        networkRole: "member",
        message,
        invitedById: inviterId,
        expiresAt: new Date(now.getTime() + DEFAULT_EXPIRY_DAYS * 86400_000),
        source: "member",
        mail,
      },
      { ip },
    );
    tx.insert(memberInvitations)
      .values({
        invitationId: id,
        inviterId,
        approval: settings.requireApproval ? "awaiting" : "not-required",
        mailedAt: mail ? now : null,
        heldReason: held,
        createdAt: now,
      })
      .run();
    if (settings.requireApproval) notifyStaffOfPendingInvitation(tx, { invitationId: id, inviterId, email: e });
    return { ok: true, awaitingApproval: settings.requireApproval };
  });
}

export type MemberInvitationState = "awaiting-approval" | "declined" | "revoked" | "accepted" | "expired" | "opened" | "sent";

export interface MyInvitation {
  id: number;
  email: string;
  name: string | null;
  state: MemberInvitationState;
  acceptedBy: { id: number; name: string } | null;
  createdAt: string;
  expiresAt: string;
  canRevoke: boolean;
}

export const MY_INVITATIONS_LIMIT = 200;

/** The inviter's own member invitations, newest first. Held mail shows as "sent": the member must not learn why. */
export function listMyInvitations({ inviterId, now = new Date() }: { inviterId: number; now?: Date }): MyInvitation[] {
  const rows = db()
    .select({ inv: invitations, approval: memberInvitations.approval, acceptedName: users.name })
    .from(memberInvitations)
    .innerJoin(invitations, eq(invitations.id, memberInvitations.invitationId))
    .leftJoin(users, eq(users.id, invitations.acceptedUserId))
    .where(eq(memberInvitations.inviterId, inviterId))
    .orderBy(desc(invitations.id))
    .limit(MY_INVITATIONS_LIMIT)
    .all();
  return rows.map(({ inv, approval, acceptedName }) => {
    const base = invitationState(inv, now);
    const state: MemberInvitationState =
      approval === "declined"
        ? "declined"
        : base === "revoked"
          ? "revoked"
          : base === "accepted"
            ? "accepted"
            : base === "expired"
              ? "expired"
              : approval === "awaiting"
                ? "awaiting-approval"
                : inv.openedAt
                  ? "opened"
                  : "sent";
    return {
      id: inv.id,
      email: inv.email ?? "",
      name: inv.name,
      state,
      acceptedBy: inv.acceptedUserId && acceptedName ? { id: inv.acceptedUserId, name: acceptedName } : null,
      createdAt: inv.createdAt.toISOString(),
      expiresAt: inv.expiresAt.toISOString(),
      canRevoke: state === "awaiting-approval" || state === "sent" || state === "opened",
    };
  });
}

/** Whether this invitation is one of the member's own member invitations (revoking checks it first). */
export function isOwnMemberInvitation({ id, inviterId }: { id: number; inviterId: number }): boolean {
  return Boolean(
    db()
      .select({ id: memberInvitations.invitationId })
      .from(memberInvitations)
      .where(and(eq(memberInvitations.invitationId, id), eq(memberInvitations.inviterId, inviterId)))
      .get(),
  );
}

export interface Attribution {
  inviterId: number | null;
  inviterName: string | null;
  source: "staff" | "instructor" | "member" | "link";
  acceptedAt: string;
}

/** How a member came in: the first invitation they accepted (for staff only; the caller checks the role). */
export function attributionFor({ userId }: { userId: number }): Attribution | null {
  const inviter = sql<string | null>`(select name from users u where u.id = ${invitations.invitedById})`;
  const row = db()
    .select({ inviterId: invitations.invitedById, inviterName: inviter, source: invitations.source, acceptedAt: invitations.acceptedAt })
    .from(invitations)
    .where(and(eq(invitations.acceptedUserId, userId), inArray(invitations.kind, ["email"])))
    .orderBy(invitations.acceptedAt, invitations.id)
    .limit(1)
    .get();
  if (!row?.acceptedAt) return null;
  return { inviterId: row.inviterId, inviterName: row.inviterName, source: row.source, acceptedAt: row.acceptedAt.toISOString() };
}
