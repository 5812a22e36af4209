// Comments on blog posts (issue #6): replies one level deep, edits marked, removal by the author or an instructor,
// and "someone replied to you" notices mailed at once or in a digest according to the member's "replies" choice.
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { blogPosts, comments, replyNotices, seminars, users } from "../../db/schema";
import { recordActivity } from "./activity.server";
import { db, prepared, writeTransaction } from "./db.server";
import { mailChoice } from "./preferences.server";
import { displayName } from "./profile.server";
import { indexDocument, removeDocument } from "./search.server";
import { postPath, renderUserMarkdown, type BlogPost } from "./blog.server";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { htmlToText } from "~/services/markdown.server";
import { env } from "~/utils/env.server";

import { COMMENT_MAX } from "~/utils/content-limits";
import { notifyMentions } from "./mentions.server";

export { COMMENT_MAX };
/** Comments shown per post (a discussion longer than this is not a comment thread any more). */
export const COMMENTS_LIMIT = 500;

export type Comment = typeof comments.$inferSelect;

export interface ThreadComment {
  id: number;
  parentId: number | null;
  authorId: number | null;
  bodyHtml: string;
  bodyMd: string;
  createdAt: Date;
  editedAt: Date | null;
  removed: boolean;
  replies: ThreadComment[];
}

/** Top-level comments oldest first, each with its replies; removed comments keep their place without text. */
export function listThread({ postId }: { postId: number }): ThreadComment[] {
  // Every post view: prepared once (issue #9).
  const rows = prepared("comment.listThread", (d) =>
    d
      .select()
      .from(comments)
      .where(eq(comments.postId, sql.placeholder("postId")))
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .limit(COMMENTS_LIMIT)
      .prepare(),
  ).all({ postId });
  const top: ThreadComment[] = [];
  const byId = new Map<number, ThreadComment>();
  for (const r of rows) {
    const c: ThreadComment = {
      id: r.id,
      parentId: r.parentId,
      authorId: r.removedAt ? null : r.authorId,
      bodyHtml: r.removedAt ? "" : r.bodyHtml,
      bodyMd: r.removedAt ? "" : r.bodyMd,
      createdAt: r.createdAt,
      editedAt: r.editedAt,
      removed: r.removedAt !== null,
      replies: [],
    };
    byId.set(r.id, c);
    if (r.parentId === null) top.push(c);
    else byId.get(r.parentId)?.replies.push(c);
  }
  // A removed comment with no live replies leaves no trace.
  return top.filter((c) => !c.removed || c.replies.some((r) => !r.removed)).map((c) => ({ ...c, replies: c.replies.filter((r) => !r.removed) }));
}

export function getComment({ postId, commentId }: { postId: number; commentId: number }): Comment | undefined {
  return db()
    .select()
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.postId, postId)))
    .get();
}

function validateBody(bodyMd: string): { ok: true; html: string } | { ok: false; error: string } {
  if (!bodyMd.trim()) return { ok: false, error: "Write a comment first." };
  if (bodyMd.length > COMMENT_MAX) {
    return {
      ok: false,
      error: `The comment is too long: ${bodyMd.length.toLocaleString("en-US")} characters, at most ${COMMENT_MAX.toLocaleString("en-US")}.`,
    };
  }
  return renderUserMarkdown(bodyMd);
}

function indexComment(c: Comment, post: BlogPost) {
  if (post.status !== "published" || c.removedAt) {
    removeDocument({ kind: "comment", id: c.id });
    return;
  }
  indexDocument({
    kind: "comment",
    id: c.id,
    seminarId: c.seminarId,
    title: `Comment on “${post.title}”`,
    body: htmlToText(c.bodyHtml, 20_000),
    path: `blog/${post.id}#comment-${c.id}`,
  });
}

function settingsLink(): string {
  return new URL("/profile/settings#mail-title", env().APP_URL).href;
}

/** Who is replied to: the post's author for a comment, the parent comment's author for a reply. */
function notifyReply(c: Comment, post: BlogPost, parent: Comment | undefined) {
  const recipientId = parent ? parent.authorId : post.authorId;
  if (!recipientId || recipientId === c.authorId) return;
  const recipient = db().select().from(users).where(eq(users.id, recipientId)).get();
  if (!recipient || recipient.status !== "active") return;
  const choice = mailChoice({ userId: recipientId, topic: "replies" });
  const mail = choice === "immediate" ? "sent" : choice === "daily" || choice === "weekly" ? "pending" : "none";
  db().insert(replyNotices).values({ userId: recipientId, commentId: c.id, seminarId: c.seminarId, mail }).onConflictDoNothing().run();
  if (choice !== "immediate") return;
  const actor = db().select({ name: users.name, status: users.status }).from(users).where(eq(users.id, c.authorId!)).get();
  const seminar = db().select({ slug: seminars.slug, title: seminars.title }).from(seminars).where(eq(seminars.id, c.seminarId)).get()!;
  const message = renderEmail("reply", {
    name: recipient.name,
    actor: actor ? displayName(actor) : "A member",
    what: parent ? "comment" : "post",
    post: post.title,
    seminar: seminar.title,
    excerpt: htmlToText(c.bodyHtml, 600),
    link: new URL(`${postPath(seminar.slug, post.id)}#comment-${c.id}`, env().APP_URL).href,
    settingsLink: settingsLink(),
  });
  enqueueMail(db(), { to: recipient.email, ...message, kind: "reply", unsubscribe: { userId: recipient.id, kind: "replies" } });
}

export type CommentResult = { ok: true; comment: Comment } | { ok: false; error: string };

export function addComment({
  seminar,
  post,
  authorId,
  parentId,
  bodyMd,
}: {
  seminar: { id: number; slug: string };
  post: BlogPost;
  authorId: number;
  parentId: number | null;
  bodyMd: string;
}): CommentResult {
  const v = validateBody(bodyMd);
  if (!v.ok) return v;
  return writeTransaction(() => {
    let parent: Comment | undefined;
    if (parentId !== null) {
      parent = getComment({ postId: post.id, commentId: parentId });
      if (!parent || parent.removedAt) return { ok: false as const, error: "The comment you replied to was removed." };
      // Replies are one level deep: answering a reply joins its thread.
      if (parent.parentId !== null) parent = getComment({ postId: post.id, commentId: parent.parentId }) ?? parent;
    }
    const c = db()
      .insert(comments)
      .values({
        postId: post.id,
        seminarId: seminar.id,
        parentId: parent ? parent.id : null,
        authorId,
        bodyMd,
        bodyHtml: v.html,
      })
      .returning()
      .get();
    indexComment(c, post);
    recordActivity(db(), {
      seminarId: seminar.id,
      actorId: authorId,
      kind: "comment",
      summary: `${parent ? "Replied to a comment" : "Commented"} on “${post.title}”`,
      href: `${postPath(seminar.slug, post.id)}#comment-${c.id}`,
    });
    // A reply notifies the person answered (the one whose comment was replied to, even inside a thread).
    const answered = parentId !== null ? getComment({ postId: post.id, commentId: parentId }) : undefined;
    notifyReply(c, post, answered);
    notifyMentions(db(), { ref: { kind: "comment", id: c.id }, seminarId: seminar.id, actorId: authorId, markdown: bodyMd });
    return { ok: true as const, comment: c };
  });
}

export function editComment({ comment, post, bodyMd }: { comment: Comment; post: BlogPost; bodyMd: string }): CommentResult {
  const v = validateBody(bodyMd);
  if (!v.ok) return v;
  if (bodyMd === comment.bodyMd) return { ok: true, comment };
  return writeTransaction(() => {
    const c = db()
      .update(comments)
      .set({ bodyMd, bodyHtml: v.html, editedAt: new Date() })
      .where(eq(comments.id, comment.id))
      .returning()
      .get();
    indexComment(c, post);
    if (c.authorId) notifyMentions(db(), { ref: { kind: "comment", id: c.id }, seminarId: c.seminarId, actorId: c.authorId, markdown: bodyMd, previous: comment.bodyMd });
    return { ok: true as const, comment: c };
  });
}

/** Removes a comment's text (its place in the thread stays while it has replies). */
export function removeComment({ comment, removedById }: { comment: Comment; removedById: number }) {
  writeTransaction(() => {
    db()
      .update(comments)
      .set({ removedAt: new Date(), removedById, bodyMd: "", bodyHtml: "" })
      .where(eq(comments.id, comment.id))
      .run();
    removeDocument({ kind: "comment", id: comment.id });
    // Nobody should be mailed about a comment that is gone.
    db()
      .update(replyNotices)
      .set({ mail: "none" })
      .where(and(eq(replyNotices.commentId, comment.id), eq(replyNotices.mail, "pending")))
      .run();
  });
}

// --- digests -------------------------------------------------------------------------------------------------

// Daily and weekly reply notices ("pending") go out in the member's one digest (issue #15, app/services/digest-tasks.server.ts).
