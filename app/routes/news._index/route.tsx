// The network-wide legal news (issue #7): items of the admins' sources, newest first, filtered by source and topic.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { NewsFilters, NewsList, OlderLink, SourcesOverview } from "~/components/news";
import { listSources, networkSourceIds, networkTags } from "~/models/news.server";
import { listNewsItems } from "~/models/news-items.server";
import { olderHref, readListQuery, sourcesOverview, toItemViews } from "./news-helpers.server";

export const meta: MetaFunction = () => [{ title: "Legal news · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const q = readListQuery(request);
  const sources = listSources({ scope: "network" });
  const tags = networkTags();
  const tag = q.tag && tags.includes(q.tag) ? q.tag : null;
  let ids = networkSourceIds({ tag });
  const sourceId = q.sourceId && sources.some((s) => s.id === q.sourceId) ? q.sourceId : null;
  if (sourceId) ids = ids.filter((id) => id === sourceId);
  const page = listNewsItems({ sourceIds: ids, cursor: q.cursor });
  const overview = sourcesOverview(sources, !!(sourceId || tag), { staff: user.role === "admin" });
  return {
    items: toItemViews(page.items),
    older: olderHref(q.path, { source: sourceId, tag }, page.nextCursor),
    sources: sources.map((s) => ({ id: s.id, name: s.name })),
    overview,
    tags,
    sourceId,
    tag,
    isAdmin: user.role === "admin",
    paged: !!q.cursor,
  };
}

export default function NewsPage() {
  const { items, older, sources, overview, tags, sourceId, tag, isAdmin, paged } = useLoaderData<typeof loader>();
  return (
    <div className="stack news-page">
      <div className="page-head">
        <h1>Legal news</h1>
        <p className="actions">
          <Link to="/news/member-blogs">Member blogs</Link>
          {isAdmin ? <Link to="/admin/news">Manage sources</Link> : null}
        </p>
      </div>
      <p className="muted">
        News from legal publishers chosen by the institute. Each headline links to the original article on the
        publisher's site.
      </p>
      {sources.length ? <NewsFilters sources={sources} tags={tags} sourceId={sourceId} tag={tag} action="/news" /> : null}
      <section aria-labelledby="news-list-title">
        <h2 id="news-list-title" className="visually-hidden">
          {paged ? "Older news" : "Latest news"}
        </h2>
        <NewsList items={items} emptyText={overview.empty} />
        <OlderLink to={older} />
      </section>
      <SourcesOverview overview={overview} />
    </div>
  );
}
