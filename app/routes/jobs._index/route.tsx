// Issue #18: open job postings, newest first, filtered by practice area, jurisdiction and remote (GET: linkable, no JS).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { FilterForm, sameLabel } from "~/components/filter-form";
import { listJobs } from "~/models/job-postings.server";
import { controlledLists } from "~/models/profile-write.server";
import { JobCard } from "~/components/job-listing";

export const meta: MetaFunction = () => [{ title: "Careers · Colloquy" }];

const QuerySchema = z.object({
  area: z.string().max(200).catch(""),
  jurisdiction: z.string().max(200).catch(""),
  remote: z.literal("on").optional().catch(undefined),
  mine: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(500).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const sp = new URL(request.url).searchParams;
  const q = QuerySchema.parse({
    area: sp.get("area") ?? "",
    jurisdiction: sp.get("jurisdiction") ?? "",
    remote: sp.get("remote") ?? undefined,
    mine: sp.get("mine") ?? undefined,
    page: sp.get("page") ?? 1,
  });
  const lists = controlledLists();
  const area = lists.areas.includes(q.area) ? q.area : "";
  const jurisdiction = lists.jurisdictions.includes(q.jurisdiction) ? q.jurisdiction : "";
  const result = listJobs({ viewer, filters: { area, jurisdiction, remote: Boolean(q.remote), mine: Boolean(q.mine) }, page: q.page });
  return { ...result, query: { area, jurisdiction, remote: Boolean(q.remote), mine: Boolean(q.mine) }, lists };
}

export default function Jobs() {
  const { jobs, more, page, query, lists } = useLoaderData<typeof loader>();
  const params = (p: number) => {
    const sp = new URLSearchParams();
    if (query.area) sp.set("area", query.area);
    if (query.jurisdiction) sp.set("jurisdiction", query.jurisdiction);
    if (query.remote) sp.set("remote", "on");
    if (query.mine) sp.set("mine", "1");
    sp.set("page", String(p));
    return `?${sp}`;
  };
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{query.mine ? "My job postings" : "Careers"}</h1>
        <p className="actions">
          <Link to="/jobs/new" className="button">
            Post a job
          </Link>
          {query.mine ? <Link to="/jobs">All open postings</Link> : <Link to="/jobs?mine=1">My postings</Link>}
          <Link to="/jobs/saved">Saved jobs</Link>
          <Link to="/referrals">Referral requests</Link>
          <Link to="/profile/skills">My services and skills</Link>
        </p>
      </div>
      <FilterForm
        label="Filter job postings"
        idPrefix="jobs"
        className="card directory-filters"
        submitLabel="Filter"
        fields={[
          ...(query.mine ? [{ type: "hidden" as const, name: "mine", value: "1" }] : []),
          { type: "select", name: "area", label: "Practice area", value: query.area, options: sameLabel(lists.areas) },
          { type: "select", name: "jurisdiction", label: "Jurisdiction", value: query.jurisdiction, options: sameLabel(lists.jurisdictions) },
          { type: "check", name: "remote", label: "Remote only", checked: query.remote },
        ]}
      />
      <p role="status" className="muted">
        {jobs.length === 0 ? (query.mine ? "You have not posted any openings." : "No open postings match.") : null}
      </p>
      <ol className="plain-list stack" aria-label="Job postings">
        {jobs.map((j) => (
          <li key={j.id}>
            <JobCard j={j} />
          </li>
        ))}
      </ol>
      <nav aria-label="Pages" className="actions">
        {page > 1 ? <Link to={params(page - 1)}>Previous page</Link> : null}
        {more ? <Link to={params(page + 1)}>Next page</Link> : null}
      </nav>
    </div>
  );
}
