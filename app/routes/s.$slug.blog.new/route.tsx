import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PostForm, postValues, withIntentError } from "~/components/post-form";
import { createPost, postPath } from "~/models/blog.server";
import { POST_BODY_MAX } from "~/utils/content-limits";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, replyWith, valuesOf } from "~/utils/forms";
import { requireBlogAccess, readPostForm, requireWriter } from "../s.$slug.blog._index/blog-helpers.server";

export const meta: MetaFunction = () => [{ title: "New post · Blog · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const a = await requireBlogAccess(request, params);
  requireWriter(a);
  return { slug: a.seminar.slug };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const a = await requireBlogAccess(request, params);
  requireWriter(a);
  const f = readPostForm(await request.formData());
  if (f.kind === "invalid") return data({ result: f.submission.reply(), preview: undefined as string | undefined }, { status: 400 });
  if (f.kind === "preview") return data({ result: f.submission.reply(f.error ? { fieldErrors: { body: [f.error] } } : {}), preview: f.preview });
  const r = createPost({
    seminar: { id: a.seminar.id, slug: a.seminar.slug },
    authorId: a.user.id,
    input: { title: f.values.title, bodyMd: f.values.body, tags: f.values.tags, publish: f.publish },
  });
  if (!r.ok) return data({ result: f.submission.reply(replyWith(r.errors)), preview: undefined }, { status: 400 });
  return redirectWithFlash(f.publish ? postPath(a.seminar.slug, r.post.id) : `/s/${a.seminar.slug}/blog`, {
    kind: "success",
    message: f.publish ? "Your post is published." : "Draft saved. Only you can see it until you publish it.",
  });
}

export default function NewPost() {
  const d = useLoaderData<typeof loader>();
  const ad = useActionData<typeof action>();
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/s/${d.slug}/blog`}>Blog</Link> <span aria-hidden="true">›</span> <span>New post</span>
      </nav>
      <h1>Write a post</h1>
      <PostForm
        values={postValues(valuesOf(ad?.result))}
        errors={withIntentError(errorsOf(ad?.result))}
        preview={ad?.preview}
        published={false}
        cancelTo={`/s/${d.slug}/blog`}
        bodyMax={POST_BODY_MAX}
      />
    </div>
  );
}
