// Invitations: the only way into the network. Tokens carry 256 bits from the CSPRNG; only their SHA-256 is stored.
// Every change writes its mail (outbox) and its audit entry in the same transaction.
import { and, count, desc, eq, gt, isNotNull, isNull, like, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { auditLog, invitations, memberships, seminars, users } from "../../db/schema";
import { audit } from "./audit.server";
import { db, writeTransaction, type DB } from "./db.server";
import { recipientProblem, recordInvitationMail } from "./invitation-limits.server";
import { memberInvitationAccepted } from "./member-invitation-events.server";
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

function stateWhere(state: InvitationState, now: Date): SQL {
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

function seminarInfo(tx: DB, seminarId: number | null): SeminarInfo | null {
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

function inviterName(tx: DB, id: number | null): string {
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
  /** false: record it without mail (a member invitation awaiting approval, issue #19); the token is then unusable. */
  mail?: boolean;
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
  if (input.mail !== false) queueInvitationMail(tx, row, token);
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

/** Any invitation behind a token, whatever its state (for the "ask for a new invitation" button). */
/** Records the first opening of an invitation page (the funnel's "opened" step). */
export function markInvitationOpened(id: number, now = new Date()): void {
  writeTransaction((tx) => {
    tx.update(invitations).set({ openedAt: now }).where(and(eq(invitations.id, id), isNull(invitations.openedAt))).run();
  });
}

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
    memberInvitationAccepted(tx, inv, user.id);
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
    memberInvitationAccepted(tx, inv, userId);
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

// ---------------------------------------------------------------------------------------------------------------
// Managing

/** Resending issues a new token (the old link stops working at once) and a fresh expiry. */
export function resendInvitation({ id, actorId, seminarId, ip }: { id: number; actorId: number; seminarId?: number; ip?: string | null }): boolean {
  return writeTransaction((tx) => {
    const row = tx.select().from(invitations).where(eq(invitations.id, id)).get();
    if (!row || row.kind !== "email" || (seminarId !== undefined && row.seminarId !== seminarId)) return false;
    const state = invitationState(row);
    if (state === "accepted" || state === "revoked") return false;
    const token = randomToken(32);
    const updated = tx
      .update(invitations)
      .set({ tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + DEFAULT_EXPIRY_DAYS * 86400_000) })
      .where(eq(invitations.id, id))
      .returning()
      .get();
    queueInvitationMail(tx, updated, token, actorId);
    audit(tx, { actorId, action: "invitation.resent", subject: row.email!, details: { invitationId: id }, ip });
    return true;
  });
}

export function revokeInvitation({ id, actorId, seminarId, ip }: { id: number; actorId: number; seminarId?: number; ip?: string | null }): boolean {
  return writeTransaction((tx) => {
    const row = tx.select().from(invitations).where(eq(invitations.id, id)).get();
    if (!row || (seminarId !== undefined && row.seminarId !== seminarId)) return false;
    if (row.revokedAt || (row.kind === "email" && row.uses >= row.maxUses)) return false;
    tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, id)).run();
    audit(tx, { actorId, action: "invitation.revoked", subject: row.email ?? row.label ?? "", details: { invitationId: id, kind: row.kind }, ip });
    return true;
  });
}

export const INVITATION_PAGE = 50;

export interface InvitationListItem {
  id: number;
  kind: "email" | "link";
  email: string | null;
  name: string | null;
  label: string | null;
  seminarTitle: string | null;
  seminarSlug: string | null;
  seminarRole: SeminarRole | null;
  networkRole: NetworkRole;
  inviterName: string | null;
  acceptedByName: string | null;
  state: InvitationState;
  uses: number;
  maxUses: number;
  requiredDomain: string | null;
  expiresAt: string;
  createdAt: string;
}

/** Newest first, keyset-paginated by id. */
export function listInvitations({
  kind = "email",
  state,
  seminarId,
  search,
  before,
  now = new Date(),
}: {
  kind?: "email" | "link";
  state?: InvitationState;
  seminarId?: number;
  search?: string;
  before?: number;
  now?: Date;
}): { rows: InvitationListItem[]; nextBefore: number | null } {
  const inviter = sql`(select name from users where users.id = ${invitations.invitedById})`;
  const acceptedBy = sql`(select name from users where users.id = ${invitations.acceptedUserId})`;
  const rows = db()
    .select({
      row: invitations,
      seminarTitle: seminars.title,
      seminarSlug: seminars.slug,
      inviterName: sql<string | null>`${inviter}`,
      acceptedByName: sql<string | null>`${acceptedBy}`,
    })
    .from(invitations)
    .leftJoin(seminars, eq(seminars.id, invitations.seminarId))
    .where(
      and(
        eq(invitations.kind, kind),
        state ? stateWhere(state, now) : undefined,
        seminarId ? eq(invitations.seminarId, seminarId) : undefined,
        search ? or(like(invitations.email, `%${search.toLowerCase().replace(/[%_\\]/g, "")}%`), like(invitations.label, `%${search.replace(/[%_\\]/g, "")}%`)) : undefined,
        before ? lt(invitations.id, before) : undefined,
      ),
    )
    .orderBy(desc(invitations.id))
    .limit(INVITATION_PAGE + 1)
    .all();
  return {
    rows: rows.slice(0, INVITATION_PAGE).map(({ row, ...r }) => ({
      id: row.id,
      kind: row.kind,
      email: row.email,
      name: row.name,
      label: row.label,
      seminarTitle: r.seminarTitle,
      seminarSlug: r.seminarSlug,
      seminarRole: row.seminarRole,
      networkRole: row.networkRole,
      inviterName: r.inviterName,
      acceptedByName: r.acceptedByName,
      state: invitationState(row, now),
      uses: row.uses,
      maxUses: row.maxUses,
      requiredDomain: row.requiredDomain,
      expiresAt: row.expiresAt.toISOString(),
      createdAt: row.createdAt.toISOString(),
    })),
    nextBefore: rows.length > INVITATION_PAGE ? rows[INVITATION_PAGE - 1]!.row.id : null,
  };
}

export function invitationCounts(now = new Date()): Record<InvitationState, number> {
  const out = { pending: 0, accepted: 0, expired: 0, revoked: 0 };
  for (const s of Object.keys(out) as InvitationState[]) {
    out[s] = db().select({ n: count() }).from(invitations).where(and(eq(invitations.kind, "email"), stateWhere(s, now))).get()?.n ?? 0;
  }
  return out;
}

export function listSeminarOptions() {
  return db().select({ id: seminars.id, title: seminars.title, slug: seminars.slug }).from(seminars).orderBy(desc(seminars.startsAt)).all();
}

export function batchSummary({ batchId }: { batchId: number }) {
  const sent = db().select({ n: count() }).from(invitations).where(eq(invitations.batchId, batchId)).get()?.n ?? 0;
  return { sent };
}
