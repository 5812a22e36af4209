// A seminar's News section (issue #7): its own sources plus the network sources carrying the topics it follows.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { NewsFilters, NewsList, OlderLink, SourcesOverview } from "~/components/news";
import { listSources, seminarSourceIds, seminarTopics, sourcesByIds } from "~/models/news.server";
import { listNewsItems, sourceItemCounts } from "~/models/news-items.server";
import { olderHref, readListQuery, sourcesOverview, toItemViews } from "../news._index/news-helpers.server";

export const meta: MetaFunction = () => [{ title: "News · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, canManage } = await requireSeminarRole(request, params.slug);
  const q = readListQuery(request);
  const ids = seminarSourceIds({ seminarId: seminar.id });
  const all = sourcesByIds(ids);
  const sources = all.map((s) => ({ id: s.id, name: s.name }));
  const sourceId = q.sourceId && ids.includes(q.sourceId) ? q.sourceId : null;
  const page = listNewsItems({ sourceIds: sourceId ? [sourceId] : ids, cursor: q.cursor });
  const own = listSources({ scope: "seminar", seminarId: seminar.id });
  const counts = canManage ? sourceItemCounts(own.map((s) => s.id)) : new Map<number, { pending: number }>();
  const pending = [...counts.values()].reduce((n, c) => n + c.pending, 0);
  return {
    slug: seminar.slug,
    items: toItemViews(page.items),
    older: olderHref(q.path, { source: sourceId }, page.nextCursor),
    sources,
    sourceId,
    topics: seminarTopics({ seminarId: seminar.id }),
    canManage,
    pending,
    overview: sourcesOverview(all, !!sourceId, { staff: canManage }),
  };
}

export default function SeminarNews() {
  const { slug, items, older, sources, sourceId, topics, canManage, pending, overview } = useLoaderData<typeof loader>();
  return (
    <section className="stack news-page" aria-labelledby="seminar-news-title">
      <div className="page-head">
        <h1 id="seminar-news-title">News</h1>
        {canManage ? (
          <p className="actions">
            <Link to={`/s/${slug}/news/sources`}>Manage news sources{pending ? ` (${pending} waiting for approval)` : ""}</Link>
          </p>
        ) : null}
      </div>
      <p className="muted">
        {topics.length
          ? `Legal news on ${topics.join(", ")}, and from the sources this seminar's instructors chose.`
          : "Legal news from the network's sources and those this seminar's instructors chose."}
      </p>
      {sources.length > 1 ? <NewsFilters sources={sources} sourceId={sourceId} action={`/s/${slug}/news`} /> : null}
      <NewsList items={items} emptyText={overview.empty} />
      <OlderLink to={older} />
      <SourcesOverview overview={overview} />
    </section>
  );
}
