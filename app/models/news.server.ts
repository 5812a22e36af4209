// News sources (issue #7): their input rules, tags and topics, creating and changing them, and which sources a page
// shows. Fetching state is news-fetch-state.server.ts; items and curation news-items.server.ts.
import { and, asc, eq, exists, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { newsItemSources, newsItems, newsSeminarTopics, newsSources, newsSourceTags, users } from "../../db/schema";
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
export function defaultName(url: string): string {
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

