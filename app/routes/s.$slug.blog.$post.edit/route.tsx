import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PostForm, postValues, withIntentError } from "~/components/post-form";
import { deletePost, postPath, tagsFor, updatePost } from "~/models/blog.server";
import { POST_BODY_MAX } from "~/utils/content-limits";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, replyWith, valuesOf } from "~/utils/forms";
import { requireBlogAccess, readPostForm, requireAuthor } from "../s.$slug.blog._index/blog-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Editing ${data.values.title} · Blog · Colloquy` : "Blog · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const a = await requireBlogAccess(request, params);
  const post = a.post!;
  requireAuthor(post, a.user.id);
  return {
    slug: a.seminar.slug,
    id: post.id,
    published: post.status === "published",
    values: { title: post.title, body: post.bodyMd, tags: (tagsFor([post.id]).get(post.id) ?? []).join(", ") },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const a = await requireBlogAccess(request, params);
  const post = a.post!;
  requireAuthor(post, a.user.id);
  const form = await request.formData();
  // Deleting has no fields: its button's intent is all there is.
  if (form.get("intent") === "delete") {
    deletePost({ postId: post.id });
    return redirectWithFlash(`/s/${a.seminar.slug}/blog`, { kind: "success", message: `Deleted “${post.title}”.` });
  }
  const f = readPostForm(form);
  if (f.kind === "invalid") return data({ result: f.submission.reply(), preview: undefined as string | undefined }, { status: 400 });
  if (f.kind === "preview") return data({ result: f.submission.reply(f.error ? { fieldErrors: { body: [f.error] } } : {}), preview: f.preview });
  // A published post stays published when its author saves changes.
  const publish = f.publish || post.status === "published";
  const r = updatePost({
    seminar: { id: a.seminar.id, slug: a.seminar.slug },
    post,
    actorId: a.user.id,
    input: { title: f.values.title, bodyMd: f.values.body, tags: f.values.tags, publish },
  });
  if (!r.ok) return data({ result: f.submission.reply(replyWith(r.errors)), preview: undefined }, { status: 400 });
  return redirectWithFlash(publish ? postPath(a.seminar.slug, post.id) : `/s/${a.seminar.slug}/blog`, {
    kind: "success",
    message: publish ? (post.status === "published" ? "Changes saved." : "Your post is published.") : "Draft saved.",
  });
}

export default function EditPost() {
  const d = useLoaderData<typeof loader>();
  const ad = useActionData<typeof action>();
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/s/${d.slug}/blog`}>Blog</Link> <span aria-hidden="true">›</span>{" "}
        {d.published ? <Link to={`/s/${d.slug}/blog/${d.id}`}>{d.values.title}</Link> : <span>Draft</span>}
      </nav>
      <h1>{d.published ? "Edit your post" : "Edit your draft"}</h1>
      <PostForm
        values={ad ? postValues(valuesOf(ad.result)) : d.values}
        errors={withIntentError(errorsOf(ad?.result))}
        preview={ad?.preview}
        published={d.published}
        cancelTo={d.published ? `/s/${d.slug}/blog/${d.id}` : `/s/${d.slug}/blog`}
        bodyMax={POST_BODY_MAX}
      />
      <details className="danger-zone">
        <summary>Delete this post</summary>
        <Form method="post">
          <p>The post and all its comments are deleted for good.</p>
          <button type="submit" name="intent" value="delete" className="button--danger">
            Delete the post
          </button>
        </Form>
      </details>
    </div>
  );
}
