// Member blogs (issue #7): members register their own blog's feed, and this page gathers the posts of all of them,
// a legal bloggers' network inside the portal.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requireUser } from "~/auth/guards.server";
import { FormError } from "~/components/form";
import { MemberLink } from "~/components/member-link";
import { NewsFilters, NewsList, OlderLink, SourceFields, SourceStatus } from "~/components/news";
import { createSource, deleteSource, getMemberBlog, listMemberBlogs, updateSource } from "~/models/news.server";
import { listNewsItems } from "~/models/news-items.server";
import { memberNames } from "~/models/profile.server";
import { refreshSourceNow } from "~/services/news-refresh.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { olderHref, readListQuery, sourceStatus, toItemViews } from "../news._index/news-helpers.server";
import { MemberBlogSchema } from "../news._index/news-forms.server";
import { errorsOf, formErrorOf, replyWith, valuesOf } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Member blogs · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const q = readListQuery(request);
  const blogs = listMemberBlogs();
  const names = memberNames(blogs.map((b) => b.source.ownerId!));
  const ids = blogs.map((b) => b.source.id);
  const sourceId = q.sourceId && ids.includes(q.sourceId) ? q.sourceId : null;
  const page = listNewsItems({ sourceIds: sourceId ? [sourceId] : ids, cursor: q.cursor });
  const mine = getMemberBlog({ userId: user.id });
  return {
    items: toItemViews(page.items),
    older: olderHref(q.path, { source: sourceId }, page.nextCursor),
    blogs: blogs.map((b) => ({
      id: b.source.id,
      name: b.source.name,
      siteUrl: b.source.siteUrl,
      owner: names.get(b.source.ownerId!) ?? { id: 0, name: "Former member" },
    })),
    sourceId,
    mine: mine ? { url: mine.url, name: mine.name, status: sourceStatus(mine) } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: MemberBlogSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const mine = getMemberBlog({ userId: user.id });
  if (v.intent === "remove") {
    if (mine) deleteSource({ id: mine.id });
    return redirectWithFlash("/news/member-blogs", { kind: "success", message: "Your blog was removed from member blogs." });
  }
  if (v.intent === "refresh") {
    if (!mine) return data({ result: submission.reply({ formErrors: ["You have no blog listed to fetch."] }) }, { status: 400 });
    const r = await refreshSourceNow(mine.id);
    return redirectWithFlash("/news/member-blogs", r.ok
      ? { kind: "success", message: r.added ? `Fetched your blog: ${r.added} new post${r.added === 1 ? "" : "s"}.` : "Fetched your blog: no new posts." }
      : { kind: "error", message: `Your blog's feed could not be fetched: ${r.error}` });
  }
  const refuse = (errors: Record<string, string>) => data({ result: submission.reply(replyWith(errors)) }, { status: 400 });
  const input = { url: v.url, name: v.name };
  let sourceId: number;
  if (mine) {
    const r = updateSource(mine.id, { ...input, tags: [], includeKeywords: "", excludeKeywords: "", requiresApproval: mine.requiresApproval });
    if (!r.ok) return refuse(r.errors as Record<string, string>);
    sourceId = mine.id;
  } else {
    const r = createSource({ ...input, tags: [], includeKeywords: "", excludeKeywords: "", requiresApproval: false, scope: "member-blog", ownerId: user.id, addedById: user.id });
    if (!r.ok) return refuse(r.errors as Record<string, string>);
    sourceId = r.source.id;
  }
  const fetched = await refreshSourceNow(sourceId);
  return redirectWithFlash(
    "/news/member-blogs",
    fetched.ok
      ? { kind: "success", message: `Your blog is listed. ${fetched.added} post${fetched.added === 1 ? "" : "s"} fetched.` }
      : { kind: "error", message: `Your blog is saved, but its feed could not be fetched yet: ${fetched.error}` },
  );
}

export default function MemberBlogs() {
  const { items, older, blogs, sourceId, mine } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = errorsOf(result?.result);
  const sent = result?.result ? valuesOf(result.result) : null;
  return (
    <div className="stack news-page">
      <div className="page-head">
        <h1>Member blogs</h1>
        <p className="actions">
          <Link to="/news">Legal news</Link>
        </p>
      </div>
      <p className="muted">Posts from the blogs of the institute's members, newest first.</p>
      {blogs.length ? <NewsFilters sources={blogs} sourceId={sourceId} action="/news/member-blogs" /> : null}
      <section aria-labelledby="blog-posts-title">
        <h2 id="blog-posts-title" className="visually-hidden">
          Posts
        </h2>
        <NewsList
          items={items}
          emptyText={blogs.length ? "No posts have been fetched yet." : "No member has registered a blog yet. Be the first below."}
        />
        <OlderLink to={older} />
      </section>
      {blogs.length ? (
        <section aria-labelledby="bloggers-title">
          <h2 id="bloggers-title">The bloggers</h2>
          <ul className="news-bloggers">
            {blogs.map((b) => (
              <li key={b.id}>
                {b.siteUrl ? (
                  <a href={b.siteUrl} rel="nofollow noopener noreferrer">
                    {b.name}
                  </a>
                ) : (
                  b.name
                )}{" "}
                <span className="muted">
                  by <MemberLink member={b.owner} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="my-blog-title">
        <h2 id="my-blog-title">{mine ? "Your blog" : "Add your blog"}</h2>
        {mine ? <SourceStatus status={mine.status} /> : <p className="muted">Share your legal blog with the network: give its RSS or Atom feed address.</p>}
        <Form method="post" noValidate>
          <FormError message={formErrorOf(result?.result)} />
          <SourceFields
            simple
            values={sent ? { url: sent.url ?? "", name: sent.name ?? "" } : { url: mine?.url, name: mine?.name }}
            errors={errors}
          />
          <div className="actions">
            <button type="submit" name="intent" value="save" disabled={busy}>
              {mine ? "Save changes" : "Add my blog"}
            </button>
            {mine ? (
              <>
                <button type="submit" name="intent" value="refresh" className="button--secondary" disabled={busy}>
                  Fetch now
                </button>
                <button type="submit" name="intent" value="remove" className="button--danger" disabled={busy}>
                  Remove my blog
                </button>
              </>
            ) : null}
          </div>
        </Form>
      </section>
    </div>
  );
}
