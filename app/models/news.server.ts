// News sources, fetched items and what each reader may see (issue #7).
import { and, asc, desc, eq, exists, gt, inArray, lt, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import {
  memberships,
  newsItemSources,
  newsItems,
  newsSeminarTopics,
  newsSources,
  newsSourceTags,
  users,
} from "../../db/schema";
import type { FeedItem, ParsedFeed } from "~/services/feed-fetch.server";
import { checkFeedUrl } from "~/services/feed-fetch.server";
import { db, writeTransaction, type DB } from "./db.server";

export type NewsSource = typeof newsSources.$inferSelect;
export type SourceScope = NewsSource["scope"];

/** Success: fetch again after an hour. Failures back off exponentially from 15 minutes to a day. */
export const REFRESH_INTERVAL_MS = 60 * 60_000;
export const FAILURE_BASE_MS = 15 * 60_000;
export const FAILURE_MAX_MS = 24 * 60 * 60_000;

export function backoffMs(consecutiveFailures: number): number {
  return Math.min(FAILURE_MAX_MS, FAILURE_BASE_MS * 2 ** Math.max(0, consecutiveFailures - 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Input

export function normalizeTags(input: string | string[]): string[] {
  const parts = (Array.isArray(input) ? input : input.split(/[,;\n]+/))
    .map((t) => t.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ").slice(0, 40))
    .filter(Boolean);
  return [...new Set(parts)].slice(0, 12);
}

export function keywordList(input: string): string[] {
  return [...new Set(input.split(/[,;\n]+/).map((k) => k.trim().toLowerCase()).filter(Boolean))].slice(0, 30);
}

const keywordsField = z
  .string()
  .max(1000, "Keep the keywords under 1,000 characters.")
  .transform((s) => keywordList(s).join(", "));

export const SourceInputSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter the feed's address.")
    .max(2000, "That address is too long.")
    .transform((s, ctx) => {
      const r = checkFeedUrl(s);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.error });
        return z.NEVER;
      }
      return r.value;
    }),
  name: z.string().trim().max(120, "Keep the name under 120 characters.").default(""),
  tags: z.string().max(500, "Keep the tags under 500 characters.").default("").transform((s) => normalizeTags(s)),
  includeKeywords: keywordsField.default(""),
  excludeKeywords: keywordsField.default(""),
  requiresApproval: z
    .union([z.literal("on"), z.literal("true"), z.literal("")])
    .optional()
    .transform((v) => v === "on" || v === "true"),
});
export type SourceInput = z.output<typeof SourceInputSchema>;

export type FieldErrors = Partial<Record<keyof SourceInput | "form", string>>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = (issue.path[0] as keyof SourceInput | undefined) ?? "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** The name given to a source nobody named: its host, until the first fetch brings the feed's own title. */
function defaultName(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

function scopeKeyOf(scope: SourceScope, seminarId: number | null, ownerId: number | null): string {
  if (scope === "seminar") return `seminar:${seminarId}`;
  if (scope === "member-blog") return `blog:${ownerId}`;
  return "network";
}

function writeTags(tx: DB, sourceId: number, tags: string[]) {
  tx.delete(newsSourceTags).where(eq(newsSourceTags.sourceId, sourceId)).run();
  for (const tag of tags) tx.insert(newsSourceTags).values({ sourceId, tag }).onConflictDoNothing().run();
}

// ---------------------------------------------------------------------------------------------------------------
// Sources

type SourcePlace = { scope: SourceScope; seminarId?: number | null; ownerId?: number | null };

/** Inserts a source unless its URL is already listed in the same place; null when it was. */
export function insertSource(
  tx: Pick<DB, "select" | "insert" | "delete">,
  input: SourceInput & SourcePlace & { addedById?: number | null; now?: Date },
): NewsSource | null {
  const seminarId = input.scope === "seminar" ? (input.seminarId ?? null) : null;
  const ownerId = input.scope === "member-blog" ? (input.ownerId ?? null) : null;
  const scopeKey = scopeKeyOf(input.scope, seminarId, ownerId);
  const dup = tx
    .select({ id: newsSources.id })
    .from(newsSources)
    .where(and(eq(newsSources.scopeKey, scopeKey), eq(newsSources.url, input.url)))
    .get();
  if (dup) return null;
  const source = tx
    .insert(newsSources)
    .values({
      url: input.url,
      name: input.name || defaultName(input.url),
      scope: input.scope,
      scopeKey,
      seminarId,
      ownerId,
      addedById: input.addedById ?? null,
      tags: JSON.stringify(input.tags),
      includeKeywords: input.includeKeywords,
      excludeKeywords: input.excludeKeywords,
      requiresApproval: input.requiresApproval,
      nextFetchAt: input.now ?? new Date(),
    })
    .returning()
    .get();
  writeTags(tx as DB, source.id, input.tags);
  return source;
}

export function createSource(
  input: SourceInput & SourcePlace & { addedById?: number | null; now?: Date },
): { ok: true; source: NewsSource } | { ok: false; errors: FieldErrors } {
  return writeTransaction((tx) => {
    const source = insertSource(tx, input);
    if (!source) return { ok: false as const, errors: { url: "This feed is already on the list." } };
    return { ok: true as const, source };
  });
}

/** Adds many sources at once (OPML import), all or nothing; those already listed are counted, not duplicated. */
export function importSources({
  sources,
  place,
  addedById,
}: {
  sources: { url: string; name: string; tags: string[] }[];
  place: SourcePlace;
  addedById: number | null;
}): { added: number; existing: number } {
  return writeTransaction((tx) => {
    let added = 0;
    let existing = 0;
    for (const s of sources) {
      const r = insertSource(tx, {
        ...place,
        url: s.url,
        name: s.name,
        tags: normalizeTags(s.tags),
        includeKeywords: "",
        excludeKeywords: "",
        requiresApproval: false,
        addedById,
      });
      if (r) added++;
      else existing++;
    }
    return { added, existing };
  });
}

export function updateSource(
  id: number,
  input: SourceInput,
): { ok: true } | { ok: false; errors: FieldErrors } {
  return writeTransaction((tx) => {
    const current = tx.select().from(newsSources).where(eq(newsSources.id, id)).get();
    if (!current) return { ok: false as const, errors: { form: "That source no longer exists." } };
    if (current.url !== input.url) {
      const dup = tx
        .select({ id: newsSources.id })
        .from(newsSources)
        .where(and(eq(newsSources.scopeKey, current.scopeKey), eq(newsSources.url, input.url)))
        .get();
      if (dup) return { ok: false as const, errors: { url: "This feed is already on the list." } };
    }
    const urlChanged = current.url !== input.url;
    tx.update(newsSources)
      .set({
        url: input.url,
        name: input.name || current.name,
        tags: JSON.stringify(input.tags),
        includeKeywords: input.includeKeywords,
        excludeKeywords: input.excludeKeywords,
        requiresApproval: input.requiresApproval,
        // A new address starts afresh: no cached validators, fetch at once.
        ...(urlChanged
          ? { etag: null, lastModified: null, consecutiveFailures: 0, lastError: null, nextFetchAt: new Date() }
          : {}),
      })
      .where(eq(newsSources.id, id))
      .run();
    writeTags(tx, id, input.tags);
    return { ok: true as const };
  });
}

export function deleteSource({ id }: { id: number }) {
  writeTransaction((tx) => {
    tx.delete(newsSources).where(eq(newsSources.id, id)).run();
    // Items no source carries any more go too.
    tx.delete(newsItems)
      .where(sql`not exists (select 1 from ${newsItemSources} where ${newsItemSources.itemId} = ${newsItems.id})`)
      .run();
  });
}

export function getSource({ id }: { id: number }): NewsSource | null {
  return db().select().from(newsSources).where(eq(newsSources.id, id)).get() ?? null;
}

export function sourceTags(s: Pick<NewsSource, "tags">): string[] {
  try {
    const v = JSON.parse(s.tags) as unknown;
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

export function listSources({ scope, seminarId }: { scope: SourceScope; seminarId?: number }): NewsSource[] {
  const where =
    scope === "seminar" ? and(eq(newsSources.scope, "seminar"), eq(newsSources.seminarId, seminarId ?? -1)) : eq(newsSources.scope, scope);
  return db().select().from(newsSources).where(where).orderBy(asc(newsSources.name)).all();
}

export function listMemberBlogs() {
  return db()
    .select({ source: newsSources, ownerName: users.name, ownerStatus: users.status })
    .from(newsSources)
    .innerJoin(users, eq(users.id, newsSources.ownerId))
    .where(eq(newsSources.scope, "member-blog"))
    .orderBy(asc(newsSources.name))
    .all()
    .filter((r) => r.ownerStatus === "active");
}

export function getMemberBlog({ userId }: { userId: number }): NewsSource | null {
  return (
    db()
      .select()
      .from(newsSources)
      .where(and(eq(newsSources.scope, "member-blog"), eq(newsSources.ownerId, userId)))
      .get() ?? null
  );
}

export function networkTags(): string[] {
  return db()
    .selectDistinct({ tag: newsSourceTags.tag })
    .from(newsSourceTags)
    .innerJoin(newsSources, eq(newsSources.id, newsSourceTags.sourceId))
    .where(eq(newsSources.scope, "network"))
    .orderBy(asc(newsSourceTags.tag))
    .all()
    .map((r) => r.tag);
}

export function seminarTopics({ seminarId }: { seminarId: number }): string[] {
  return db()
    .select({ tag: newsSeminarTopics.tag })
    .from(newsSeminarTopics)
    .where(eq(newsSeminarTopics.seminarId, seminarId))
    .orderBy(asc(newsSeminarTopics.tag))
    .all()
    .map((r) => r.tag);
}

export function setSeminarTopics({ seminarId, tags }: { seminarId: number; tags: string[] }) {
  writeTransaction((tx) => {
    tx.delete(newsSeminarTopics).where(eq(newsSeminarTopics.seminarId, seminarId)).run();
    for (const tag of tags) tx.insert(newsSeminarTopics).values({ seminarId, tag }).onConflictDoNothing().run();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Which sources a page shows

/** Network sources, optionally only those with a tag. */
export function networkSourceIds({ tag }: { tag?: string | null } = {}): number[] {
  const q = tag
    ? db()
        .select({ id: newsSources.id })
        .from(newsSources)
        .innerJoin(newsSourceTags, eq(newsSourceTags.sourceId, newsSources.id))
        .where(and(eq(newsSources.scope, "network"), eq(newsSourceTags.tag, tag)))
    : db().select({ id: newsSources.id }).from(newsSources).where(eq(newsSources.scope, "network"));
  return q.all().map((r) => r.id);
}

/**
 * A seminar's news: its own sources plus the network sources carrying any of its topics (all network sources
 * while it follows no topic).
 */
export function seminarSourceIds({ seminarId }: { seminarId: number }): number[] {
  const topics = seminarTopics({ seminarId });
  const own = db()
    .select({ id: newsSources.id })
    .from(newsSources)
    .where(and(eq(newsSources.scope, "seminar"), eq(newsSources.seminarId, seminarId)))
    .all()
    .map((r) => r.id);
  const network = topics.length
    ? db()
        .selectDistinct({ id: newsSources.id })
        .from(newsSources)
        .innerJoin(newsSourceTags, eq(newsSourceTags.sourceId, newsSources.id))
        .where(and(eq(newsSources.scope, "network"), inArray(newsSourceTags.tag, topics)))
        .all()
        .map((r) => r.id)
    : networkSourceIds();
  return [...new Set([...own, ...network])];
}

export function memberBlogSourceIds(): number[] {
  return listMemberBlogs().map((r) => r.source.id);
}

export function sourcesByIds(ids: number[]): NewsSource[] {
  if (!ids.length) return [];
  return db()
    .select()
    .from(newsSources)
    .where(inArray(newsSources.id, ids))
    .orderBy(asc(newsSources.name))
    .all();
}

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
