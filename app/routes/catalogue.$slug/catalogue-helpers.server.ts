// Issue #16: the catalogue's access rule. A seminar's catalogue page is there for members when the seminar is listed
// (open or by request) or when they already belong to it; staff see every seminar. Anyone else gets exactly the 404 of
// a seminar that does not exist, so invitation-only seminars cannot be found or joined by guessing addresses.
import { and, eq } from "drizzle-orm";
import { memberships, seminars } from "../../../db/schema";
import { notFound, requireUser, type SessionUser } from "~/auth/guards.server";
import { db } from "~/models/db.server";
import type { Seminar } from "~/models/seminar.server";

export async function requireCatalogueSeminar(
  request: Request,
  slug: string | undefined,
): Promise<{ user: SessionUser; seminar: Seminar; role: "instructor" | "attendee" | null }> {
  const user = await requireUser(request);
  if (!slug) notFound();
  const row = db()
    .select({ seminar: seminars, role: memberships.role })
    .from(seminars)
    .leftJoin(memberships, and(eq(memberships.seminarId, seminars.id), eq(memberships.userId, user.id)))
    .where(eq(seminars.slug, slug))
    .get();
  if (!row) notFound();
  if (row.seminar.enrolmentPolicy === "invitation" && !row.role && user.role !== "admin") notFound();
  return { user, seminar: row.seminar, role: row.role ?? null };
}
