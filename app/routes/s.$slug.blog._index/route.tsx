import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MemberLink } from "~/components/member-link";
import { When } from "~/components/when";
import { commentCounts, listDrafts, listPublishedPosts, listTags, tagsFor, type BlogPost } from "~/models/blog.server";
import { htmlToText } from "~/services/markdown.server";
import { nameOf } from "~/utils/names";
import { requireBlogAccess } from "./blog-helpers.server";
import { names } from "../s.$slug.wiki._index/wiki-helpers.server";

export const meta: MetaFunction = () => [{ title: "Blog · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const a = await requireBlogAccess(request, params);
  const sp = new URL(request.url).searchParams;
  const tag = sp.get("tag")?.trim().toLowerCase().slice(0, 40) || undefined;
  const { pinned, posts, next } = listPublishedPosts({ seminarId: a.seminar.id, tag, before: sp.get("before") ?? undefined });
  const all = [...pinned, ...posts];
  const tags = tagsFor(all.map((p) => p.id));
  const counts = commentCounts(all.map((p) => p.id));
  const card = (p: BlogPost) => ({
    id: p.id,
    title: p.title,
    excerpt: htmlToText(p.bodyHtml, 280),
    authorId: p.authorId,
    publishedAt: (p.publishedAt ?? p.createdAt).toISOString(),
    edited: p.editedAt !== null,
    pinned: p.pinnedAt !== null,
    tags: tags.get(p.id) ?? [],
    comments: counts.get(p.id) ?? 0,
  });
  return {
    slug: a.seminar.slug,
    timeZone: a.seminar.timeZone,
    canWrite: (a.role !== null || a.canManage) && !a.seminar.discussionsReadOnly,
    readOnly: a.seminar.discussionsReadOnly,
    tag: tag ?? null,
    posts: all.map(card),
    next,
    drafts: listDrafts({ seminarId: a.seminar.id, authorId: a.user.id }).map((d) => ({ id: d.id, title: d.title, updatedAt: d.updatedAt.toISOString() })),
    tagCloud: listTags({ seminarId: a.seminar.id }),
    names: names(all.map((p) => p.authorId)),
  };
}

export default function BlogIndex() {
  const d = useLoaderData<typeof loader>();
  const base = `/s/${d.slug}/blog`;
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{d.tag ? `Blog posts tagged “${d.tag}”` : "Blog"}</h1>
        <div className="actions">
          {d.canWrite ? (
            <Link className="button" to={`${base}/new`}>
              Write a post
            </Link>
          ) : null}
          <Link to={`/s/${d.slug}/feeds`}>Feed</Link>
        </div>
      </div>
      {d.readOnly ? <p className="flash">Discussions in this seminar are read-only: posts and comments stay readable.</p> : null}
      {d.drafts.length ? (
        <section aria-labelledby="drafts-title" className="card">
          <h2 id="drafts-title">Your drafts</h2>
          <ul className="link-list">
            {d.drafts.map((p) => (
              <li key={p.id}>
                <Link to={`${base}/${p.id}/edit`}>{p.title}</Link>{" "}
                <span className="muted">
                  · saved <When iso={p.updatedAt} timeZone={d.timeZone} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.tagCloud.length ? (
        <nav aria-label="Tags" className="tag-list">
          <ul>
            {d.tag ? (
              <li>
                <Link to={base}>All posts</Link>
              </li>
            ) : null}
            {d.tagCloud.map((t) => (
              <li key={t.tag}>
                <Link className="tag" to={`${base}?tag=${encodeURIComponent(t.tag)}`} aria-current={t.tag === d.tag ? "page" : undefined}>
                  {t.tag} <span className="muted">({t.n})</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {d.posts.length ? (
        <ol className="post-list">
          {d.posts.map((p) => (
            <li key={p.id}>
              <article className="card post-card">
                <h2>
                  <Link to={`${base}/${p.id}`}>{p.title}</Link>
                </h2>
                <p className="muted">
                  {p.pinned ? <span className="badge">Pinned</span> : null} <MemberLink member={nameOf(d.names, p.authorId)} /> ·{" "}
                  <When iso={p.publishedAt} timeZone={d.timeZone} />
                  {p.edited ? " · edited" : ""} · {p.comments} {p.comments === 1 ? "comment" : "comments"}
                </p>
                <p>{p.excerpt}</p>
                {p.tags.length ? (
                  <p className="tags">
                    {p.tags.map((t) => (
                      <Link key={t} className="tag" to={`${base}?tag=${encodeURIComponent(t)}`}>
                        {t}
                      </Link>
                    ))}
                  </p>
                ) : null}
              </article>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{d.tag ? "No published posts have this tag." : "No posts yet. Instructors and attendees can start the conversation."}</p>
      )}
      {d.next ? (
        <p>
          <Link to={`?${new URLSearchParams({ ...(d.tag ? { tag: d.tag } : {}), before: d.next })}`}>Older posts</Link>
        </p>
      ) : null}
    </div>
  );
}
