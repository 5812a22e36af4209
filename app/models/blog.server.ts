// Seminar blogs (issue #6): posts with drafts, tags, pinning and comment locks. Rendered HTML is stored on write.
import { and, desc, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import { blogPostTags, blogPosts, comments } from "../../db/schema";
import { recordActivity } from "./activity.server";
import { db, inIdList, prepared, writeTransaction } from "./db.server";
import { indexDocument, removeDocument, removeDocuments } from "./search.server";
import { htmlToText, tryRenderMarkdown } from "~/services/markdown.server";
import { env } from "~/utils/env.server";

import { POST_BODY_MAX, POST_TITLE_MAX } from "~/utils/content-limits";
import { notifyMentions } from "./mentions.server";

export { POST_BODY_MAX, POST_TITLE_MAX };
export const MAX_TAGS = 8;
export const POSTS_PAGE = 20;

export type BlogPost = typeof blogPosts.$inferSelect;

export function postPath(seminarSlug: string, postId: number): string {
  return `/s/${seminarSlug}/blog/${postId}`;
}

/** "Data Breach, GDPR , data breach" → ["data breach", "gdpr"]: lower-case, trimmed, unique, bounded. */
export function parseTags(raw: string): { ok: true; tags: string[] } | { ok: false; error: string } {
  const tags = [
    ...new Set(
      raw
        .split(",")
        .map((t) => t.replace(/\s+/g, " ").trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (tags.length > MAX_TAGS) return { ok: false, error: `Use at most ${MAX_TAGS} tags.` };
  const bad = tags.find((t) => t.length > 40 || !/^[\p{L}\p{N}][\p{L}\p{N} .&+#'-]*$/u.test(t));
  if (bad) return { ok: false, error: `“${bad.slice(0, 40)}” is not a usable tag: letters, digits and spaces, up to 40 characters.` };
  return { ok: true, tags };
}

export function renderUserMarkdown(md: string) {
  return tryRenderMarkdown(md, { siteOrigin: new URL(env().APP_URL).origin });
}

export interface PostInput {
  title: string;
  bodyMd: string;
  tags: string;
  publish: boolean;
}

export type PostFieldErrors = Partial<Record<"title" | "body" | "tags", string>>;

function validatePost(input: PostInput): { ok: true; title: string; html: string; tags: string[] } | { ok: false; errors: PostFieldErrors } {
  const errors: PostFieldErrors = {};
  const title = input.title.replace(/\s+/g, " ").trim();
  if (!title) errors.title = "Give the post a title.";
  else if (title.length > POST_TITLE_MAX) errors.title = `Keep the title under ${POST_TITLE_MAX} characters.`;
  let html = "";
  if (!input.bodyMd.trim()) errors.body = "Write something before saving.";
  else if (input.bodyMd.length > POST_BODY_MAX) {
    errors.body = `The post is too long: ${input.bodyMd.length.toLocaleString("en-US")} characters, at most ${POST_BODY_MAX.toLocaleString("en-US")}.`;
  } else {
    const r = renderUserMarkdown(input.bodyMd);
    if (r.ok) html = r.html;
    else errors.body = r.error;
  }
  const tags = parseTags(input.tags);
  if (!tags.ok) errors.tags = tags.error;
  if (Object.keys(errors).length || !tags.ok) return { ok: false, errors };
  return { ok: true, title, html, tags: tags.tags };
}

function indexPost(post: BlogPost) {
  if (post.status !== "published") {
    removeDocument({ kind: "post", id: post.id });
    return;
  }
  indexDocument({
    kind: "post",
    id: post.id,
    seminarId: post.seminarId,
    title: post.title,
    body: htmlToText(post.bodyHtml, 100_000),
    path: `blog/${post.id}`,
  });
}

/** Comments are findable only while their post is published. */
function reindexComments(post: BlogPost) {
  const rows = db()
    .select({ id: comments.id, bodyHtml: comments.bodyHtml, removedAt: comments.removedAt })
    .from(comments)
    .where(eq(comments.postId, post.id))
    .all();
  if (post.status !== "published") {
    removeDocuments({ kind: "comment", ids: rows.map((r) => r.id) });
    return;
  }
  for (const c of rows) {
    if (c.removedAt) continue;
    indexDocument({
      kind: "comment",
      id: c.id,
      seminarId: post.seminarId,
      title: `Comment on “${post.title}”`,
      body: htmlToText(c.bodyHtml, 20_000),
      path: `blog/${post.id}#comment-${c.id}`,
    });
  }
}

function setTags(postId: number, seminarId: number, tags: string[]) {
  db().delete(blogPostTags).where(eq(blogPostTags.postId, postId)).run();
  if (tags.length) db().insert(blogPostTags).values(tags.map((tag) => ({ postId, seminarId, tag }))).run();
}

export function createPost({
  seminar,
  authorId,
  input,
}: {
  seminar: { id: number; slug: string };
  authorId: number;
  input: PostInput;
}): { ok: true; post: BlogPost } | { ok: false; errors: PostFieldErrors } {
  const v = validatePost(input);
  if (!v.ok) return v;
  return writeTransaction(() => {
    const now = new Date();
    const post = db()
      .insert(blogPosts)
      .values({
        seminarId: seminar.id,
        authorId,
        title: v.title,
        bodyMd: input.bodyMd,
        bodyHtml: v.html,
        status: input.publish ? "published" : "draft",
        publishedAt: input.publish ? now : null,
        updatedAt: now,
      })
      .returning()
      .get();
    setTags(post.id, seminar.id, v.tags);
    indexPost(post);
    if (input.publish) announce(post, seminar.slug, authorId);
    // Issue #15: people mentioned in a published post hear of it (a draft is the author's alone).
    if (input.publish) notifyMentions(db(), { ref: { kind: "post", id: post.id }, seminarId: seminar.id, actorId: authorId, markdown: input.bodyMd });
    return { ok: true as const, post };
  });
}

function announce(post: BlogPost, seminarSlug: string, actorId: number) {
  recordActivity(db(), {
    seminarId: post.seminarId,
    actorId,
    kind: "post",
    summary: `New blog post “${post.title}”`,
    href: postPath(seminarSlug, post.id),
  });
}

/** Edits a post. Only its author may (callers check); editing a published post marks it as edited. */
export function updatePost({
  seminar,
  post,
  actorId,
  input,
}: {
  seminar: { id: number; slug: string };
  post: BlogPost;
  actorId: number;
  input: PostInput;
}): { ok: true; post: BlogPost } | { ok: false; errors: PostFieldErrors } {
  const v = validatePost(input);
  if (!v.ok) return v;
  return writeTransaction(() => {
    const now = new Date();
    const publishNow = input.publish && post.status === "draft";
    const contentChanged = post.title !== v.title || post.bodyMd !== input.bodyMd;
    const updated = db()
      .update(blogPosts)
      .set({
        title: v.title,
        bodyMd: input.bodyMd,
        bodyHtml: v.html,
        status: input.publish ? "published" : "draft",
        publishedAt: input.publish ? (post.publishedAt ?? now) : post.publishedAt,
        editedAt: post.status === "published" && input.publish && contentChanged ? now : post.editedAt,
        updatedAt: now,
      })
      .where(eq(blogPosts.id, post.id))
      .returning()
      .get();
    setTags(post.id, seminar.id, v.tags);
    indexPost(updated);
    if (post.status !== updated.status) reindexComments(updated);
    if (publishNow && !post.publishedAt) announce(updated, seminar.slug, actorId);
    if (updated.status === "published") {
      // Only people newly mentioned (or all of them when the post is published now).
      const previous = post.status === "published" ? post.bodyMd : "";
      notifyMentions(db(), { ref: { kind: "post", id: post.id }, seminarId: seminar.id, actorId, markdown: input.bodyMd, previous });
    }
    return { ok: true as const, post: updated };
  });
}

export function deletePost({ postId }: { postId: number }) {
  // Comments, tags, notices and index entries go with it (cascades and triggers).
  writeTransaction(() => db().delete(blogPosts).where(eq(blogPosts.id, postId)).run());
}

export function setPinned({ postId, pinned }: { postId: number; pinned: boolean }) {
  db().update(blogPosts).set({ pinnedAt: pinned ? new Date() : null }).where(eq(blogPosts.id, postId)).run();
}

export function setCommentsLocked({ postId, locked }: { postId: number; locked: boolean }) {
  db().update(blogPosts).set({ commentsLocked: locked }).where(eq(blogPosts.id, postId)).run();
}

/** A post of this seminar the viewer may see (published, or their own draft); undefined otherwise. */
export function getVisiblePost({ seminarId, postId, viewerId }: { seminarId: number; postId: number; viewerId: number }) {
  // Every post view: prepared once (issue #9).
  const post = prepared("blog.getVisiblePost", (d) =>
    d
      .select()
      .from(blogPosts)
      .where(and(eq(blogPosts.id, sql.placeholder("postId")), eq(blogPosts.seminarId, sql.placeholder("seminarId"))))
      .prepare(),
  ).get({ postId, seminarId });
  if (!post) return undefined;
  if (post.status !== "published" && post.authorId !== viewerId) return undefined;
  return post;
}

export function tagsFor(postIds: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (!postIds.length) return out;
  const rows = prepared("blog.tagsFor", (d) =>
    d
      .select()
      .from(blogPostTags)
      .where(inIdList(blogPostTags.postId))
      .prepare(),
  ).all({ ids: JSON.stringify(postIds) });
  for (const r of rows) out.set(r.postId, [...(out.get(r.postId) ?? []), r.tag].sort());
  return out;
}

export function commentCounts(postIds: number[]): Map<number, number> {
  if (!postIds.length) return new Map();
  const rows = db()
    .select({ postId: comments.postId, n: sql<number>`count(*)` })
    .from(comments)
    .where(and(inArray(comments.postId, postIds), sql`${comments.removedAt} is null`))
    .groupBy(comments.postId)
    .all();
  return new Map(rows.map((r) => [r.postId, r.n]));
}

/**
 * Published posts, newest first, POSTS_PAGE at a time. Pinned posts come first on the first page.
 * `before` is the keyset cursor "<publishedAtMs>.<id>".
 */
export function listPublishedPosts({ seminarId, tag, before }: { seminarId: number; tag?: string; before?: string }) {
  const cursor = before && /^\d+\.\d+$/.test(before) ? before.split(".").map(Number) : null;
  const tagFilter = tag
    ? inArray(
        blogPosts.id,
        db()
          .select({ id: blogPostTags.postId })
          .from(blogPostTags)
          .where(and(eq(blogPostTags.seminarId, seminarId), eq(blogPostTags.tag, tag))),
      )
    : undefined;
  const base = and(eq(blogPosts.seminarId, seminarId), eq(blogPosts.status, "published"), tagFilter);
  const pinned = cursor
    ? []
    : db().select().from(blogPosts).where(and(base, isNotNull(blogPosts.pinnedAt))).orderBy(desc(blogPosts.pinnedAt)).limit(10).all();
  const rest = db()
    .select()
    .from(blogPosts)
    .where(
      and(
        base,
        sql`${blogPosts.pinnedAt} is null`,
        cursor
          ? or(
              lt(blogPosts.publishedAt, new Date(cursor[0]!)),
              and(eq(blogPosts.publishedAt, new Date(cursor[0]!)), lt(blogPosts.id, cursor[1]!)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(blogPosts.publishedAt), desc(blogPosts.id))
    .limit(POSTS_PAGE + 1)
    .all();
  const page = rest.slice(0, POSTS_PAGE);
  const last = page[page.length - 1];
  const next = rest.length > POSTS_PAGE && last ? `${last.publishedAt!.getTime()}.${last.id}` : null;
  // Pinned posts are listed once, above the first page.
  return { pinned, posts: page, next };
}

export function listDrafts({ seminarId, authorId }: { seminarId: number; authorId: number }) {
  return db()
    .select({ id: blogPosts.id, title: blogPosts.title, updatedAt: blogPosts.updatedAt })
    .from(blogPosts)
    .where(and(eq(blogPosts.seminarId, seminarId), eq(blogPosts.authorId, authorId), eq(blogPosts.status, "draft")))
    .orderBy(desc(blogPosts.updatedAt))
    .limit(50)
    .all();
}

/** The tags in use on published posts, most used first. */
export function listTags({ seminarId }: { seminarId: number }) {
  return db()
    .select({ tag: blogPostTags.tag, n: sql<number>`count(*)` })
    .from(blogPostTags)
    .innerJoin(blogPosts, eq(blogPosts.id, blogPostTags.postId))
    .where(and(eq(blogPostTags.seminarId, seminarId), eq(blogPosts.status, "published")))
    .groupBy(blogPostTags.tag)
    .orderBy(desc(sql`count(*)`), blogPostTags.tag)
    .limit(40)
    .all();
}

/** Titles of the newest published posts, for the seminar home (prepared once: it is on every home, issue #9). */
export function latestPostTitles({ seminarId, limit = 3 }: { seminarId: number; limit?: number }): { id: number; title: string }[] {
  return prepared("blog.latestPostTitles", (d) =>
    d
      .select({ id: blogPosts.id, title: blogPosts.title })
      .from(blogPosts)
      .where(and(eq(blogPosts.seminarId, sql.placeholder("seminarId")), eq(blogPosts.status, "published")))
      .orderBy(desc(blogPosts.publishedAt), desc(blogPosts.id))
      .limit(sql.placeholder("limit"))
      .prepare(),
  ).all({ seminarId, limit });
}

/** Newest published posts for the feed. */
export function listFeedPosts({ seminarId, limit = 30 }: { seminarId: number; limit?: number }) {
  return db()
    .select()
    .from(blogPosts)
    .where(and(eq(blogPosts.seminarId, seminarId), eq(blogPosts.status, "published")))
    .orderBy(desc(blogPosts.publishedAt), desc(blogPosts.id))
    .limit(limit)
    .all();
}
