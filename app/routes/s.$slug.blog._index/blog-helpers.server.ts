// Shared by the blog routes: the seminar wall and the post lookup (another seminar's post, or someone else's draft,
// is a 404), checked per request.
import { notFound, requireSeminarRole } from "~/auth/guards.server";
import { getVisiblePost } from "~/models/blog.server";
import { moderatedRefs, passesModeration } from "~/models/moderation-state.server";

export async function requireBlogAccess(request: Request, params: { slug?: string; post?: string }) {
  const access = await requireSeminarRole(request, params.slug);
  if (params.post === undefined) return { ...access, post: undefined, moderation: null };
  const m = /^(\d{1,12})$/.exec(params.post);
  if (!m) notFound();
  const post = getVisiblePost({ seminarId: access.seminar.id, postId: Number(m[1]), viewerId: access.user.id });
  if (!post) notFound();
  // Issue #15: a post the moderators hid is for its author (told so) and staff only; a removed one for nobody.
  const moderation = moderatedRefs([{ kind: "post", id: post.id }]).get(`post:${post.id}`);
  if (!passesModeration(access.user, moderation)) notFound();
  return { ...access, post, moderation: moderation?.state ?? null };
}

/** Only the author edits a post; anyone else gets 403 (they can see it exists). */
export function requireAuthor(post: { authorId: number | null }, userId: number) {
  if (post.authorId !== userId) {
    throw new Response("Forbidden", { status: 403, statusText: "Only the author can edit this post." });
  }
}

/** May this member write posts? Members and instructors may; staff who only visit may not. */
export function requireWriter(access: { role: string | null; canManage: boolean; seminar: { discussionsReadOnly: boolean } }) {
  if (!access.role && !access.canManage) throw new Response("Forbidden", { status: 403 });
  if (access.seminar.discussionsReadOnly) {
    throw new Response("Forbidden", { status: 403, statusText: "Discussions in this seminar are read-only." });
  }
}

import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { POST_BODY_MAX, renderUserMarkdown } from "~/models/blog.server";

const PostFormSchema = z.object({
  intent: z.enum(["preview", "draft", "publish"]),
  title: z.string().max(2000).default(""),
  body: z.string().max(POST_BODY_MAX * 4, "The post is far too long to save.").default(""),
  tags: z.string().max(2000).default(""),
});

/**
 * Reads the post editor (the one form pattern: the caller answers with `submission.reply(...)`). Preview renders
 * without saving; the reply always carries the text back to keep the form filled.
 */
export function readPostForm(formData: FormData) {
  const submission = parseWithZod(formData, { schema: PostFormSchema });
  if (submission.status !== "success") return { kind: "invalid" as const, submission };
  const { intent, title, body, tags } = submission.value;
  const values = { title, body, tags };
  if (intent === "preview") {
    const r = renderUserMarkdown(body);
    return { kind: "preview" as const, submission, values, preview: r.ok ? r.html : undefined, error: r.ok ? undefined : r.error };
  }
  return { kind: "save" as const, submission, values, publish: intent === "publish" };
}
