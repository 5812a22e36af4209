// A seminar's members: its instructors, then classmates, searchable. Fellow members see each other even when they
// are not listed in the network directory; what they see of each other is decided by profileFor.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { DirectoryFilters, Pagination, VisibleProfileList } from "~/components/directory-filters";
import { searchDirectory } from "~/models/directory.server";
import { seminarPeople } from "~/models/roster.server";
import { parseDirectoryQuery } from "../people._index/directory-query.server";

export const meta: MetaFunction = () => [{ title: "Members · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user, canManage } = await requireSeminarRole(request, params.slug);
  const { filters, page, query, lists } = parseDirectoryQuery(new URL(request.url));
  const people = seminarPeople({ seminarId: seminar.id, viewer: user });
  const instructors = people.filter((p) => p.role === "instructor").map((p) => p.profile);
  const result = searchDirectory(user, { ...filters, mine: false, seminarId: seminar.id }, page);
  const instructorIds = new Set(instructors.map((p) => p.id));
  return {
    slug: seminar.slug,
    canManage,
    instructors,
    attendeeCount: people.length - instructors.length,
    ...result,
    badges: Object.fromEntries(result.members.filter((m) => instructorIds.has(m.id)).map((m) => [m.id, "Instructor"])),
    query,
    lists,
  };
}

export default function SeminarMembers() {
  const { slug, canManage, instructors, attendeeCount, members, total, page, pages, badges, query, lists } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const filtered = Boolean(query.q || query.area || query.jurisdiction || query.years || query.referrals);
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Members</h1>
        <p className="muted">
          {instructors.length} {instructors.length === 1 ? "instructor" : "instructors"} and {attendeeCount}{" "}
          {attendeeCount === 1 ? "attendee" : "attendees"}.
          {canManage ? (
            <>
              {" "}
              <Link to={`/s/${slug}/roster`}>Open the roster</Link> · <Link to={`/s/${slug}/audience`}>Audience brief</Link>
            </>
          ) : null}
        </p>
      </div>
      {instructors.length ? (
        <section aria-labelledby="instructors-title" className="stack">
          <h2 id="instructors-title">Instructors</h2>
          <VisibleProfileList people={instructors} />
        </section>
      ) : null}
      <section aria-labelledby="everyone-title" className="stack">
        <h2 id="everyone-title">Everyone in this seminar</h2>
        <DirectoryFilters query={query} areas={lists.areas} jurisdictions={lists.jurisdictions} />
        <p role="status" className="muted">
          {total === 0 ? "No members match." : `${total} ${total === 1 ? "member" : "members"}${filtered ? " match" : ""}`}
        </p>
        {members.length ? <VisibleProfileList people={members} badges={badges} /> : null}
        <Pagination page={page} pages={pages} search={search} />
      </section>
    </div>
  );
}
