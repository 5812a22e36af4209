// Issue #20: a seminar features library documents among its materials without copying them.
import { and, desc, eq } from "drizzle-orm";
import { libraryDocuments, libraryFeatures, memberships, seminars } from "../../db/schema";
import { countActivity } from "./counts.server";
import { DOCUMENT_LIST_COLUMNS } from "./library-browse.server";
import { db, writeTransaction } from "./db.server";
import type { Viewer } from "./items.server";

/** Seminars where this viewer may feature documents: the ones they teach (staff: all). */
export function seminarsViewerManages(viewer: Viewer): { id: number; slug: string; title: string }[] {
  const q = db().select({ id: seminars.id, slug: seminars.slug, title: seminars.title }).from(seminars);
  if (viewer.role === "admin") return q.orderBy(seminars.title).limit(500).all();
  return q
    .innerJoin(memberships, and(eq(memberships.seminarId, seminars.id), eq(memberships.userId, viewer.id), eq(memberships.role, "instructor")))
    .orderBy(seminars.title)
    .all();
}

/** Seminars featuring this document that the viewer belongs to (staff: all). */
export function featuredInForViewer({ documentId, viewer }: { documentId: number; viewer: Viewer }) {
  const q = db()
    .select({ id: seminars.id, slug: seminars.slug, title: seminars.title })
    .from(libraryFeatures)
    .innerJoin(seminars, eq(seminars.id, libraryFeatures.seminarId));
  if (viewer.role === "admin") return q.where(eq(libraryFeatures.documentId, documentId)).orderBy(seminars.title).all();
  return q
    .innerJoin(memberships, and(eq(memberships.seminarId, seminars.id), eq(memberships.userId, viewer.id)))
    .where(eq(libraryFeatures.documentId, documentId))
    .orderBy(seminars.title)
    .all();
}

export function setFeatured({ seminarId, documentId, actorId, featured }: { seminarId: number; documentId: number; actorId: number; featured: boolean }) {
  writeTransaction((tx) => {
    if (featured) {
      const added = tx.insert(libraryFeatures).values({ seminarId, documentId, featuredById: actorId }).onConflictDoNothing().run();
      if (added.changes) countActivity(tx, { userId: actorId, counter: "document.featured", seminarId });
    } else {
      tx.delete(libraryFeatures).where(and(eq(libraryFeatures.seminarId, seminarId), eq(libraryFeatures.documentId, documentId))).run();
    }
  });
}

/** Library documents a seminar features, for its materials page and home. */
export function listFeaturedDocuments({ seminarId }: { seminarId: number }) {
  return db()
    .select(DOCUMENT_LIST_COLUMNS)
    .from(libraryFeatures)
    .innerJoin(libraryDocuments, eq(libraryDocuments.id, libraryFeatures.documentId))
    .where(eq(libraryFeatures.seminarId, seminarId))
    .orderBy(desc(libraryFeatures.createdAt))
    .limit(100)
    .all();
}
