// News items as readers and curators see them (issue #7): the lists a page shows, curation (approve or reject),
// per-source counts, and the items of a member's digest.
import { and, asc, desc, eq, exists, gt, inArray, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { memberships, newsItemSources, newsItems, newsSources } from "../../db/schema";
import { db, writeTransaction } from "./db.server";
import { networkSourceIds, seminarSourceIds } from "./news.server";

// ---------------------------------------------------------------------------------------------------------------
// Reading

export const CursorSchema = z
  .string()
  .regex(/^\d{1,15}\.\d{1,12}$/)
  .transform((s) => {
    const [at, id] = s.split(".").map(Number) as [number, number];
    return { at, id };
  });

export interface NewsListItem {
  id: number;
  title: string;
  link: string | null;
  excerpt: string;
  publishedAt: string;
  sourceName: string;
  sourceId: number;
}

/** Approved items of the given sources, newest first, keyset-paginated. */
export function listNewsItems({
  sourceIds,
  cursor,
  limit = 25,
}: {
  sourceIds: number[];
  cursor?: { at: number; id: number } | null;
  limit?: number;
}): { items: NewsListItem[]; nextCursor: string | null } {
  if (!sourceIds.length) return { items: [], nextCursor: null };
  const visible = exists(
    db()
      .select({ one: sql`1` })
      .from(newsItemSources)
      .where(
        and(
          eq(newsItemSources.itemId, newsItems.id),
          inArray(newsItemSources.sourceId, sourceIds),
          eq(newsItemSources.approval, "approved"),
        ),
      ),
  );
  const after = cursor
    ? or(
        lt(newsItems.publishedAt, new Date(cursor.at)),
        and(eq(newsItems.publishedAt, new Date(cursor.at)), lt(newsItems.id, cursor.id)),
      )
    : undefined;
  const rows = db()
    .select({
      id: newsItems.id,
      title: newsItems.title,
      link: newsItems.link,
      excerpt: newsItems.excerpt,
      publishedAt: newsItems.publishedAt,
    })
    .from(newsItems)
    .where(and(visible, after))
    .orderBy(desc(newsItems.publishedAt), desc(newsItems.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const names = itemSourceNames(
    page.map((r) => r.id),
    sourceIds,
  );
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      title: r.title,
      link: r.link,
      excerpt: r.excerpt,
      publishedAt: r.publishedAt.toISOString(),
      sourceName: names.get(r.id)?.name ?? "",
      sourceId: names.get(r.id)?.id ?? 0,
    })),
    nextCursor: rows.length > limit && last ? `${last.publishedAt.getTime()}.${last.id}` : null,
  };
}

function itemSourceNames(itemIds: number[], sourceIds: number[]) {
  const out = new Map<number, { id: number; name: string }>();
  if (!itemIds.length) return out;
  const rows = db()
    .select({ itemId: newsItemSources.itemId, id: newsSources.id, name: newsSources.name })
    .from(newsItemSources)
    .innerJoin(newsSources, eq(newsSources.id, newsItemSources.sourceId))
    .where(
      and(
        inArray(newsItemSources.itemId, itemIds),
        inArray(newsItemSources.sourceId, sourceIds),
        eq(newsItemSources.approval, "approved"),
      ),
    )
    .orderBy(asc(newsItemSources.addedAt))
    .all();
  for (const r of rows) if (!out.has(r.itemId)) out.set(r.itemId, { id: r.id, name: r.name });
  return out;
}

/** Items waiting for approval in the given sources. */
export function listPendingItems({ sourceIds, limit = 50 }: { sourceIds: number[]; limit?: number }) {
  if (!sourceIds.length) return [];
  return db()
    .select({
      itemId: newsItems.id,
      sourceId: newsSources.id,
      sourceName: newsSources.name,
      title: newsItems.title,
      link: newsItems.link,
      excerpt: newsItems.excerpt,
      publishedAt: newsItems.publishedAt,
    })
    .from(newsItemSources)
    .innerJoin(newsItems, eq(newsItems.id, newsItemSources.itemId))
    .innerJoin(newsSources, eq(newsSources.id, newsItemSources.sourceId))
    .where(and(inArray(newsItemSources.sourceId, sourceIds), eq(newsItemSources.approval, "pending")))
    .orderBy(desc(newsItems.publishedAt))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, publishedAt: r.publishedAt.toISOString() }));
}

/** Approves or rejects an item of one source; false when that item is not waiting in that source. */
export function decideItem({
  itemId,
  sourceId,
  decision,
  userId,
}: {
  itemId: number;
  sourceId: number;
  decision: "approved" | "rejected";
  userId: number;
}): boolean {
  return writeTransaction((tx) => {
    const r = tx
      .update(newsItemSources)
      .set({ approval: decision, decidedById: userId, decidedAt: new Date() })
      .where(
        and(
          eq(newsItemSources.itemId, itemId),
          eq(newsItemSources.sourceId, sourceId),
          eq(newsItemSources.approval, "pending"),
        ),
      )
      .run();
    return r.changes > 0;
  });
}

/** Decides several pending items at once (one transaction); returns how many were still pending and are now decided. */
export function decideItems({
  items,
  decision,
  userId,
}: {
  items: { itemId: number; sourceId: number }[];
  decision: "approved" | "rejected";
  userId: number;
}): number {
  return writeTransaction((tx) => {
    let changed = 0;
    const now = new Date();
    for (const { itemId, sourceId } of items) {
      changed += tx
        .update(newsItemSources)
        .set({ approval: decision, decidedById: userId, decidedAt: now })
        .where(and(eq(newsItemSources.itemId, itemId), eq(newsItemSources.sourceId, sourceId), eq(newsItemSources.approval, "pending")))
        .run().changes;
    }
    return changed;
  });
}

export function sourceItemCounts(sourceIds: number[]): Map<number, { approved: number; pending: number }> {
  const out = new Map<number, { approved: number; pending: number }>();
  if (!sourceIds.length) return out;
  const rows = db()
    .select({ sourceId: newsItemSources.sourceId, approval: newsItemSources.approval, n: sql<number>`count(*)` })
    .from(newsItemSources)
    .where(inArray(newsItemSources.sourceId, sourceIds))
    .groupBy(newsItemSources.sourceId, newsItemSources.approval)
    .all();
  for (const r of rows) {
    const c = out.get(r.sourceId) ?? { approved: 0, pending: 0 };
    if (r.approval === "approved") c.approved = r.n;
    if (r.approval === "pending") c.pending = r.n;
    out.set(r.sourceId, c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Digest

/**
 * The news for a member's digest: approved items first seen since `since`, from the network list and the sources
 * of the seminars they belong to, newest first.
 */
export function newsDigestFor({ userId, since, limit = 15 }: { userId: number; since: Date; limit?: number }) {
  const seminarIds = db()
    .select({ id: memberships.seminarId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .all()
    .map((r) => r.id);
  const ids = new Set(networkSourceIds());
  for (const seminarId of seminarIds) for (const id of seminarSourceIds({ seminarId })) ids.add(id);
  const sourceIds = [...ids];
  if (!sourceIds.length) return [];
  const rows = db()
    .select({
      id: newsItems.id,
      title: newsItems.title,
      link: newsItems.link,
      excerpt: newsItems.excerpt,
      publishedAt: newsItems.publishedAt,
    })
    .from(newsItems)
    .where(
      and(
        gt(newsItems.firstSeenAt, since),
        exists(
          db()
            .select({ one: sql`1` })
            .from(newsItemSources)
            .where(
              and(
                eq(newsItemSources.itemId, newsItems.id),
                inArray(newsItemSources.sourceId, sourceIds),
                eq(newsItemSources.approval, "approved"),
              ),
            ),
        ),
      ),
    )
    .orderBy(desc(newsItems.publishedAt), desc(newsItems.id))
    .limit(limit)
    .all();
  const names = itemSourceNames(
    rows.map((r) => r.id),
    sourceIds,
  );
  return rows.map((r) => ({ ...r, sourceName: names.get(r.id)?.name ?? "" }));
}
