// Member blogs (issue #7): members register their own blog's feed, and this page gathers the posts of all of them,
// a legal bloggers' network inside the portal.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { FormError } from "~/components/form";
import { MemberLink } from "~/components/member-link";
import { NewsFilters, NewsList, OlderLink, SourceFields, SourceStatus } from "~/components/news";
import { createSource, deleteSource, fieldErrors, getMemberBlog, listMemberBlogs, SourceInputSchema, updateSource } from "~/models/news.server";
import { listNewsItems } from "~/models/news-items.server";
import { memberNames } from "~/models/profile.server";
import { refreshSourceNow } from "~/services/news-refresh.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { olderHref, readListQuery, sourceFormValues, sourceStatus, toItemViews } from "./news-helpers.server";

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
  const form = await request.formData();
  const intent = form.get("intent");
  const mine = getMemberBlog({ userId: user.id });
  if (intent === "remove") {
    if (mine) deleteSource({ id: mine.id });
    return redirectWithFlash("/news/member-blogs", { kind: "success", message: "Your blog was removed from member blogs." });
  }
  if (intent === "refresh" && mine) {
    const r = await refreshSourceNow(mine.id);
    return redirectWithFlash("/news/member-blogs", r.ok
      ? { kind: "success", message: r.added ? `Fetched your blog: ${r.added} new post${r.added === 1 ? "" : "s"}.` : "Fetched your blog: no new posts." }
      : { kind: "error", message: `Your blog's feed could not be fetched: ${r.error}` });
  }
  const values = sourceFormValues(form);
  const parsed = SourceInputSchema.safeParse({ url: values.url, name: values.name });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  let sourceId: number;
  if (mine) {
    const r = updateSource(mine.id, { ...parsed.data, tags: [], includeKeywords: "", excludeKeywords: "", requiresApproval: mine.requiresApproval });
    if (!r.ok) return data({ errors: r.errors, values }, { status: 400 });
    sourceId = mine.id;
  } else {
    const r = createSource({ ...parsed.data, scope: "member-blog", ownerId: user.id, addedById: user.id });
    if (!r.ok) return data({ errors: r.errors, values }, { status: 400 });
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
  const errors: Partial<Record<string, string>> = result?.errors ?? {};
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
          <FormError message={errors.form} />
          <SourceFields
            simple
            values={result?.values ? { url: result.values.url, name: result.values.name } : { url: mine?.url, name: mine?.name }}
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
