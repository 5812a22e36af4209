// Staff review the courses members recorded from elsewhere (self-reported CLE credits, issue #17): who, what, when,
// the credits per category and the certificate to open, filtered by member, jurisdiction and completion date, with
// the same list as CSV. Members keep recording and removing their own at /credits.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { AdminTable } from "~/components/admin-table";
import { NextPageLink } from "~/components/next-page-link";
import { listJurisdictions } from "~/models/credit-config.server";
import { listReportedCredits } from "~/models/credit-external.server";
import { formatCredits } from "~/utils/credits";
import { formatDate } from "~/utils/dates";
import { ReportedFilterSchema } from "~/utils/reported-credits";

export const meta: MetaFunction = () => [{ title: "Self-reported credits · Administration · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const url = new URL(request.url);
  const f = ReportedFilterSchema.parse(Object.fromEntries(url.searchParams));
  const { rows, nextBefore } = listReportedCredits({ search: f.q, jurisdictionId: f.jurisdiction, from: f.from, to: f.to, before: f.before });
  const params = new URLSearchParams(url.searchParams);
  params.delete("before");
  return {
    filter: { q: f.q ?? "", jurisdiction: f.jurisdiction ?? null, from: f.from ?? "", to: f.to ?? "" },
    jurisdictions: listJurisdictions().map((j) => ({ id: j.id, name: j.name })),
    rows: rows.map((r) => ({ ...r, recordedAt: formatDate(new Date(r.recordedAt)) })),
    nextBefore,
    csv: `/admin/credits/reported.csv${params.size ? `?${params}` : ""}`,
  };
}

export default function ReportedCredits() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <AdminNav />
      <div className="page-head">
        <h1>Self-reported credits</h1>
        <p className="muted">
          Courses members took elsewhere and recorded with their certificate, most recently recorded first. They count in
          the member&rsquo;s transcript and compliance periods, marked as self-reported.{" "}
          <Link to="/admin/credits">CLE jurisdictions and requirements</Link>
        </p>
      </div>
      <Form method="get" className="filters" role="search" aria-label="Filter self-reported credits">
        <div className="field">
          <label htmlFor="f-q">Member name or email</label>
          <input id="f-q" name="q" type="search" defaultValue={d.filter.q} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="f-jurisdiction">Jurisdiction</label>
          <select id="f-jurisdiction" name="jurisdiction" defaultValue={d.filter.jurisdiction ?? ""}>
            <option value="">All</option>
            {d.jurisdictions.map((j) => (
              <option key={j.id} value={j.id}>
                {j.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-from">Completed from</label>
          <input id="f-from" name="from" type="date" defaultValue={d.filter.from} />
        </div>
        <div className="field">
          <label htmlFor="f-to">Completed until</label>
          <input id="f-to" name="to" type="date" defaultValue={d.filter.to} />
        </div>
        <button type="submit" className="button--secondary">
          Show
        </button>
      </Form>
      <p>
        <a href={d.csv} download>
          Download as CSV
        </a>{" "}
        <span className="muted">(one row per credit line, for the filter above)</span>
      </p>
      <AdminTable
        rows={d.rows}
        caption="Courses recorded from elsewhere"
        columns={["Member", "Course", "Completed", "Credits", "Certificate"]}
        empty="No self-reported courses match."
        rowKey={(r) => r.id}
      >
        {(r) => (
          <>
            <td>
              <Link to={`/people/${r.userId}`}>{r.memberName}</Link>
              <br />
              <span className="muted">{r.memberEmail}</span>
            </td>
            <td>
              {r.title}
              <br />
              <span className="muted">
                {r.provider}
                {r.courseNumber ? ` · course ${r.courseNumber}` : ""}
              </span>
            </td>
            <td>
              {formatDate(r.completedOn)}
              <br />
              <span className="muted">recorded {r.recordedAt}</span>
            </td>
            <td>
              <ul className="plain-list">
                {r.lines.map((l) => (
                  <li key={`${l.jurisdiction}|${l.category}`}>
                    {l.jurisdiction}: {formatCredits(l.hundredths)} {l.category}
                  </li>
                ))}
              </ul>
            </td>
            <td>
              <a href={`/credits/external/${r.id}/certificate`} target="_blank" rel="noreferrer">
                {r.fileName}
              </a>
            </td>
          </>
        )}
      </AdminTable>
      <NextPageLink param="before" value={d.nextBefore}>
        Older courses
      </NextPageLink>
    </div>
  );
}
