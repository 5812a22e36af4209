import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { AdminTable } from "~/components/admin-table";
import { listSeminarsForAdmin } from "~/models/seminar.server";
import { formatDateRange } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Seminars · Administration · Colloquy" }];

const PHASE_LABEL = { upcoming: "Upcoming", "in-progress": "In progress", alumni: "Alumni" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const page = Math.min(Math.max(Number(url.searchParams.get("page")) || 1, 1), 10_000);
  const { seminars, hasMore } = listSeminarsForAdmin({ page, query: q });
  return {
    q,
    page,
    hasMore,
    seminars: seminars.map(({ seminar: s, members, phase }) => ({
      id: s.id,
      slug: s.slug,
      title: s.title,
      when: formatDateRange(s.startsAt.toISOString(), s.endsAt.toISOString(), s.timeZone),
      phase,
      members,
    })),
  };
}

export default function AdminSeminars() {
  const { q, page, hasMore, seminars } = useLoaderData<typeof loader>();
  const pageLink = (p: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <>
      <div className="page-head">
        <h1>Seminars</h1>
        <Link className="button" to="/admin/seminars/new">
          New seminar
        </Link>
      </div>
      <AdminNav />
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="q">Find a seminar</label>
          <input id="q" name="q" type="search" defaultValue={q} />
        </div>
        <button type="submit" className="button--secondary">
          Search
        </button>
      </Form>
      <AdminTable
        rows={seminars}
        columns={["Seminar", "When", "Members", "Actions"]}
        empty={q ? "No seminar matches." : "No seminars yet."}
        rowKey={(s) => s.id}
      >
        {(s) => (
          <>
            <td>
              <Link to={`/s/${s.slug}`}>{s.title}</Link>
              <div className="muted">
                /s/{s.slug} · {PHASE_LABEL[s.phase]}
              </div>
            </td>
            <td>{s.when}</td>
            <td>{s.members}</td>
            <td className="actions">
              <Link to={`/admin/seminars/${s.id}`}>
                Edit<span className="visually-hidden"> {s.title}</span>
              </Link>
              <Link to={`/admin/seminars/new?from=${s.id}`}>
                Clone<span className="visually-hidden"> {s.title}</span>
              </Link>
            </td>
          </>
        )}
      </AdminTable>
      <nav aria-label="Seminar pages" className="actions">
        {page > 1 ? <Link to={pageLink(page - 1)}>← Previous</Link> : null}
        {hasMore ? <Link to={pageLink(page + 1)}>Next →</Link> : null}
      </nav>
    </>
  );
}
