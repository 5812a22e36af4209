// Issue #20: who may add to the library. Staff and instructors always; members where staff allow it: staff name the
// seminars whose members may contribute (a staff setting per seminar). A contributing member adds new versions of
// the documents they added; staff and instructors add versions of any document.
import { and, eq, inArray, sql } from "drizzle-orm";
import { libraryContributorSeminars, memberships, seminars } from "../../db/schema";
import { db, writeTransaction } from "./db.server";
import type { Viewer } from "./items.server";
import type { LibraryDocument } from "./library.server";

/** Staff or an instructor of any seminar. */
export function isLibrarian(viewer: Viewer): boolean {
  if (viewer.role === "admin") return true;
  return !!db()
    .select({ one: sql`1` })
    .from(memberships)
    .where(and(eq(memberships.userId, viewer.id), eq(memberships.role, "instructor")))
    .get();
}

/** A member of a seminar whose members staff allow to contribute. */
export function isContributor(viewer: Viewer): boolean {
  return !!db()
    .select({ one: sql`1` })
    .from(memberships)
    .innerJoin(libraryContributorSeminars, eq(libraryContributorSeminars.seminarId, memberships.seminarId))
    .where(eq(memberships.userId, viewer.id))
    .get();
}

/** Staff, instructors, and members where staff allow it add documents to the library. */
export function canAddDocuments(viewer: Viewer): boolean {
  return isLibrarian(viewer) || isContributor(viewer);
}

/** New versions: staff and instructors of any document; a contributing member of the documents they added. */
export function canAddVersion(viewer: Viewer, document: Pick<LibraryDocument, "createdById">): boolean {
  if (isLibrarian(viewer)) return true;
  return document.createdById === viewer.id && isContributor(viewer);
}

/** Seminars whose members may add documents (for the staff page). */
export function listContributorSeminars(): { id: number; slug: string; title: string }[] {
  return db()
    .select({ id: seminars.id, slug: seminars.slug, title: seminars.title })
    .from(libraryContributorSeminars)
    .innerJoin(seminars, eq(seminars.id, libraryContributorSeminars.seminarId))
    .orderBy(seminars.title)
    .all();
}

/** Seminars staff may still open to contributions (bounded: the staff page offers a choice list). */
export function seminarsNotContributing(): { id: number; title: string }[] {
  const open = db().select({ id: libraryContributorSeminars.seminarId }).from(libraryContributorSeminars);
  return db()
    .select({ id: seminars.id, title: seminars.title })
    .from(seminars)
    .where(sql`${seminars.id} NOT IN ${open}`)
    .orderBy(seminars.title)
    .limit(1000)
    .all();
}

export function setSeminarContributes({ seminarId, allowed, actorId }: { seminarId: number; allowed: boolean; actorId: number }): boolean {
  return writeTransaction((tx) => {
    if (!tx.select({ id: seminars.id }).from(seminars).where(eq(seminars.id, seminarId)).get()) return false;
    if (allowed) tx.insert(libraryContributorSeminars).values({ seminarId, allowedById: actorId }).onConflictDoNothing().run();
    else tx.delete(libraryContributorSeminars).where(inArray(libraryContributorSeminars.seminarId, [seminarId])).run();
    return true;
  });
}
