// Issue #20: the institute's library. Every signed-in member browses it; a GET form filters by kind, jurisdiction,
// practice area and date, and searches titles, descriptions and the text inside the files (the one full-text index).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { formatAsOf } from "~/components/local-time";
import { canAddDocuments, libraryFacets, listDocuments, parseLibraryQuery } from "~/models/library.server";
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
        {d.canAdd ? (
          <p className="actions">
            <Link className="button" to="/library/new">
              Add a document
            </Link>
          </p>
        ) : null}
      </div>
      <Form method="get" className="card filters" role="search" aria-label="Search and filter the library">
        <div className="field">
          <label htmlFor="lib-q">Words</label>
          <input id="lib-q" type="search" name="q" defaultValue={d.query.q} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="lib-kind">Kind</label>
          <select id="lib-kind" name="kind" defaultValue={d.query.kind}>
            <option value="">Any</option>
            {LIBRARY_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lib-jurisdiction">Jurisdiction</label>
          <select id="lib-jurisdiction" name="jurisdiction" defaultValue={d.query.jurisdiction}>
            <option value="">Any</option>
            {d.facets.jurisdictions.map((j) => (
              <option key={j} value={j}>
                {j}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lib-area">Practice area</label>
          <select id="lib-area" name="area" defaultValue={d.query.area}>
            <option value="">Any</option>
            {d.facets.areas.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lib-from">Dated from</label>
          <input id="lib-from" type="date" name="from" defaultValue={d.query.from} />
        </div>
        <div className="field">
          <label htmlFor="lib-to">Dated until</label>
          <input id="lib-to" type="date" name="to" defaultValue={d.query.to} />
        </div>
        <div className="actions">
          <button type="submit">Show documents</button>
          {d.filtered ? <Link to="/library">Clear</Link> : null}
        </div>
      </Form>
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
