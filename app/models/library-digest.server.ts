// Issue #20: the library's part of the daily and weekly digests (topic "library"): documents added or updated in
// the network library, and bookmarks others shared with the member's seminars, in the period. Every entry passes
// canSee for the member (visibleRefs, and the bookmarks' own visibility rule).
import { and, desc, eq, gt, inArray, lte, ne } from "drizzle-orm";
import { bookmarks, libraryDocuments, memberships } from "../../db/schema";
import { KIND_LABELS } from "~/utils/library";
import { flatten, selectWithNames, toViews, visibleClause } from "./bookmarks.server";
import { db } from "./db.server";
import { visibleRefs, type Viewer } from "./items.server";

const MAX = 20;

export interface LibraryDigestEntry {
  text: string;
  href: string;
  meta?: string;
}

export function libraryDigestFor({ viewer, since, now }: { viewer: Viewer; since: number; now: number }): LibraryDigestEntry[] {
  const docs = db()
    .select({ id: libraryDocuments.id, title: libraryDocuments.title, kind: libraryDocuments.kind, version: libraryDocuments.currentVersion, jurisdiction: libraryDocuments.jurisdiction })
    .from(libraryDocuments)
    .where(and(gt(libraryDocuments.updatedAt, new Date(since)), lte(libraryDocuments.updatedAt, new Date(now))))
    .orderBy(desc(libraryDocuments.updatedAt))
    .limit(MAX)
    .all();
  const seen = new Set(visibleRefs(viewer, docs.map((d) => ({ kind: "document" as const, id: d.id }))).map((r) => r.id));
  const entries: LibraryDigestEntry[] = docs
    .filter((d) => seen.has(d.id))
    .map((d) => ({
      text: d.version > 1 ? `Version ${d.version} of “${d.title}”` : `New in the library: “${d.title}”`,
      meta: [KIND_LABELS[d.kind], d.jurisdiction].filter(Boolean).join(" · "),
      href: `/library/${d.id}`,
    }));

  const mine = db().select({ id: memberships.seminarId }).from(memberships).where(eq(memberships.userId, viewer.id));
  const rows = flatten(
    selectWithNames()
      .where(
        and(
          eq(bookmarks.visibility, "seminar"),
          inArray(bookmarks.seminarId, mine),
          ne(bookmarks.userId, viewer.id),
          gt(bookmarks.createdAt, new Date(since)),
          lte(bookmarks.createdAt, new Date(now)),
          visibleClause(viewer),
        ),
      )
      .orderBy(desc(bookmarks.id))
      .limit(MAX)
      .all(),
  );
  for (const b of toViews(viewer, rows)) {
    entries.push({ text: `${b.owner.name} shared “${b.title}”`, meta: b.seminar?.title, href: `/bookmarks/${b.id}` });
  }
  return entries;
}
