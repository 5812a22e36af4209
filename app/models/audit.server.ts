// The audit log: who did what to whom. Written in the same transaction as the change it records.
import { and, desc, eq, inArray, like, lt } from "drizzle-orm";
import { auditLog, invitations, seminars, users } from "../../db/schema";
import { db, type DB } from "./db.server";

export const AUDIT_ACTIONS = [
  "invitation.created",
  "invitation.resent",
  "invitation.revoked",
  "invitation.redeemed",
  "invitation.renewal-requested",
  "invitation.declined",
  "invitation.allowed-again",
  "invitation.limits-changed",
  "invite-link.created",
  "invite-link.requested",
  "user.role-changed",
  "user.seminar-role-changed",
  "user.deactivated",
  "user.reactivated",
  "signin.failed",
  "signin.throttled",
  "password.changed",
  "password.reset-requested",
  "password.reset",
  // Issue #17: CLE credits.
  "credits.configured",
  "attendance.imported",
  "attendance.corrected",
  "certificate.issued",
  "certificate.revoked",
  // Issue #15: reports and what moderators did about them.
  "report.filed",
  "moderation.dismissed",
  "moderation.hidden",
  "moderation.removed",
  "moderation.warned",
  "moderation.suspended",
  "moderation.restored",
  // Issue #19: member invitations.
  "member-invitations.settings-changed",
  "invitation.approved",
  "invitation.declined-by-staff",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function audit(
  tx: DB,
  entry: { actorId?: number | null; action: AuditAction; subject?: string; details?: Record<string, unknown>; ip?: string | null },
) {
  tx.insert(auditLog)
    .values({
      actorId: entry.actorId ?? null,
      action: entry.action,
      subject: (entry.subject ?? "").slice(0, 320),
      details: JSON.stringify(entry.details ?? {}),
      ip: entry.ip ?? null,
    })
    .run();
}

export const AUDIT_PAGE = 50;

/** Newest first, keyset-paginated by id; filter by action (prefix, e.g. "invitation.") and subject text. */
export function listAudit({ before, action, subject }: { before?: number; action?: string; subject?: string } = {}) {
  const rows = db()
    .select({
      id: auditLog.id,
      action: auditLog.action,
      subject: auditLog.subject,
      details: auditLog.details,
      ip: auditLog.ip,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        before ? lt(auditLog.id, before) : undefined,
        action ? like(auditLog.action, `${action.replace(/[%_\\]/g, "")}%`) : undefined,
        subject ? like(auditLog.subject, `%${subject.replace(/[%_\\]/g, "")}%`) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE + 1)
    .all();
  return {
    rows: rows.slice(0, AUDIT_PAGE).map((r) => ({ ...r, details: safeJson(r.details) })),
    nextBefore: rows.length > AUDIT_PAGE ? rows[AUDIT_PAGE - 1]!.id : null,
  };
}

function safeJson(s: string): Record<string, unknown> {
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * The names behind the ids an entry's details carry (seminars, invitations, invite links), so the log reads
 * "Seminar: Data Privacy Law in Practice" instead of "seminarId: 2". One query per kind for a whole page.
 */
export function auditNames({ seminarIds, invitationIds }: { seminarIds: number[]; invitationIds: number[] }) {
  const seminarRows = seminarIds.length
    ? db().select({ id: seminars.id, title: seminars.title }).from(seminars).where(inArray(seminars.id, [...new Set(seminarIds)])).all()
    : [];
  const invitationRows = invitationIds.length
    ? db()
        .select({ id: invitations.id, email: invitations.email, label: invitations.label, kind: invitations.kind })
        .from(invitations)
        .where(inArray(invitations.id, [...new Set(invitationIds)]))
        .all()
    : [];
  return {
    seminars: new Map(seminarRows.map((r) => [r.id, r.title])),
    invitations: new Map(invitationRows.map((r) => [r.id, { email: r.email, label: r.label, kind: r.kind }])),
  };
}
