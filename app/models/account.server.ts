// Accounts as staff and their owners manage them: passwords, network roles, deactivation.
import { and, asc, count, eq, gt, isNull, like, ne, or } from "drizzle-orm";
import { memberships, passwordResets, seminars, sessions, users } from "../../db/schema";
import { audit } from "./audit.server";
import { db, writeTransaction, type DB } from "./db.server";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { sha256Hex } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";

/** Sets a new password (already hashed) and ends every other session; the current one stays signed in. */
export function setPasswordKeepingSession({
  userId,
  passwordHash,
  keepSessionId,
  ip,
}: {
  userId: number;
  passwordHash: string;
  keepSessionId: string | null;
  ip?: string | null;
}) {
  writeTransaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user) return;
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    // A reset link requested before the change must not undo it (issue #21).
    tx.update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
      .run();
    deleteOtherSessions(tx, userId, keepSessionId);
    audit(tx, { actorId: userId, action: "password.changed", subject: user.email, ip });
    const mail = renderEmail("password-changed", {
      name: user.name,
      when: new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date()) + " UTC",
      resetLink: `${env().APP_URL}/forgot-password`,
    });
    enqueueMail(tx, { to: user.email, ...mail, kind: "password-changed" });
  });
}

/** Every session of the user except the one with this (unhashed) id; all of them when it is null. */
function deleteOtherSessions(tx: DB, userId: number, keepSessionId: string | null) {
  const keep = keepSessionId ? sha256Hex(keepSessionId) : "";
  tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keep))).run();
}

export function signOutOtherSessions({ userId, keepSessionId }: { userId: number; keepSessionId: string | null }) {
  writeTransaction((tx) => deleteOtherSessions(tx, userId, keepSessionId));
}

export function countSessions({ userId }: { userId: number }): number {
  return db().select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)).get()?.n ?? 0;
}

export const USERS_PAGE = 50;

/** Alphabetical by email, keyset-paginated. */
export function listUsers({ search, after }: { search?: string; after?: string } = {}) {
  const q = search?.trim().toLowerCase().replace(/[%_\\]/g, "");
  const rows = db()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      status: users.status,
      createdAt: users.createdAt,
      seminars: count(memberships.seminarId),
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(
      and(
        ne(users.status, "deleted"),
        q ? or(like(users.email, `%${q}%`), like(users.name, `%${q}%`)) : undefined,
        after ? gt(users.email, after) : undefined,
      ),
    )
    .groupBy(users.id)
    .orderBy(asc(users.email))
    .limit(USERS_PAGE + 1)
    .all();
  return { rows: rows.slice(0, USERS_PAGE), nextAfter: rows.length > USERS_PAGE ? rows[USERS_PAGE - 1]!.email : null };
}

export function userMemberships({ userId }: { userId: number }) {
  return db()
    .select({ seminarId: seminars.id, title: seminars.title, slug: seminars.slug, role: memberships.role })
    .from(memberships)
    .innerJoin(seminars, eq(seminars.id, memberships.seminarId))
    .where(eq(memberships.userId, userId))
    .all();
}

export type AdminChange = { ok: true } | { ok: false; message: string };

export function setNetworkRole({
  actorId,
  userId,
  role,
  ip,
}: {
  actorId: number;
  userId: number;
  role: "admin" | "member";
  ip?: string | null;
}): AdminChange {
  if (actorId === userId) return { ok: false, message: "You cannot change your own role; ask another admin." };
  return writeTransaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user) return { ok: false, message: "No such account." };
    if (user.role === role) return { ok: true };
    tx.update(users).set({ role }).where(eq(users.id, userId)).run();
    audit(tx, { actorId, action: "user.role-changed", subject: user.email, details: { from: user.role, to: role }, ip });
    return { ok: true };
  });
}

export function setSeminarRole({
  actorId,
  userId,
  seminarId,
  role,
  ip,
}: {
  actorId: number;
  userId: number;
  seminarId: number;
  role: "instructor" | "attendee";
  ip?: string | null;
}): AdminChange {
  return writeTransaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    const m = tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.seminarId, seminarId)))
      .get();
    if (!user || !m) return { ok: false, message: "That person is not a member of that seminar." };
    if (m.role === role) return { ok: true };
    tx.update(memberships)
      .set({ role })
      .where(and(eq(memberships.userId, userId), eq(memberships.seminarId, seminarId)))
      .run();
    audit(tx, { actorId, action: "user.seminar-role-changed", subject: user.email, details: { seminarId, from: m.role, to: role }, ip });
    return { ok: true };
  });
}

/** Deactivation ends every session at once; the account keeps its history and can be reactivated. */
export function setActive({
  actorId,
  userId,
  active,
  ip,
}: {
  actorId: number;
  userId: number;
  active: boolean;
  ip?: string | null;
}): AdminChange {
  if (actorId === userId) return { ok: false, message: "You cannot deactivate your own account." };
  return writeTransaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user || user.status === "deleted") return { ok: false, message: "No such account." };
    const status = active ? "active" : "deactivated";
    if (user.status === status) return { ok: true };
    tx.update(users)
      .set({ status, deactivatedAt: active ? null : new Date() })
      .where(eq(users.id, userId))
      .run();
    if (!active) tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    audit(tx, { actorId, action: active ? "user.reactivated" : "user.deactivated", subject: user.email, ip });
    return { ok: true };
  });
}
