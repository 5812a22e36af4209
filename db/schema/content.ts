// Issue #6: wiki pages and revisions, blog posts and tags, comments, feed tokens, full-text search documents.
// The FTS5 index itself (a virtual table drizzle cannot declare) and its triggers live in db/migrations-extra/.

import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { seminars, users } from "./core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

/** The current state of a wiki page; every save also writes a revision (the history). */
export const wikiPages = sqliteTable(
  "wiki_pages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    /** Readable address: lower-case words joined by hyphens, derived from the title. */
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    bodyMd: text("body_md").notNull().default(""),
    bodyHtml: text("body_html").notNull().default(""),
    /** Number of the latest revision; a save names the revision it started from, so a stale save is a conflict. */
    revision: integer("revision").notNull().default(1),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    updatedById: integer("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("wiki_pages_seminar_slug_unique").on(t.seminarId, t.slug),
    index("wiki_pages_seminar_title_idx").on(t.seminarId, t.title),
    index("wiki_pages_seminar_updated_idx").on(t.seminarId, t.updatedAt),
  ],
);

export const wikiRevisions = sqliteTable(
  "wiki_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    pageId: integer("page_id")
      .notNull()
      .references(() => wikiPages.id, { onDelete: "cascade" }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    bodyMd: text("body_md").notNull(),
    /** Rendered once at save time; views never re-render. */
    bodyHtml: text("body_html").notNull(),
    note: text("note").notNull().default(""),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    /** Set when this revision restored an older one. */
    restoredFrom: integer("restored_from"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("wiki_revisions_page_number_unique").on(t.pageId, t.number),
    index("wiki_revisions_seminar_created_idx").on(t.seminarId, t.createdAt),
  ],
);

export const blogPosts = sqliteTable(
  "blog_posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    bodyMd: text("body_md").notNull(),
    bodyHtml: text("body_html").notNull(),
    status: text("status", { enum: ["draft", "published"] }).notNull().default("draft"),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    /** Set when edited after publication ("edited" marker). */
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    pinnedAt: integer("pinned_at", { mode: "timestamp_ms" }),
    commentsLocked: integer("comments_locked", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("blog_posts_seminar_list_idx").on(t.seminarId, t.status, t.publishedAt),
    index("blog_posts_author_idx").on(t.authorId, t.status),
  ],
);

export const blogPostTags = sqliteTable(
  "blog_post_tags",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => blogPosts.id, { onDelete: "cascade" }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.tag] }), index("blog_post_tags_seminar_tag_idx").on(t.seminarId, t.tag)],
);

export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => blogPosts.id, { onDelete: "cascade" }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    /** Replies are one level deep: a reply's parent is always a top-level comment. */
    parentId: integer("parent_id").references((): AnySQLiteColumn => comments.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    bodyMd: text("body_md").notNull(),
    bodyHtml: text("body_html").notNull(),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    /** Removed comments keep their place in a thread ("comment removed") but lose their text. */
    removedAt: integer("removed_at", { mode: "timestamp_ms" }),
    removedById: integer("removed_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("comments_post_idx").on(t.postId, t.createdAt),
    index("comments_parent_idx").on(t.parentId),
    index("comments_seminar_created_idx").on(t.seminarId, t.createdAt),
  ],
);

/** Personal secret feed URLs (one per member and seminar); only the SHA-256 of the token is stored. */
export const feedTokens = sqliteTable(
  "feed_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Null: the member's network address (the library only), for members of no seminar too.
    seminarId: integer("seminar_id").references(() => seminars.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("feed_tokens_hash_unique").on(t.tokenHash),
    index("feed_tokens_user_seminar_idx").on(t.userId, t.seminarId),
  ],
);

/**
 * One row per searchable thing (wiki page, post, comment, material); its id is the rowid of the FTS5 row in
 * `search_fts`. `audience` decides which members may find it ("instructors": only those who manage the seminar).
 */
export const searchDocuments = sqliteTable(
  "search_documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", {
      enum: ["wiki", "post", "comment", "material", "question", "answer", "job", "referral", "document", "bookmark"],
    }).notNull(),
    refId: integer("ref_id").notNull(),
    /** Null for what belongs to no seminar: network questions, jobs and referrals, library documents, bookmarks. */
    seminarId: integer("seminar_id").references(() => seminars.id, { onDelete: "cascade" }),
    /** Issue #20: a private bookmark's owner, the only member who may find it. */
    ownerId: integer("owner_id").references(() => users.id, { onDelete: "cascade" }),
    audience: text("audience", { enum: ["members", "instructors"] }).notNull().default("members"),
    title: text("title").notNull(),
    /** Address inside the seminar's micro-site, e.g. "wiki/breach-response" (joined to /s/<slug>/). */
    path: text("path").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("search_documents_ref_unique").on(t.kind, t.refId), index("search_documents_seminar_idx").on(t.seminarId)],
);

/**
 * "Someone replied to you": one row per notified member and comment. Mailed at once, or collected into a daily or
 * weekly digest according to the member's "replies" mail choice (pending until the digest goes out).
 */
export const replyNotices = sqliteTable(
  "reply_notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    mail: text("mail", { enum: ["pending", "sent", "none"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("reply_notices_unique").on(t.userId, t.commentId),
    index("reply_notices_mail_idx").on(t.mail, t.userId, t.createdAt),
  ],
);
