// A news source's fetching state (issue #7): claiming due sources, recording each fetch's outcome, and storing new
// items once across sources (GUID, normalised link, or the same folded title within three days).
import { and, asc, eq, gt, lt, lte, or } from "drizzle-orm";
import { z } from "zod";
import { newsItemSources, newsItems, newsSources } from "../../db/schema";
import type { FeedItem, ParsedFeed } from "~/services/feed-fetch.server";
import { writeTransaction } from "./db.server";
import { type NewsSource, REFRESH_INTERVAL_MS, backoffMs, defaultName, keywordList } from "./news.server";

// ---------------------------------------------------------------------------------------------------------------
// Fetching: claiming due sources and recording results

/** Due sources, oldest first; each claimed one is pushed forward so a crash mid-fetch does not hot-loop. */
export function claimDueSources({ now = new Date(), limit = 6, exclude = [] as number[] } = {}): NewsSource[] {
  return writeTransaction((tx) => {
    const due = tx
      .select()
      .from(newsSources)
      .where(lte(newsSources.nextFetchAt, now))
      .orderBy(asc(newsSources.nextFetchAt))
      .limit(limit + exclude.length)
      .all()
      .filter((s) => !exclude.includes(s.id))
      .slice(0, limit);
    const lease = new Date(now.getTime() + 10 * 60_000);
    for (const s of due) tx.update(newsSources).set({ nextFetchAt: lease }).where(eq(newsSources.id, s.id)).run();
    return due;
  });
}

export function recordFailure({ sourceId, error, now = new Date() }: { sourceId: number; error: string; now?: Date }) {
  writeTransaction((tx) => {
    const s = tx.select().from(newsSources).where(eq(newsSources.id, sourceId)).get();
    if (!s) return;
    const failures = s.consecutiveFailures + 1;
    tx.update(newsSources)
      .set({
        lastFetchedAt: now,
        lastError: error.slice(0, 500),
        lastErrorAt: now,
        consecutiveFailures: failures,
        nextFetchAt: new Date(now.getTime() + backoffMs(failures)),
      })
      .where(eq(newsSources.id, sourceId))
      .run();
  });
}

export function recordNotModified({
  sourceId,
  etag,
  lastModified,
  now = new Date(),
}: {
  sourceId: number;
  etag: string | null;
  lastModified: string | null;
  now?: Date;
}) {
  writeTransaction((tx) =>
    tx
      .update(newsSources)
      .set({
        etag,
        lastModified,
        lastFetchedAt: now,
        lastSuccessAt: now,
        lastError: null,
        consecutiveFailures: 0,
        lastNotice: "No changes since the last fetch.",
        nextFetchAt: new Date(now.getTime() + REFRESH_INTERVAL_MS),
      })
      .where(eq(newsSources.id, sourceId))
      .run(),
  );
}

// De-duplication keys. GUIDs that look global (URLs, tag: URIs, UUIDs) are shared across sources; short local ones
// ("1234") only within their source. Links are compared without scheme, "www.", fragment, trailing slash and
// tracking parameters. Titles are compared folded, and only between items published within three days.
const TRACKING = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|rss|source)$/i;

export function linkKey(link: string | null): string | null {
  if (!link) return null;
  try {
    const u = new URL(link);
    const params = [...u.searchParams].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
    const q = params.length ? `?${new URLSearchParams(params).toString()}` : "";
    return `${u.hostname.replace(/^www\./, "").toLowerCase()}${u.port ? `:${u.port}` : ""}${u.pathname.replace(/\/+$/, "")}${q}`.slice(0, 1000);
  } catch {
    return null;
  }
}

export function guidKey(guid: string | null, sourceId: number): string | null {
  if (!guid) return null;
  const g = guid.trim();
  const global = /^[a-z][a-z0-9+.-]*:/i.test(g) || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(g) || g.length >= 24;
  return (global ? g : `${sourceId}#${g}`).slice(0, 500);
}

export function titleKey(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .slice(0, 300);
}

const TITLE_WINDOW_MS = 3 * 86400_000;

function matchesKeywords(source: NewsSource, item: FeedItem): boolean {
  const hay = `${item.title} ${item.excerpt}`.toLowerCase();
  const include = keywordList(source.includeKeywords);
  const exclude = keywordList(source.excludeKeywords);
  if (include.length && !include.some((k) => hay.includes(k))) return false;
  if (exclude.some((k) => hay.includes(k))) return false;
  return true;
}

/** Stores a successful fetch: new items (de-duplicated), links to this source, status and validators. */
export function recordSuccess({
  sourceId,
  feed,
  etag,
  lastModified,
  now = new Date(),
}: {
  sourceId: number;
  feed: ParsedFeed;
  etag: string | null;
  lastModified: string | null;
  now?: Date;
}): { added: number; skipped: number; cleaned: number } {
  return writeTransaction((tx) => {
    const source = tx.select().from(newsSources).where(eq(newsSources.id, sourceId)).get();
    if (!source) return { added: 0, skipped: 0, cleaned: 0 };
    let added = 0;
    let skipped = 0;
    let cleaned = 0;
    const latest = new Date(now.getTime() + 60 * 60_000);
    for (const item of feed.items) {
      if (!matchesKeywords(source, item)) {
        skipped++;
        continue;
      }
      if (item.cleaned) cleaned++;
      // A date in the future would pin an item to the top for ever.
      const publishedAt = item.publishedAt && item.publishedAt <= latest ? item.publishedAt : now;
      const gk = guidKey(item.guid, sourceId);
      const lk = linkKey(item.link);
      const tk = titleKey(item.title);
      const existing =
        (gk && tx.select({ id: newsItems.id }).from(newsItems).where(eq(newsItems.guidKey, gk)).get()) ||
        (lk && tx.select({ id: newsItems.id }).from(newsItems).where(eq(newsItems.linkKey, lk)).get()) ||
        (tk.length >= 12 &&
          tx
            .select({ id: newsItems.id })
            .from(newsItems)
            .where(
              and(
                eq(newsItems.titleKey, tk),
                gt(newsItems.publishedAt, new Date(publishedAt.getTime() - TITLE_WINDOW_MS)),
                lt(newsItems.publishedAt, new Date(publishedAt.getTime() + TITLE_WINDOW_MS)),
              ),
            )
            .get()) ||
        null;
      const itemId =
        existing?.id ??
        tx
          .insert(newsItems)
          .values({
            guidKey: gk,
            linkKey: lk,
            titleKey: tk,
            guid: item.guid,
            link: item.link,
            title: item.title,
            excerpt: item.excerpt,
            html: item.html,
            publishedAt,
            firstSeenAt: now,
          })
          .returning({ id: newsItems.id })
          .get().id;
      const link = tx
        .insert(newsItemSources)
        .values({ itemId, sourceId, approval: source.requiresApproval ? "pending" : "approved", addedAt: now })
        .onConflictDoNothing()
        .run();
      if (link.changes > 0) added++;
    }
    const notice = [
      added ? `${added} new item${added === 1 ? "" : "s"}` : "No new items",
      skipped ? `${skipped} left out by the keyword filters` : null,
      cleaned ? `unsafe content (scripts or non-web links) removed from ${cleaned} item${cleaned === 1 ? "" : "s"}` : null,
      !feed.items.length ? "the feed lists no usable items" : null,
    ]
      .filter(Boolean)
      .join("; ");
    tx.update(newsSources)
      .set({
        etag,
        lastModified,
        siteUrl: feed.siteUrl ?? source.siteUrl,
        ...(source.name === defaultName(source.url) && feed.title ? { name: feed.title.slice(0, 120) } : {}),
        lastFetchedAt: now,
        lastSuccessAt: now,
        lastError: null,
        consecutiveFailures: 0,
        lastNotice: `${notice}.`,
        nextFetchAt: new Date(now.getTime() + REFRESH_INTERVAL_MS),
      })
      .where(eq(newsSources.id, sourceId))
      .run();
    return { added, skipped, cleaned };
  });
}
