import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { notFound } from "~/auth/guards.server";
import { CommentThread, type CommentFormState, type ThreadItem } from "~/components/comment-thread";
import { MemberLink } from "~/components/member-link";
import { RichText } from "~/components/rich-text";
import { When } from "~/components/when";
import { ModerationNotice } from "~/components/moderation-notice";
import { deletePost, postPath, setCommentsLocked, setPinned, tagsFor } from "~/models/blog.server";
import { addComment, editComment, getComment, listThread, removeComment, type ThreadComment } from "~/models/comment.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, type FormResult, valuesOf } from "~/utils/forms";
import { moderatedRefs, passesModeration } from "~/models/moderation-state.server";
import { nameOf } from "~/utils/names";
import { requireBlogAccess } from "../s.$slug.blog._index/blog-helpers.server";
import { names } from "../s.$slug.wiki._index/wiki-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.post.title} · Blog · Colloquy` : "Blog · Colloquy" }];

type Access = Awaited<ReturnType<typeof requireBlogAccess>>;

/** Why nobody can comment right now, or null when they can. */
function commentsClosed(a: Access): string | null {
  const post = a.post!;
  if (post.status !== "published") return "Comments open when the post is published.";
  if (post.commentsLocked) return "Comments on this post are closed.";
  if (a.seminar.discussionsReadOnly) return "Discussions in this seminar are read-only.";
  if (!a.role && !a.canManage) return "Only members of the seminar can comment.";
  return null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const a = await requireBlogAccess(request, params);
  const post = a.post!;
  const thread = listThread({ postId: post.id });
  const isPostAuthor = post.authorId === a.user.id;
  const closedReason = commentsClosed(a);
  // Issue #15: comments the moderators hid show only to their author (marked) and staff; to others, as removed.
  const moderated = moderatedRefs(thread.flatMap((c) => [c, ...c.replies]).map((c) => ({ kind: "comment", id: c.id })));
  const toItem = (c: ThreadComment): ThreadItem => {
    const m = moderated.get(`comment:${c.id}`);
    if (!passesModeration(a.user, m)) return { ...shownAs(c), authorId: null, bodyHtml: "", bodyMd: "", removed: true, moderated: m?.state ?? "hidden", canEdit: false, canRemove: false, hidden: false };
    return { ...shownAs(c), hidden: m?.state === "hidden", canReport: !c.removed && c.authorId !== a.user.id };
  };
  const shownAs = (c: ThreadComment): ThreadItem => ({
    id: c.id,
    authorId: c.authorId,
    bodyHtml: c.bodyHtml,
    bodyMd: c.authorId === a.user.id ? c.bodyMd : "",
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    removed: c.removed,
    canEdit: !c.removed && c.authorId === a.user.id && !closedReason,
    canRemove: !c.removed && (c.authorId === a.user.id || isPostAuthor || a.canManage),
    replies: c.replies.map(toItem),
  });
  const ids = [post.authorId, ...thread.flatMap((c) => [c.authorId, ...c.replies.map((r) => r.authorId)])];
  return {
    slug: a.seminar.slug,
    timeZone: a.seminar.timeZone,
    phase: a.phase,
    canManage: a.canManage,
    isAuthor: isPostAuthor,
    closedReason,
    post: {
      id: post.id,
      title: post.title,
      bodyHtml: post.bodyHtml,
      authorId: post.authorId,
      status: post.status,
      publishedAt: post.publishedAt?.toISOString() ?? null,
      editedAt: post.editedAt?.toISOString() ?? null,
      pinned: post.pinnedAt !== null,
      commentsLocked: post.commentsLocked,
      tags: tagsFor([post.id]).get(post.id) ?? [],
    },
    comments: thread.map(toItem),
    moderation: a.moderation ?? null,
    names: names(ids),
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("comment"), body: z.string().max(50_000, "The comment is far too long.").default(""), formKey: z.string().max(40).default("new") }),
  z.object({ intent: z.literal("reply"), body: z.string().max(50_000, "The reply is far too long.").default(""), formKey: z.string().max(40).default("new"), parentId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("edit-comment"), body: z.string().max(50_000, "The comment is far too long.").default(""), formKey: z.string().max(40).default("new"), commentId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("remove-comment"), commentId: z.coerce.number().int().positive() }),
  z.object({ intent: z.enum(["pin", "unpin", "lock", "unlock", "delete"]) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const a = await requireBlogAccess(request, params);
  const post = a.post!;
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  // The comment forms keep their text and show the message beside the form it belongs to (by its formKey).
  const formState = (error: string) => ({ result: submission.reply({ formErrors: [error] }) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const here = postPath(a.seminar.slug, post.id);
  const seminar = { id: a.seminar.id, slug: a.seminar.slug };
  const i = submission.value;
  const forbidden = () => {
    throw new Response("Forbidden", { status: 403 });
  };

  switch (i.intent) {
    case "comment":
    case "reply": {
      const closed = commentsClosed(a);
      if (closed) return data(formState(closed), { status: 403 });
      const r = addComment({ seminar, post, authorId: a.user.id, parentId: i.intent === "reply" ? i.parentId : null, bodyMd: i.body });
      if (!r.ok) return data(formState(r.error), { status: 400 });
      return redirectWithFlash(`${here}#comment-${r.comment.id}`, { kind: "success", message: i.intent === "reply" ? "Reply posted." : "Comment posted." });
    }
    case "edit-comment": {
      const c = getComment({ postId: post.id, commentId: i.commentId });
      if (!c || c.removedAt) notFound();
      if (c.authorId !== a.user.id) forbidden();
      // A locked or read-only discussion is frozen: its comments cannot be rewritten either.
      const closed = commentsClosed(a);
      if (closed) return data(formState(closed), { status: 403 });
      const r = editComment({ comment: c, post, bodyMd: i.body });
      if (!r.ok) return data(formState(r.error), { status: 400 });
      return redirectWithFlash(`${here}#comment-${c.id}`, { kind: "success", message: "Comment updated." });
    }
    case "remove-comment": {
      const c = getComment({ postId: post.id, commentId: i.commentId });
      if (!c || c.removedAt) notFound();
      if (c.authorId !== a.user.id && post.authorId !== a.user.id && !a.canManage) forbidden();
      removeComment({ comment: c, removedById: a.user.id });
      return redirectWithFlash(`${here}#comments-title`, { kind: "success", message: "Comment removed." });
    }
    case "pin":
    case "unpin":
      if (!a.canManage) forbidden();
      setPinned({ postId: post.id, pinned: i.intent === "pin" });
      return redirectWithFlash(here, { kind: "success", message: i.intent === "pin" ? "Post pinned to the top of the blog." : "Post unpinned." });
    case "lock":
    case "unlock":
      if (!a.canManage) forbidden();
      if (i.intent === "lock" && a.phase !== "alumni") {
        return redirectWithFlash(here, { kind: "error", message: "Comments can be locked once the seminar is over (alumni phase)." });
      }
      setCommentsLocked({ postId: post.id, locked: i.intent === "lock" });
      return redirectWithFlash(here, { kind: "success", message: i.intent === "lock" ? "Comments are now closed." : "Comments are open again." });
    case "delete":
      // Authors delete their own posts; instructors may take any post down.
      if (post.authorId !== a.user.id && !a.canManage) forbidden();
      deletePost({ postId: post.id });
      return redirectWithFlash(`/s/${a.seminar.slug}/blog`, { kind: "success", message: `Deleted “${post.title}”.` });
  }
}

/** The reply of a refused comment as the thread's form state: which form, its message and the text kept. */
function commentState(result: FormResult | undefined): CommentFormState | null {
  if (!result?.error) return null;
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const error = errors.form ?? errors.body ?? Object.values(errors).find(Boolean) ?? "";
  return { key: (values.formKey || "new").slice(0, 40), error, body: values.body ?? "" };
}

export default function PostView() {
  const d = useLoaderData<typeof loader>();
  const ad = useActionData<typeof action>();
  const p = d.post;
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/s/${d.slug}/blog`}>Blog</Link> <span aria-hidden="true">›</span> <span>{p.title}</span>
      </nav>
      <article className="stack post">
        <header>
          <h1>{p.title}</h1>
          <p className="muted">
            {p.status === "draft" ? <span className="badge">Draft — only you can see it</span> : null}
            {p.pinned ? <span className="badge">Pinned</span> : null} By <MemberLink member={nameOf(d.names, p.authorId)} />
            {p.publishedAt ? (
              <>
                {" "}
                · <When iso={p.publishedAt} timeZone={d.timeZone} />
              </>
            ) : null}
            {p.editedAt ? (
              <>
                {" "}
                · edited <When iso={p.editedAt} timeZone={d.timeZone} />
              </>
            ) : null}
          </p>
          {p.tags.length ? (
            <p className="tags">
              {p.tags.map((t) => (
                <Link key={t} className="tag" to={`/s/${d.slug}/blog?tag=${encodeURIComponent(t)}`}>
                  {t}
                </Link>
              ))}
            </p>
          ) : null}
        </header>
        {d.moderation === "hidden" ? (
          <ModerationNotice what="post" />
        ) : null}
        <RichText html={p.bodyHtml} />
        <div className="actions">
          {p.status === "published" ? <Link to={`/bookmarks/new?ref=post:${p.id}`}>Save as a bookmark</Link> : null}
          {!d.isAuthor && p.status === "published" ? (
            <Link className="muted" to={`/report?kind=post&id=${p.id}`}>
              Report this post
            </Link>
          ) : null}
          {d.isAuthor ? (
            <Link className="button button--secondary" to={`/s/${d.slug}/blog/${p.id}/edit`}>
              Edit post
            </Link>
          ) : null}
          {d.canManage && p.status === "published" ? (
            <Form method="post">
              <button type="submit" name="intent" value={p.pinned ? "unpin" : "pin"} className="button--secondary">
                {p.pinned ? "Unpin" : "Pin to top"}
              </button>
            </Form>
          ) : null}
          {d.canManage && p.status === "published" && (p.commentsLocked || d.phase === "alumni") ? (
            <Form method="post">
              <button type="submit" name="intent" value={p.commentsLocked ? "unlock" : "lock"} className="button--secondary">
                {p.commentsLocked ? "Reopen comments" : "Lock comments"}
              </button>
            </Form>
          ) : null}
          {d.canManage && !d.isAuthor ? (
            <details className="danger-zone">
              <summary>Take this post down</summary>
              <Form method="post">
                <p>The post and its comments are deleted for everyone.</p>
                <button type="submit" name="intent" value="delete" className="button--danger">
                  Delete the post
                </button>
              </Form>
            </details>
          ) : null}
        </div>
      </article>
      {p.status === "published" ? (
        <CommentThread
          comments={d.comments}
          names={d.names}
          timeZone={d.timeZone}
          canComment={d.closedReason === null}
          closedReason={d.closedReason}
          state={commentState(ad?.result)}
        />
      ) : null}
    </div>
  );
}
