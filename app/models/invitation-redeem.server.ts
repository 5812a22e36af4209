// Redeeming invitations (issue #3): reading a token, joining as a newcomer or as a signed-in member, asking for a
// seat through an invite link, and asking for a fresh invitation when one lapsed.
import { and, count, eq, gt, isNull, or, sql } from "drizzle-orm";
import { auditLog, invitations, memberships, users } from "../../db/schema";
import { audit } from "./audit.server";
import { db, writeTransaction, type DB } from "./db.server";
import { recipientProblem } from "./invitation-limits.server";
import { normalizeEmail } from "./user.server";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { formatDateRange } from "~/utils/dates";
import { type InvitationRow, LINK_PERSONAL_EXPIRY_DAYS, type NetworkRole, type SeminarRole, createInvitation, invitationState, inviterName, queueInvitationMail, seminarInfo, usableNow } from "./invitation.server";

// ---------------------------------------------------------------------------------------------------------------
// Reading a token

export interface InvitationView {
  id: number;
  kind: "email" | "link";
  email: string | null;
  name: string | null;
  label: string | null;
  seminar: { id: number; slug: string; title: string; dates: string } | null;
  seminarRole: SeminarRole | null;
  networkRole: NetworkRole;
  message: string;
  inviterName: string;
  expiresAt: Date;
  requiredDomain: string | null;
  /** For email invitations: whether an account already exists for the invited address. */
  accountExists: boolean;
}

/** The invitation behind a raw token when it can still be accepted; null for unknown, used, expired and revoked. */
export function findUsableInvitation(token: string, now = new Date()): InvitationView | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const d = db();
  const row = d.select().from(invitations).where(eq(invitations.tokenHash, sha256Hex(token))).get();
  if (!row || invitationState(row, now) !== "pending") return null;
  const s = seminarInfo(d, row.seminarId);
  const account = row.email ? d.select({ id: users.id }).from(users).where(eq(users.email, row.email)).get() : undefined;
  return {
    id: row.id,
    kind: row.kind,
    email: row.email,
    name: row.name,
    label: row.label,
    seminar: s
      ? { id: s.id, slug: s.slug, title: s.title, dates: formatDateRange(s.startsAt.toISOString(), s.endsAt.toISOString(), s.timeZone) }
      : null,
    seminarRole: row.seminarRole,
    networkRole: row.networkRole,
    message: row.message,
    inviterName: inviterName(d, row.invitedById),
    expiresAt: row.expiresAt,
    requiredDomain: row.requiredDomain,
    accountExists: Boolean(account),
  };
}

/** Records the first opening of an invitation page (the funnel's "opened" step). */
export function markInvitationOpened(id: number, now = new Date()): void {
  writeTransaction((tx) => {
    tx.update(invitations).set({ openedAt: now }).where(and(eq(invitations.id, id), isNull(invitations.openedAt))).run();
  });
}

/** Any invitation behind a token, whatever its state (for the "ask for a new invitation" button). */
export function findInvitationByToken(token: string): InvitationRow | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return db().select().from(invitations).where(eq(invitations.tokenHash, sha256Hex(token))).get();
}

// ---------------------------------------------------------------------------------------------------------------
// Redeeming

export type RedeemResult =
  | { ok: true; userId: number; seminarSlug: string | null; created: boolean }
  | { ok: false; reason: "unusable" | "account-exists" | "wrong-account" | "domain" | "deactivated" };

class Rollback extends Error {
  constructor(readonly reason: Exclude<RedeemResult, { ok: true }>["reason"]) {
    super(reason);
  }
}

function grantMembership(tx: DB, inv: InvitationRow, userId: number) {
  if (!inv.seminarId) return;
  const role = inv.seminarRole ?? "attendee";
  const existing = tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.seminarId, inv.seminarId), eq(memberships.userId, userId)))
    .get();
  if (!existing) {
    tx.insert(memberships).values({ seminarId: inv.seminarId, userId, role }).run();
  } else if (existing.role === "attendee" && role === "instructor") {
    // An invitation can raise a role but never lowers one.
    tx.update(memberships)
      .set({ role })
      .where(and(eq(memberships.seminarId, inv.seminarId), eq(memberships.userId, userId)))
      .run();
  }
}

/** Takes one use of the invitation, or throws Rollback when it is no longer usable (someone else was first). */
function takeUse(tx: DB, id: number, userId: number | null, now: Date): InvitationRow {
  const row = tx
    .update(invitations)
    .set({ uses: sql`${invitations.uses} + 1`, acceptedAt: now, acceptedUserId: userId })
    .where(and(eq(invitations.id, id), usableNow(now)))
    .returning()
    .get();
  if (!row) throw new Rollback("unusable");
  return row;
}

function runRedeem(fn: (tx: DB) => Extract<RedeemResult, { ok: true }>): RedeemResult {
  try {
    return writeTransaction(fn);
  } catch (e) {
    if (e instanceof Rollback) return { ok: false, reason: e.reason };
    throw e;
  }
}

function promoteIfAdminInvite(tx: DB, inv: InvitationRow, userId: number, ip?: string | null) {
  if (inv.networkRole !== "admin") return;
  const u = tx.select({ role: users.role, email: users.email }).from(users).where(eq(users.id, userId)).get();
  if (u && u.role !== "admin") {
    tx.update(users).set({ role: "admin" }).where(eq(users.id, userId)).run();
    audit(tx, { actorId: inv.invitedById, action: "user.role-changed", subject: u.email, details: { from: u.role, to: "admin", invitationId: inv.id }, ip });
  }
}

/**
 * A newcomer accepts a personal invitation: the account's email is the invited address, whatever the form sent;
 * the seminar and roles come from the invitation row, never from the form.
 */
export function redeemAsNewcomer({
  token,
  name,
  passwordHash,
  ip,
  now = new Date(),
}: {
  token: string;
  name: string;
  passwordHash: string;
  ip?: string | null;
  now?: Date;
}): RedeemResult {
  return runRedeem((tx) => {
    const found = tx.select().from(invitations).where(eq(invitations.tokenHash, sha256Hex(token))).get();
    if (!found || found.kind !== "email" || !found.email) throw new Rollback("unusable");
    const inv = takeUse(tx, found.id, null, now);
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, inv.email!)).get()) throw new Rollback("account-exists");
    const user = tx
      .insert(users)
      .values({ email: inv.email!, name, passwordHash, role: inv.networkRole })
      .returning({ id: users.id })
      .get();
    tx.update(invitations).set({ acceptedUserId: user.id }).where(eq(invitations.id, inv.id)).run();
    grantMembership(tx, inv, user.id);
    audit(tx, { actorId: user.id, action: "invitation.redeemed", subject: inv.email!, details: { invitationId: inv.id, seminarId: inv.seminarId, newAccount: true }, ip });
    return { ok: true, userId: user.id, seminarSlug: seminarInfo(tx, inv.seminarId)?.slug ?? null, created: true };
  });
}

/** Someone with an account (signed in, or signing in on the invitation page) accepts: they gain the membership. */
export function redeemAsMember({
  token,
  userId,
  ip,
  now = new Date(),
}: {
  token: string;
  userId: number;
  ip?: string | null;
  now?: Date;
}): RedeemResult {
  return runRedeem((tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user || user.status !== "active") throw new Rollback("deactivated");
    const found = tx.select().from(invitations).where(eq(invitations.tokenHash, sha256Hex(token))).get();
    if (!found) throw new Rollback("unusable");
    if (found.kind === "email" && found.email !== user.email) throw new Rollback("wrong-account");
    if (found.kind === "link" && found.requiredDomain && user.email.split("@")[1] !== found.requiredDomain) {
      throw new Rollback("domain");
    }
    if (found.kind === "link" && found.seminarId) {
      // Already in the seminar: nothing to do, and the link keeps its uses for others.
      const m = tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.seminarId, found.seminarId), eq(memberships.userId, userId)))
        .get();
      if (m && invitationState(found, now) === "pending") {
        return { ok: true, userId, seminarSlug: seminarInfo(tx, found.seminarId)?.slug ?? null, created: false };
      }
    }
    const inv = takeUse(tx, found.id, userId, now);
    grantMembership(tx, inv, userId);
    promoteIfAdminInvite(tx, inv, userId, ip);
    audit(tx, { actorId: userId, action: "invitation.redeemed", subject: user.email, details: { invitationId: inv.id, seminarId: inv.seminarId, kind: inv.kind, newAccount: false }, ip });
    return { ok: true, userId, seminarSlug: seminarInfo(tx, inv.seminarId)?.slug ?? null, created: false };
  });
}

/**
 * A shareable link cannot prove who is at the keyboard, so a newcomer gives their address and receives a personal
 * invitation there (one use of the link). Asking again for the same address re-sends it without another use.
 * The answer is the same whether or not the address has an account.
 */
export function requestFromLink({
  token,
  email,
  ip,
  now = new Date(),
}: {
  token: string;
  email: string;
  ip?: string | null;
  now?: Date;
}): { ok: true } | { ok: false; reason: "unusable" | "domain" } {
  const e = normalizeEmail(email);
  try {
    return writeTransaction((tx) => {
      const link = tx.select().from(invitations).where(eq(invitations.tokenHash, sha256Hex(token))).get();
      if (!link || link.kind !== "link" || invitationState(link, now) !== "pending") throw new Rollback("unusable");
      if (link.requiredDomain && e.split("@")[1] !== link.requiredDomain) throw new Rollback("domain");
      const expiresAt = new Date(Math.min(link.expiresAt.getTime(), now.getTime() + LINK_PERSONAL_EXPIRY_DAYS * 86400_000));
      const previous = tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.viaLinkId, link.id), eq(invitations.email, e), usableNow(now)))
        .get();
      // No mail to an address that declined invitations or just received one; the answer looks the same (issue #21).
      if (recipientProblem(tx, { email: e, now })) return { ok: true as const };
      if (previous) {
        const fresh = randomToken(32);
        const row = tx
          .update(invitations)
          .set({ tokenHash: sha256Hex(fresh), expiresAt })
          .where(eq(invitations.id, previous.id))
          .returning()
          .get();
        queueInvitationMail(tx, row, fresh);
        audit(tx, { action: "invitation.resent", subject: e, details: { invitationId: row.id, viaLinkId: link.id }, ip });
        return { ok: true as const };
      }
      takeUse(tx, link.id, null, now);
      createInvitation(
        tx,
        {
          email: e,
          seminarId: link.seminarId,
          seminarRole: link.seminarRole,
          networkRole: "member",
          invitedById: link.invitedById,
          expiresAt,
          viaLinkId: link.id,
        },
        { ip },
      );
      audit(tx, { action: "invite-link.requested", subject: e, details: { linkId: link.id }, ip });
      return { ok: true as const };
    });
  } catch (err) {
    if (err instanceof Rollback) return { ok: false, reason: err.reason === "domain" ? "domain" : "unusable" };
    throw err;
  }
}

/**
 * "Ask for a new invitation" on the clear page: an expired personal invitation tells its inviter (once a day at
 * most). Revoked, used and unknown tokens do nothing, and the caller answers the same way in every case.
 */
export function requestRenewal({ token, ip, now = new Date() }: { token: string; ip?: string | null; now?: Date }) {
  const row = findInvitationByToken(token);
  if (!row || row.kind !== "email" || invitationState(row, now) !== "expired") return;
  writeTransaction((tx) => {
    const recent = tx
      .select({ n: count() })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "invitation.renewal-requested"),
          eq(auditLog.subject, row.email!),
          gt(auditLog.createdAt, new Date(now.getTime() - 86400_000)),
        ),
      )
      .get();
    if ((recent?.n ?? 0) > 0) return;
    const recipients = row.invitedById
      ? tx.select({ email: users.email, name: users.name }).from(users).where(and(eq(users.id, row.invitedById), eq(users.status, "active"))).all()
      : [];
    const to = recipients.length
      ? recipients
      : tx.select({ email: users.email, name: users.name }).from(users).where(and(eq(users.role, "admin"), eq(users.status, "active"))).limit(5).all();
    const seminar = seminarInfo(tx, row.seminarId);
    for (const r of to) {
      const mail = renderEmail("invitation-renewal", {
        name: r.name,
        email: row.email!,
        target: seminar ? `the seminar “${seminar.title}”` : "the institute's network",
        link: `${env().APP_URL}${seminar ? `/s/${seminar.slug}/invite` : "/admin/invitations"}`,
      });
      enqueueMail(tx, { to: r.email, ...mail, kind: "invitation-renewal" });
    }
    audit(tx, { action: "invitation.renewal-requested", subject: row.email!, details: { invitationId: row.id }, ip });
  });
}
