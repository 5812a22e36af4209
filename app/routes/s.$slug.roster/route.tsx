// The instructors' roster: every attendee with what instructors may see, sortable and filterable, with CSV export.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { controlledLists } from "~/models/profile-write.server";
import { attendees, filterRoster } from "~/models/roster.server";
import { parseRosterQuery } from "./roster-query.server";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Roster · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  const { filters, query } = parseRosterQuery(new URL(request.url));
  const all = attendees({ seminarId: seminar.id, viewer: user });
  const rows = filterRoster(all, filters);
  const { areas, jurisdictions } = controlledLists();
  return { slug: seminar.slug, total: all.length, rows, query, areas, jurisdictions };
}

const COLUMNS = [
  { key: "name", label: "Name" },
  { key: "firm", label: "Firm and title" },
  { key: null, label: "Location" },
  { key: null, label: "Practice areas" },
  { key: null, label: "Jurisdictions" },
  { key: "years", label: "Years" },
  { key: null, label: "Contact" },
  { key: "joined", label: "Enrolled" },
] as const;

export default function Roster() {
  const { slug, total, rows, query, areas, jurisdictions } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const sortHref = (key: string) => {
    const p = new URLSearchParams(search);
    p.set("dir", query.sort === key && query.dir === "asc" ? "desc" : "asc");
    p.set("sort", key);
    return `?${p.toString()}`;
  };
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Roster</h1>
        <p className="muted">
          {total} {total === 1 ? "attendee" : "attendees"}. You see what each attendee shares with their instructors.{" "}
          <Link to={`/s/${slug}/audience`}>Audience brief</Link>
        </p>
      </div>
      <Form method="get" className="card directory-filters" role="search" aria-label="Filter the roster">
        <div className="field directory-filters__q">
          <label htmlFor="rq">Name, firm or city</label>
          <input id="rq" type="search" name="q" defaultValue={query.q} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="rarea">Practice area</label>
          <select id="rarea" name="area" defaultValue={query.area}>
            <option value="">Any</option>
            {areas.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rjur">Jurisdiction</label>
          <select id="rjur" name="jurisdiction" defaultValue={query.jurisdiction}>
            <option value="">Any</option>
            {jurisdictions.map((j) => (
              <option key={j}>{j}</option>
            ))}
          </select>
        </div>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <label className="check-inline directory-filters__check">
          <input type="checkbox" name="referrals" value="on" defaultChecked={query.referrals} /> Open to referrals
        </label>
        <div className="actions">
          <button type="submit">Filter</button>
          <Link to="?" className="button button--secondary">
            Clear
          </Link>
          {rows.length > 1 && rows.length < 20 ? (
            <Link to={`/messages/new?${rows.map((r) => `to=${r.profile.id}`).join("&")}`} className="button button--secondary">
              Message these {rows.length} people
            </Link>
          ) : null}
          <a href={`/s/${slug}/roster.csv${search}`} className="button button--secondary" download>
            Download CSV
          </a>
        </div>
      </Form>
      <p role="status" className="muted">
        {rows.length === total ? `Showing all ${total}.` : `Showing ${rows.length} of ${total}.`}
      </p>
      <div className="table-wrap">
        <table className="roster">
          <caption className="visually-hidden">Attendees</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.label}
                  scope="col"
                  aria-sort={c.key && query.sort === c.key ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  {c.key ? (
                    <Link to={sortHref(c.key)}>
                      {c.label}
                      {query.sort === c.key ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
                    </Link>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ profile: p, joinedAt }) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/people/${p.id}`}>{p.name}</Link>
                  {p.addressAs ? <div className="muted">Addressed as {p.addressAs}</div> : null}
                  {p.headline ? <div>{p.headline}</div> : null}
                </td>
                <td>
                  {p.firm ?? ""}
                  {p.jobTitle ? <div className="muted">{p.jobTitle}</div> : null}
                </td>
                <td>{[p.city, p.country].filter(Boolean).join(", ")}</td>
                <td>{(p.practiceAreas ?? []).join(", ")}</td>
                <td>
                  {(p.jurisdictions ?? []).map((j, i) => (
                    <div key={i}>
                      {j.jurisdiction}
                      {j.yearAdmitted ? ` (${j.yearAdmitted})` : ""}
                      {j.barNumber ? <span className="muted"> · No. {j.barNumber}</span> : null}
                    </div>
                  ))}
                </td>
                <td>{p.yearsInPractice ?? ""}</td>
                <td>
                  {p.email ? (
                    <div>
                      <a href={`mailto:${p.email}`}>{p.email}</a>
                    </div>
                  ) : null}
                  {p.phone ? <div>{p.phone}</div> : null}
                  <div>
                    <Link to={`/messages/new?to=${p.id}`} aria-label={`Send ${p.name} a message`}>
                      Message
                    </Link>
                  </div>
                  {p.preferredContact ? <div className="muted">Prefers {p.preferredContact === "either" ? "email or phone" : p.preferredContact}</div> : null}
                  {p.openToReferrals ? <span className="badge badge--success">Referrals</span> : null}{" "}
                  {p.openToOpportunities ? <span className="badge">Opportunities</span> : null}
                </td>
                <td>
                  <time dateTime={joinedAt}>{formatDate(joinedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
