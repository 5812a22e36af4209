import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { SearchBox, SearchResults } from "~/components/search-results";
import { withoutModerated } from "~/models/moderation-state.server";
import { withVisibleAnswers } from "~/models/question-lists.server";
import { search, searchScopeForUser } from "~/models/search.server";

export const meta: MetaFunction = () => [{ title: "Search · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sp = new URL(request.url).searchParams;
  const q = (sp.get("q") ?? "").slice(0, 200).trim();
  const page = Math.max(1, Math.min(100, Number(sp.get("page")) || 1));
  // Only the seminars this member belongs to: nothing from anywhere else can match.
  const scope = searchScopeForUser({ userId: user.id });
  const result = withoutModerated(user, withVisibleAnswers(user, search({ q, page, scope })));
  return { q, seminarCount: scope.seminars.length, ...result };
}

export default function GlobalSearch() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Search my seminars</h1>
      <SearchBox action="/search" q={d.q} label="Search wiki pages, posts, comments and materials" />
      <p className="muted">
        Searches the {d.seminarCount === 1 ? "seminar" : `${d.seminarCount} seminars`} you belong to.
      </p>
      <SearchResults {...d} showSeminar />
    </div>
  );
}
