// Issue #20: shared bookmarks. Everything the viewer may see (their own, their seminars', the network's), newest
// first; by tag or by member; the most-saved links of the week in the network and in each of their seminars.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { BookmarkCard } from "~/components/bookmark-card";
import { mostSavedThisWeek, popularTags } from "~/models/bookmarks-popular.server";
import { BookmarkQuerySchema, listBookmarks, viewerSeminars } from "~/models/bookmarks.server";

export const meta: MetaFunction = () => [{ title: "Bookmarks · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = new URL(request.url).searchParams;
  const query = BookmarkQuerySchema.parse({ tag: p.get("tag") ?? "", member: p.get("member") ?? undefined, mine: p.get("mine") ?? undefined, page: p.get("page") ?? 1 });
  const { bookmarks, hasNext } = listBookmarks({ viewer: user, query });
  const filtered = Boolean(query.tag || query.member || query.mine);
  return {
    query: { tag: query.tag, member: query.member ?? null, mine: Boolean(query.mine) },
    // A name is shown only through a bookmark the viewer may see.
    memberName: query.member ? (bookmarks[0]?.owner.name ?? "this member") : null,
    page: query.page,
    filtered,
    bookmarks: bookmarks.map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })),
    hasNext,
    tags: popularTags({ viewer: user }),
    weekNetwork: filtered ? [] : mostSavedThisWeek({ viewer: user }),
    weekSeminars: filtered
      ? []
      : viewerSeminars(user.id)
          .map((s) => ({ seminar: s, top: mostSavedThisWeek({ viewer: user, seminarId: s.id }) }))
          .filter((x) => x.top.length),
  };
}

function TopList({ items }: { items: { title: string; href: string; external: boolean; count: number; bookmarkId: number }[] }) {
  return (
    <ol>
      {items.map((t) => (
        <li key={t.bookmarkId}>
          {t.external ? (
            <a href={t.href} rel="noopener noreferrer" target="_blank">
              {t.title}
            </a>
          ) : (
            <Link to={t.href}>{t.title}</Link>
          )}{" "}
          <span className="muted">({t.count === 1 ? "saved once" : `saved ${t.count} times`})</span>
        </li>
      ))}
    </ol>
  );
}

export default function Bookmarks() {
  const d = useLoaderData<typeof loader>();
  const heading = d.query.mine ? "My bookmarks" : d.memberName ? `Bookmarks of ${d.memberName}` : d.query.tag ? `Bookmarks tagged “${d.query.tag}”` : "Bookmarks";
  const pageLink = (page: number) => {
    const p = new URLSearchParams();
    if (d.query.tag) p.set("tag", d.query.tag);
    if (d.query.member) p.set("member", String(d.query.member));
    if (d.query.mine) p.set("mine", "1");
    if (page > 1) p.set("page", String(page));
    return `?${p.toString()}`;
  };
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{heading}</h1>
        <p className="actions">
          <Link className="button" to="/bookmarks/new">
            Save a link
          </Link>
          <Link to="/bookmarks?mine=1">My bookmarks</Link>
          <a href="/bookmarks/export.html" download>
            Export my bookmarks
          </a>
          <Link to="/bookmarks/import">Import bookmarks</Link>
          {d.filtered ? <Link to="/bookmarks">All bookmarks</Link> : null}
        </p>
      </div>
      {d.weekNetwork.length || d.weekSeminars.length ? (
        <section aria-labelledby="week-title" className="card stack">
          <h2 id="week-title">Most saved this week</h2>
          {d.weekNetwork.length ? (
            <>
              <h3>In the network</h3>
              <TopList items={d.weekNetwork} />
            </>
          ) : null}
          {d.weekSeminars.map((s) => (
            <div key={s.seminar.id}>
              <h3>In {s.seminar.title}</h3>
              <TopList items={s.top} />
            </div>
          ))}
        </section>
      ) : null}
      {d.tags.length ? (
        <nav aria-label="Tags" className="tag-list">
          {d.tags.map((t) => (
            <Link key={t.tag} to={`/bookmarks?tag=${encodeURIComponent(t.tag)}`} className="tag">
              {t.tag} <span className="muted">({t.n})</span>
            </Link>
          ))}
        </nav>
      ) : null}
      {d.bookmarks.length ? (
        <ul className="plain-list stack" aria-label="Bookmarks">
          {d.bookmarks.map((b) => (
            <li key={b.id}>
              <BookmarkCard b={b} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted" role="status">
          {d.filtered ? "No bookmarks here yet." : "No bookmarks yet. Save a link, or use “Save” on a news item, post, wiki page or library document."}
        </p>
      )}
      {d.page > 1 || d.hasNext ? (
        <nav aria-label="Pages" className="actions">
          {d.page > 1 ? <Link to={pageLink(d.page - 1)}>← Newer</Link> : null}
          {d.hasNext ? <Link to={pageLink(d.page + 1)}>Older →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
