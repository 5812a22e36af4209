// Issue #16: the catalogue. Upcoming seminars members may join, filtered by practice area, jurisdiction, month and
// format (a GET form: linkable, works without JavaScript), "Recommended for you", and the member's past seminars.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { CatalogueCard } from "~/components/catalogue-card";
import { FilterForm, sameLabel } from "~/components/filter-form";
import { useViewerTimeZone } from "~/components/local-time";
import { catalogueMonths, listCatalogue, parseCatalogueQuery, pastSeminars, recommendedSeminars } from "~/models/catalogue.server";
import { controlledLists } from "~/models/profile-write.server";
import { FORMATS, FORMAT_LABELS, monthLabel } from "~/utils/catalogue";

export const meta: MetaFunction = () => [{ title: "Seminar catalogue · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const filters = parseCatalogueQuery(url);
  const filtered = Boolean(filters.area || filters.jurisdiction || filters.month || filters.format);
  const { seminars, hasMore, page } = listCatalogue({ viewerId: user.id, filters });
  const lists = controlledLists();
  return {
    filters: { area: filters.area ?? "", jurisdiction: filters.jurisdiction ?? "", month: filters.month ?? "", format: filters.format ?? "" },
    filtered,
    seminars,
    hasMore,
    page,
    // Recommendations and past seminars belong to the unfiltered first page only.
    recommended: !filtered && page === 1 ? recommendedSeminars({ userId: user.id, limit: 3 }) : [],
    past: !filtered && page === 1 ? pastSeminars({ userId: user.id }) : [],
    areas: lists.areas,
    jurisdictions: lists.jurisdictions,
    months: catalogueMonths(),
  };
}

export default function Catalogue() {
  const d = useLoaderData<typeof loader>();
  const viewerZone = useViewerTimeZone();
  const pageLink = (page: number) => {
    const p = new URLSearchParams(Object.entries(d.filters).filter(([, v]) => v));
    if (page > 1) p.set("page", String(page));
    return `?${p.toString()}`;
  };
  return (
    <>
      <div className="page-head">
        <h1>Seminar catalogue</h1>
        <p className="muted">Upcoming seminars you can join. Times are shown in the seminar's time zone, and in yours when it differs.</p>
      </div>
      {d.recommended.length ? (
        <section aria-labelledby="rec-title" className="stack catalogue-section">
          <h2 id="rec-title">Recommended for you</h2>
          <p className="muted">
            Picked from the practice areas and jurisdictions on <Link to="/profile/edit">your profile</Link> and the seminars you attended.
          </p>
          <div className="grid">
            {d.recommended.map((c) => (
              <CatalogueCard key={c.id} c={c} viewerZone={viewerZone} />
            ))}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="all-title" className="stack catalogue-section">
        <h2 id="all-title">{d.filtered ? "Matching seminars" : "All upcoming seminars"}</h2>
        <FilterForm
          label="Filter seminars"
          idPrefix="cat"
          className="card filters catalogue-filters"
          submitLabel="Show seminars"
          clear={d.filtered ? { to: "/catalogue", label: "Clear filters" } : null}
          fields={[
            { type: "select", name: "area", label: "Practice area", value: d.filters.area, options: sameLabel(d.areas) },
            { type: "select", name: "jurisdiction", label: "Jurisdiction", value: d.filters.jurisdiction, options: sameLabel(d.jurisdictions) },
            { type: "select", name: "month", label: "Month", value: d.filters.month, options: d.months.map((m) => [m, monthLabel(m)] as const) },
            { type: "select", name: "format", label: "Format", value: d.filters.format, options: FORMATS.map((f) => [f, FORMAT_LABELS[f]] as const) },
          ]}
        />
        {d.seminars.length ? (
          <div className="grid" aria-live="polite">
            {d.seminars.map((c) => (
              <CatalogueCard key={c.id} c={c} viewerZone={viewerZone} />
            ))}
          </div>
        ) : (
          <p className="muted" role="status">
            {d.filtered ? "No upcoming seminars match these filters. Try another month or clear a filter." : "No seminars are open for enrolment right now."}
          </p>
        )}
        {d.page > 1 || d.hasMore ? (
          <nav aria-label="Pages" className="actions">
            {d.page > 1 ? <Link to={pageLink(d.page - 1)}>← Earlier seminars</Link> : null}
            {d.hasMore ? <Link to={pageLink(d.page + 1)}>Later seminars →</Link> : null}
          </nav>
        ) : null}
      </section>
      {d.past.length ? (
        <section aria-labelledby="past-title" className="stack catalogue-section">
          <h2 id="past-title">Your past seminars</h2>
          <p className="muted">As an alumnus you keep their materials and discussions.</p>
          <div className="grid">
            {d.past.map((c) => (
              <CatalogueCard key={c.id} c={c} viewerZone={viewerZone} past />
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}
