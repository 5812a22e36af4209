import { and, eq } from "drizzle-orm";
import { memberships, seminars } from "../../db/schema";
import { db } from "./db.server";

export type Seminar = typeof seminars.$inferSelect;
export type SeminarPhase = "upcoming" | "in-progress" | "alumni";

export interface SeminarAccess {
  seminar: Seminar;
  /** The viewer's role in the seminar; null for an admin who is not a member. */
  role: "instructor" | "attendee" | null;
  canManage: boolean;
  phase: SeminarPhase;
}

export function seminarPhase(s: Pick<Seminar, "startsAt" | "endsAt">, now = new Date()): SeminarPhase {
  if (now < s.startsAt) return "upcoming";
  if (now <= s.endsAt) return "in-progress";
  return "alumni";
}

/** The seminar behind a slug as seen by this user, or null when it does not exist or they may not see it. */
export function getSeminarForMember({
  slug,
  userId,
  isAdmin,
}: {
  slug: string;
  userId: number;
  isAdmin: boolean;
}): SeminarAccess | null {
  const row = db()
    .select({ seminar: seminars, role: memberships.role })
    .from(seminars)
    .leftJoin(memberships, and(eq(memberships.seminarId, seminars.id), eq(memberships.userId, userId)))
    .where(eq(seminars.slug, slug))
    .get();
  if (!row) return null;
  if (!row.role && !isAdmin) return null;
  return {
    seminar: row.seminar,
    role: row.role ?? null,
    canManage: isAdmin || row.role === "instructor",
    phase: seminarPhase(row.seminar),
  };
}

export function listSeminarsForUser({ userId }: { userId: number }) {
  return db()
    .select({ seminar: seminars, role: memberships.role })
    .from(memberships)
    .innerJoin(seminars, eq(seminars.id, memberships.seminarId))
    .where(eq(memberships.userId, userId))
    .all()
    .map((r) => ({ ...r, phase: seminarPhase(r.seminar) }));
}
