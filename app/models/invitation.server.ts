// Invitations: the only way into the network (creating them and invite links; managing is invitation-admin.server.ts,
// redeeming invitation-redeem.server.ts). Tokens carry 256 bits from the CSPRNG; only their SHA-256 is stored.
// Every change writes its mail (outbox) and its audit entry in the same transaction.
import { and, eq, gt, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { invitations, memberships, seminars, users } from "../../db/schema";
import { audit } from "./audit.server";
import { writeTransaction, type DB } from "./db.server";
import { recipientProblem, recordInvitationMail } from "./invitation-limits.server";
import { normalizeEmail } from "./user.server";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { formatDateRange } from "~/utils/dates";

export type InvitationRow = typeof invitations.$inferSelect;
export type InvitationState = "pending" | "accepted" | "expired" | "revoked";
export type SeminarRole = "instructor" | "attendee";
export type NetworkRole = "admin" | "member";

export const DEFAULT_EXPIRY_DAYS = 14;
export const LINK_PERSONAL_EXPIRY_DAYS = 7;

export function invitationState(row: Pick<InvitationRow, "revokedAt" | "uses" | "maxUses" | "expiresAt">, now = new Date()): InvitationState {
  if (row.revokedAt) return "revoked";
  if (row.uses >= row.maxUses) return "accepted";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

export function stateWhere(state: InvitationState, now: Date): SQL {
  switch (state) {
    case "revoked":
      return isNotNull(invitations.revokedAt);
    case "accepted":
      return and(isNull(invitations.revokedAt), sql`${invitations.uses} >= ${invitations.maxUses}`)!;
    case "expired":
      return and(isNull(invitations.revokedAt), sql`${invitations.uses} < ${invitations.maxUses}`, lte(invitations.expiresAt, now))!;
    case "pending":
      return and(isNull(invitations.revokedAt), sql`${invitations.uses} < ${invitations.maxUses}`, gt(invitations.expiresAt, now))!;
  }
}

/** Usable right now: the condition of every redeeming UPDATE, so two concurrent redemptions cannot both pass. */
export function usableNow(now: Date) {
  return stateWhere("pending", now);
}

export function inviteUrl(token: string): string {
  return `${env().APP_URL}/invite/${token}`;
}

function formatExpiry(d: Date) {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(d);
}

type SeminarInfo = Pick<typeof seminars.$inferSelect, "id" | "slug" | "title" | "startsAt" | "endsAt" | "timeZone">;

export function seminarInfo(tx: DB, seminarId: number | null): SeminarInfo | null {
  if (!seminarId) return null;
  return (
    tx
      .select({
        id: seminars.id,
        slug: seminars.slug,
        title: seminars.title,
        startsAt: seminars.startsAt,
        endsAt: seminars.endsAt,
        timeZone: seminars.timeZone,
      })
      .from(seminars)
      .where(eq(seminars.id, seminarId))
      .get() ?? null
  );
}

export function inviterName(tx: DB, id: number | null): string {
  if (!id) return "The institute";
  return tx.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? "The institute";
}

/** `senderId` is who caused this mail (the resending staff member, or the inviter); it counts against their limit. */
export function queueInvitationMail(tx: DB, inv: InvitationRow, token: string, senderId = inv.invitedById) {
  const seminar = seminarInfo(tx, inv.seminarId);
  const mail = renderEmail("invitation", {
    name: inv.name ?? "",
    inviter: inviterName(tx, inv.invitedById),
    target: seminar ? `“${seminar.title}” on Colloquy` : "Colloquy",
    seminar: seminar?.title ?? "",
    seminarDates: seminar
      ? formatDateRange(seminar.startsAt.toISOString(), seminar.endsAt.toISOString(), seminar.timeZone)
      : "",
    message: inv.message,
    link: inviteUrl(token),
    decline: `${inviteUrl(token)}/decline`,
    email: inv.email ?? "",
    expires: formatExpiry(inv.expiresAt),
  });
  enqueueMail(tx, { to: inv.email!, ...mail, kind: "invitation" });
  recordInvitationMail(tx, { senderId, email: inv.email! });
}

export interface NewInvitation {
  email: string;
  name?: string | null;
  seminarId: number | null;
  seminarRole: SeminarRole | null;
  networkRole?: NetworkRole;
  message?: string;
  expiresAt?: Date;
  invitedById: number | null;
  batchId?: number | null;
  viaLinkId?: number | null;
  /** Where the invitation came from; by default "staff" for an admin inviter and "instructor" for anybody else. */
  source?: InvitationSource;
}

export type InvitationSource = "staff" | "instructor" | "member" | "link";

function defaultSource(tx: DB, inviterId: number | null): InvitationSource {
  if (inviterId === null) return "staff";
  const u = tx.select({ role: users.role }).from(users).where(eq(users.id, inviterId)).get();
  return u?.role === "admin" ? "staff" : "instructor";
}

/** Creates a personal invitation and queues its mail. Call inside writeTransaction. Returns the raw token once. */
export function createInvitation(tx: DB, input: NewInvitation, meta: { ip?: string | null } = {}): { id: number; token: string } {
  const token = randomToken(32);
  const row = tx
    .insert(invitations)
    .values({
      tokenHash: sha256Hex(token),
      kind: "email",
      email: normalizeEmail(input.email),
      name: input.name?.trim() || null,
      seminarId: input.seminarId,
      seminarRole: input.seminarId ? (input.seminarRole ?? "attendee") : null,
      networkRole: input.networkRole ?? "member",
      message: input.message?.trim() ?? "",
      invitedById: input.invitedById,
      expiresAt: input.expiresAt ?? new Date(Date.now() + DEFAULT_EXPIRY_DAYS * 86400_000),
      batchId: input.batchId ?? null,
      viaLinkId: input.viaLinkId ?? null,
      source: input.source ?? (input.viaLinkId ? "link" : defaultSource(tx, input.invitedById)),
    })
    .returning()
    .get();
  queueInvitationMail(tx, row, token);
  audit(tx, {
    actorId: input.invitedById,
    action: "invitation.created",
    subject: row.email!,
    details: { invitationId: row.id, seminarId: row.seminarId, seminarRole: row.seminarRole, networkRole: row.networkRole, viaLinkId: row.viaLinkId },
    ip: meta.ip,
  });
  return { id: row.id, token };
}

/** Why this address should not be invited to this seminar now, or null. */
export function inviteeProblem(tx: DB, { email, seminarId }: { email: string; seminarId: number | null }): string | null {
  const e = normalizeEmail(email);
  const user = tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.email, e)).get();
  if (user && user.status !== "active") return "has a deactivated account";
  if (seminarId && user) {
    const m = tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.seminarId, seminarId), eq(memberships.userId, user.id)))
      .get();
    if (m) return "is already a member of this seminar";
  }
  if (!seminarId && user) return "already has an account";
  const pending = tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.email, e),
        seminarId ? eq(invitations.seminarId, seminarId) : isNull(invitations.seminarId),
        usableNow(new Date()),
      ),
    )
    .get();
  if (pending) return "already has a pending invitation (resend it instead)";
  // Declined invitations, or one sent too recently (issue #21).
  return recipientProblem(tx, { email: e });
}

export interface NewInviteLink {
  label: string;
  seminarId: number | null;
  seminarRole: SeminarRole | null;
  maxUses: number;
  expiresAt: Date;
  requiredDomain: string | null;
  invitedById: number;
}

export function createInviteLink(input: NewInviteLink, meta: { ip?: string | null } = {}): { id: number; token: string; url: string } {
  const token = randomToken(32);
  return writeTransaction((tx) => {
    const row = tx
      .insert(invitations)
      .values({
        tokenHash: sha256Hex(token),
        kind: "link",
        label: input.label,
        seminarId: input.seminarId,
        seminarRole: input.seminarId ? (input.seminarRole ?? "attendee") : null,
        networkRole: "member",
        invitedById: input.invitedById,
        expiresAt: input.expiresAt,
        maxUses: input.maxUses,
        requiredDomain: input.requiredDomain?.toLowerCase() || null,
        source: "link",
      })
      .returning()
      .get();
    audit(tx, {
      actorId: input.invitedById,
      action: "invite-link.created",
      subject: input.label,
      details: { invitationId: row.id, seminarId: row.seminarId, maxUses: row.maxUses, requiredDomain: row.requiredDomain },
      ip: meta.ip,
    });
    return { id: row.id, token, url: inviteUrl(token) };
  });
}

