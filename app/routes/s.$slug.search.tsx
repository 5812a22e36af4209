import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { SearchBox, SearchResults } from "~/components/search-results";
import { withoutModerated } from "~/models/moderation-state.server";
import { withVisibleAnswers } from "~/models/question-lists.server";
import { search } from "~/models/search.server";

export const meta: MetaFunction = () => [{ title: "Search · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, canManage, user } = await requireSeminarRole(request, params.slug);
  const sp = new URL(request.url).searchParams;
  const q = (sp.get("q") ?? "").slice(0, 200).trim();
  const page = Math.max(1, Math.min(100, Number(sp.get("page")) || 1));
  const result = withoutModerated(user, withVisibleAnswers(user, search({ q, page, scope: { seminars: [{ id: seminar.id, slug: seminar.slug, title: seminar.title, canManage }] } })));
  return { slug: seminar.slug, title: seminar.title, q, ...result };
}

export default function SeminarSearch() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Search this seminar</h1>
      <SearchBox action={`/s/${d.slug}/search`} q={d.q} label={`Search ${d.title}`} />
      <p className="muted">
        Wiki pages, blog posts, comments and materials. <Link to={`/search${d.q ? `?q=${encodeURIComponent(d.q)}` : ""}`}>Search all my seminars</Link>
      </p>
      <SearchResults {...d} showSeminar={false} />
    </div>
  );
}
