// Who belongs to a seminar and in which role. Instructors and admins manage it from the micro-site.
import { and, asc, count, eq, sql } from "drizzle-orm";
import { memberships, seminars, users } from "../../db/schema";
import { audit } from "./audit.server";
import { db, prepared, writeTransaction } from "./db.server";
import { normalizeEmail } from "./user.server";

export type SeminarRole = "instructor" | "attendee";
export const SEMINAR_ROLES = ["instructor", "attendee"] as const;

export const MEMBERS_PAGE_SIZE = 100;

export interface MemberRow {
  userId: number;
  name: string;
  email: string;
  status: "active" | "deactivated" | "deleted";
  role: SeminarRole;
  joinedAt: Date;
}

/** Members of a seminar, instructors first, then by name; bounded pages. */
export function listSeminarMembers({ seminarId, page = 1 }: { seminarId: number; page?: number }) {
  const rows = db()
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      status: users.status,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.seminarId, seminarId))
    .orderBy(sql`${memberships.role} = 'attendee'`, asc(users.name), asc(users.id))
    .limit(MEMBERS_PAGE_SIZE + 1)
    .offset((Math.max(1, page) - 1) * MEMBERS_PAGE_SIZE)
    .all();
  const total = db().select({ n: count() }).from(memberships).where(eq(memberships.seminarId, seminarId)).get()?.n ?? 0;
  return { members: rows.slice(0, MEMBERS_PAGE_SIZE) as MemberRow[], hasMore: rows.length > MEMBERS_PAGE_SIZE, total };
}

export function listInstructorIds({ seminarId }: { seminarId: number }): number[] {
  return prepared("membership.listInstructorIds", (d) =>
    d
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.seminarId, sql.placeholder("seminarId")), eq(memberships.role, "instructor")))
      .orderBy(asc(users.name))
      .prepare(),
  )
    .all({ seminarId })
    .map((r) => r.userId);
}

export function membershipOf({ seminarId, userId }: { seminarId: number; userId: number }) {
  return db()
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.seminarId, seminarId), eq(memberships.userId, userId)))
    .get();
}

export type MembershipResult = { ok: true; message: string } | { ok: false; field: string; error: string };

/** Adds an existing, active member of the network to the seminar. */
export function addExistingMember({
  seminarId,
  email,
  role,
  actorId,
}: {
  seminarId: number;
  email: string;
  role: SeminarRole;
  actorId: number;
}): MembershipResult {
  return writeTransaction((tx) => {
    const user = tx.select().from(users).where(eq(users.email, normalizeEmail(email))).get();
    if (!user || user.status !== "active") {
      return {
        ok: false as const,
        field: "email",
        error: "No active member has this address. People new to the network need an invitation first.",
      };
    }
    const existing = tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.seminarId, seminarId), eq(memberships.userId, user.id)))
      .get();
    if (existing) {
      return { ok: false as const, field: "email", error: `${user.name} is already in this seminar (${existing.role}).` };
    }
    tx.insert(memberships).values({ seminarId, userId: user.id, role }).run();
    audit(tx, { actorId, action: "user.seminar-role-changed", subject: user.email, details: { seminarId, from: null, to: role } });
    return { ok: true as const, message: `${user.name} was added as ${role === "instructor" ? "an instructor" : "an attendee"}.` };
  });
}

export function changeMemberRole({
  seminarId,
  userId,
  role,
  actorId,
}: {
  seminarId: number;
  userId: number;
  role: SeminarRole;
  actorId: number;
}): boolean {
  return writeTransaction((tx) => {
    const before = tx
      .select({ role: memberships.role, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.seminarId, seminarId), eq(memberships.userId, userId)))
      .get();
    if (!before) return false;
    if (before.role === role) return true;
    tx.update(memberships)
      .set({ role })
      .where(and(eq(memberships.seminarId, seminarId), eq(memberships.userId, userId)))
      .run();
    audit(tx, { actorId, action: "user.seminar-role-changed", subject: before.email, details: { seminarId, from: before.role, to: role } });
    return true;
  });
}

/** Removes someone from the seminar; their next request to any of its pages gets the 404 of a stranger. */
export function removeMember({ seminarId, userId, actorId }: { seminarId: number; userId: number; actorId: number }): boolean {
  return writeTransaction((tx) => {
    const before = tx
      .select({ role: memberships.role, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.seminarId, seminarId), eq(memberships.userId, userId)))
      .get();
    if (!before) return false;
    tx.delete(memberships)
      .where(and(eq(memberships.seminarId, seminarId), eq(memberships.userId, userId)))
      .run();
    audit(tx, { actorId, action: "user.seminar-role-changed", subject: before.email, details: { seminarId, from: before.role, to: null } });
    return true;
  });
}

export function setDiscussionsReadOnly({ seminarId, readOnly }: { seminarId: number; readOnly: boolean }) {
  writeTransaction((tx) => tx.update(seminars).set({ discussionsReadOnly: readOnly }).where(eq(seminars.id, seminarId)).run());
}
