// Issue #20: the institute's library. Every signed-in member browses it; a GET form filters by kind, jurisdiction,
// practice area and date, and searches titles, descriptions and the text inside the files (the one full-text index).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { FilterForm, sameLabel } from "~/components/filter-form";
import { formatAsOf } from "~/components/local-time";
import { canAddDocuments } from "~/models/library-access.server";
import { libraryFacets, listDocuments, parseLibraryQuery } from "~/models/library-browse.server";
import { KIND_LABELS, LIBRARY_KINDS } from "~/utils/library";

export const meta: MetaFunction = () => [{ title: "Library · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = parseLibraryQuery(new URL(request.url));
  const { documents, hasNext } = listDocuments(query);
  return {
    query: { q: query.q, kind: query.kind ?? "", jurisdiction: query.jurisdiction, area: query.area, from: query.from ?? "", to: query.to ?? "" },
    page: query.page,
    filtered: Boolean(query.q || query.kind || query.jurisdiction || query.area || query.from || query.to),
    documents: documents.map((d) => ({ ...d, kindLabel: KIND_LABELS[d.kind], updatedAt: d.updatedAt.toISOString() })),
    hasNext,
    facets: libraryFacets(),
    canAdd: canAddDocuments(user),
    isStaff: user.role === "admin",
  };
}

export default function Library() {
  const d = useLoaderData<typeof loader>();
  const pageLink = (page: number) => {
    const p = new URLSearchParams(Object.entries(d.query).filter(([, v]) => v));
    if (page > 1) p.set("page", String(page));
    return `?${p.toString()}`;
  };
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Library</h1>
        <p className="muted">Statutes, court opinions, forms, checklists and practice notes for the whole network.</p>
        <p className="actions">
          {d.canAdd ? (
            <Link className="button" to="/library/new">
              Add a document
            </Link>
          ) : null}
          {d.isStaff ? <Link to="/library/contributors">Who adds documents</Link> : null}
          <Link to="/library/feed">Follow in a feed reader</Link>
        </p>
      </div>
      <FilterForm
        label="Search and filter the library"
        idPrefix="lib"
        submitLabel="Show documents"
        clear={d.filtered ? { to: "/library", label: "Clear" } : null}
        fields={[
          { type: "search", name: "q", label: "Words", value: d.query.q, maxLength: 200 },
          { type: "select", name: "kind", label: "Kind", value: d.query.kind, options: LIBRARY_KINDS.map((k) => [k, KIND_LABELS[k]] as const) },
          { type: "select", name: "jurisdiction", label: "Jurisdiction", value: d.query.jurisdiction, options: sameLabel(d.facets.jurisdictions) },
          { type: "select", name: "area", label: "Practice area", value: d.query.area, options: sameLabel(d.facets.areas) },
          { type: "date", name: "from", label: "Dated from", value: d.query.from },
          { type: "date", name: "to", label: "Dated until", value: d.query.to },
        ]}
      />
      {d.documents.length ? (
        <ul className="plain-list stack" aria-label="Documents">
          {d.documents.map((doc) => (
            <li key={doc.id} className="card">
              <h2 className="h3">
                <Link to={`/library/${doc.id}`}>{doc.title}</Link>
              </h2>
              <p className="muted">
                {doc.kindLabel}
                {doc.jurisdiction ? ` · ${doc.jurisdiction}` : ""} · {formatAsOf(doc.dated)}
                {doc.citation ? ` · ${doc.citation}` : ""} · version {doc.currentVersion}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted" role="status">
          {d.filtered ? "No documents match. Try other words or clear a filter." : "The library is empty so far."}
        </p>
      )}
      {d.page > 1 || d.hasNext ? (
        <nav aria-label="Pages" className="actions">
          {d.page > 1 ? <Link to={pageLink(d.page - 1)}>← Newer</Link> : null}
          {d.hasNext ? <Link to={pageLink(d.page + 1)}>Older →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
