// Issue #7: news sources, their fetch status, news items and where each item came from.
// An item is stored once even when several sources carry it (de-duplicated by GUID, link and title); the
// news_item_sources rows record every source that carried it, with that source's approval state.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { seminars, users } from "./core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const newsSources = sqliteTable(
  "news_sources",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    url: text("url").notNull(),
    name: text("name").notNull(),
    /** The publisher's site, as the feed names it. */
    siteUrl: text("site_url"),
    /** network: admins' list; seminar: one seminar's own; member-blog: a member's own blog. */
    scope: text("scope", { enum: ["network", "seminar", "member-blog"] }).notNull(),
    /** "network", "seminar:<id>" or "blog:<userId>": one source per URL in each place. */
    scopeKey: text("scope_key").notNull(),
    seminarId: integer("seminar_id").references(() => seminars.id, { onDelete: "cascade" }),
    ownerId: integer("owner_id").references(() => users.id, { onDelete: "cascade" }),
    addedById: integer("added_by_id").references(() => users.id, { onDelete: "set null" }),
    /** Normalised tags (jurisdiction, practice area), JSON array; mirrored in news_source_tags for filtering. */
    tags: text("tags").notNull().default("[]"),
    includeKeywords: text("include_keywords").notNull().default(""),
    excludeKeywords: text("exclude_keywords").notNull().default(""),
    requiresApproval: integer("requires_approval", { mode: "boolean" }).notNull().default(false),
    // Fetch status.
    etag: text("etag"),
    lastModified: text("last_modified"),
    lastFetchedAt: integer("last_fetched_at", { mode: "timestamp_ms" }),
    lastSuccessAt: integer("last_success_at", { mode: "timestamp_ms" }),
    /** The last failure in plain words; cleared by the next success. */
    lastError: text("last_error"),
    lastErrorAt: integer("last_error_at", { mode: "timestamp_ms" }),
    /** What the last successful fetch did, in plain words ("12 new items; unsafe links removed from 2"). */
    lastNotice: text("last_notice"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    nextFetchAt: integer("next_fetch_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("news_sources_scope_url_unique").on(t.scopeKey, t.url),
    index("news_sources_due_idx").on(t.nextFetchAt),
    index("news_sources_scope_idx").on(t.scope, t.name),
    index("news_sources_seminar_idx").on(t.seminarId),
    index("news_sources_owner_idx").on(t.ownerId),
  ],
);

export const newsSourceTags = sqliteTable(
  "news_source_tags",
  {
    sourceId: integer("source_id")
      .notNull()
      .references(() => newsSources.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.tag] }), index("news_source_tags_tag_idx").on(t.tag, t.sourceId)],
);

/** The tags a seminar follows: network sources carrying any of them appear in its News section. */
export const newsSeminarTopics = sqliteTable(
  "news_seminar_topics",
  {
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [primaryKey({ columns: [t.seminarId, t.tag] })],
);

export const newsItems = sqliteTable(
  "news_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** De-duplication keys across sources (see app/models/news.server.ts for how they are normalised). */
    guidKey: text("guid_key"),
    linkKey: text("link_key"),
    titleKey: text("title_key").notNull(),
    guid: text("guid"),
    link: text("link"),
    title: text("title").notNull(),
    /** Plain text, short. */
    excerpt: text("excerpt").notNull().default(""),
    /** Sanitised by sanitizeForeignHtml at fetch time. */
    html: text("html").notNull().default(""),
    /** The feed's date, or when the portal first saw the item when the feed gives none. */
    publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
    firstSeenAt: integer("first_seen_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("news_items_guid_unique").on(t.guidKey),
    uniqueIndex("news_items_link_unique").on(t.linkKey),
    index("news_items_title_idx").on(t.titleKey, t.publishedAt),
    index("news_items_published_idx").on(t.publishedAt, t.id),
    index("news_items_seen_idx").on(t.firstSeenAt),
  ],
);

export const newsItemSources = sqliteTable(
  "news_item_sources",
  {
    itemId: integer("item_id")
      .notNull()
      .references(() => newsItems.id, { onDelete: "cascade" }),
    sourceId: integer("source_id")
      .notNull()
      .references(() => newsSources.id, { onDelete: "cascade" }),
    approval: text("approval", { enum: ["pending", "approved", "rejected"] }).notNull(),
    decidedById: integer("decided_by_id").references(() => users.id, { onDelete: "set null" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.sourceId] }),
    index("news_item_sources_source_idx").on(t.sourceId, t.approval, t.itemId),
  ],
);
