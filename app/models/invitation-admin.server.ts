// Managing invitations (issue #3): resending, revoking, the lists and counts staff and instructors see, and the
// progress of a bulk batch. Creating and reading them is invitation.server.ts; redeeming invitation-redeem.server.ts.
import { and, count, desc, eq, like, lt, or, sql } from "drizzle-orm";
import { invitations, seminars, users } from "../../db/schema";
import { audit } from "./audit.server";
import { db, writeTransaction } from "./db.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { DEFAULT_EXPIRY_DAYS, type InvitationState, type NetworkRole, type SeminarRole, invitationState, inviterName, queueInvitationMail, stateWhere } from "./invitation.server";

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
