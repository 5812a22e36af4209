// Issue #20: what many members saved: the most-saved links of the week (network-wide or in one seminar) and the tags
// in use, counting only bookmarks the viewer may see.
import { and, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { bookmarks, bookmarkTags } from "../../db/schema";
import { flatten, selectWithNames, toViews, visibleClause } from "./bookmarks.server";
import { db } from "./db.server";
import type { Viewer } from "./items.server";

/** Most-saved links of the last seven days among bookmarks the viewer may see (network-wide or one seminar). */
export function mostSavedThisWeek({ viewer, seminarId, now = new Date() }: { viewer: Viewer; seminarId?: number; now?: Date }) {
  const since = new Date(now.getTime() - 7 * 86400_000);
  const where: SQL[] = [gte(bookmarks.createdAt, since), visibleClause(viewer)];
  if (seminarId) where.push(eq(bookmarks.visibility, "seminar"), eq(bookmarks.seminarId, seminarId));
  else where.push(eq(bookmarks.visibility, "network"));
  const top = db()
    .select({ target: bookmarks.target, n: sql<number>`count(*)`, id: sql<number>`max(${bookmarks.id})` })
    .from(bookmarks)
    .where(and(...where))
    .groupBy(bookmarks.target)
    .orderBy(sql`count(*) DESC`, sql`max(${bookmarks.id}) DESC`)
    .limit(10)
    .all();
  if (!top.length) return [];
  const latest = flatten(selectWithNames().where(inArray(bookmarks.id, top.map((t) => t.id))).all());
  const views = new Map(toViews(viewer, latest).map((v) => [v.id, v]));
  return top.flatMap((t) => {
    const v = views.get(t.id);
    return v ? [{ title: v.title, href: v.href, external: v.external, count: t.n, bookmarkId: v.id }] : [];
  });
}

/** Tags in use among the latest bookmarks the viewer may see (for browsing; bounded work at a million bookmarks). */
export function popularTags({ viewer }: { viewer: Viewer }): { tag: string; n: number }[] {
  const recent = db().select({ id: bookmarks.id }).from(bookmarks).where(visibleClause(viewer)).orderBy(desc(bookmarks.id)).limit(2000);
  return db()
    .select({ tag: bookmarkTags.tag, n: sql<number>`count(*)` })
    .from(bookmarkTags)
    .where(inArray(bookmarkTags.bookmarkId, recent))
    .groupBy(bookmarkTags.tag)
    .orderBy(sql`count(*) DESC`, bookmarkTags.tag)
    .limit(30)
    .all();
}
