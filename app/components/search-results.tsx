import { Form, Link } from "@remix-run/react";

export interface SearchHitView {
  kind: "wiki" | "post" | "comment" | "material" | "question" | "answer" | "job" | "referral" | "document" | "bookmark";
  refId: number;
  seminar: { title: string };
  href: string;
  /** Alternating unmatched and matched text, starting with unmatched: ["Notes on ", "breach", " response"]. */
  title: string[];
  snippet: string[];
}

const KIND_LABEL = {
  wiki: "Wiki page",
  post: "Blog post",
  comment: "Comment",
  material: "Material",
  question: "Question",
  answer: "Answer",
  job: "Job posting",
  referral: "Referral request",
  document: "Library document",
  bookmark: "Bookmark",
} as const;

/** Highlighted text: matched words in <mark>, everything else plain text (never HTML). */
function Marked({ segments }: { segments: string[] }) {
  return <>{segments.map((s, i) => (i % 2 ? <mark key={i}>{s}</mark> : s))}</>;
}

export function SearchBox({ action, q, label }: { action: string; q: string; label: string }) {
  return (
    <Form method="get" action={action} role="search" className="search-box">
      <label htmlFor="search-q" className="visually-hidden">
        {label}
      </label>
      <input id="search-q" type="search" name="q" defaultValue={q} placeholder={label} maxLength={200} />
      <button type="submit">Search</button>
    </Form>
  );
}

export function SearchResults({
  q,
  hits,
  considered,
  more,
  partial,
  page,
  hasNext,
  showSeminar,
}: {
  q: string;
  hits: SearchHitView[];
  considered: number;
  more: boolean;
  partial: boolean;
  page: number;
  hasNext: boolean;
  showSeminar: boolean;
}) {
  if (!q) return null;
  if (!hits.length) {
    return (
      <p role="status" className="muted">
        Nothing matches “{q}”. Try fewer or different words.
      </p>
    );
  }
  const params = (p: number) => `?${new URLSearchParams({ q, page: String(p) })}`;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">
        {partial ? "Many results" : more ? `Over ${considered.toLocaleString("en-US")} results` : `${considered.toLocaleString("en-US")} ${considered === 1 ? "result" : "results"}`} for “{q}”
      </h2>
      {more ? <p className="muted">Many items match: the most recent ones are ranked. Add words to narrow the search.</p> : null}
      <ol className="search-results">
        {hits.map((h) => (
          <li key={`${h.kind}-${h.refId}`} className="search-hit">
            <p className="search-hit__meta muted">
              {KIND_LABEL[h.kind]}
              {showSeminar ? ` · ${h.seminar.title}` : ""}
            </p>
            <h3>
              <Link to={h.href}>
                <Marked segments={h.title} />
              </Link>
            </h3>
            {h.snippet.length ? (
              <p className="search-hit__snippet">
                <Marked segments={h.snippet} />
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <nav aria-label="Result pages" className="actions">
        {page > 1 ? <Link to={params(page - 1)}>Previous results</Link> : null}
        {hasNext ? <Link to={params(page + 1)}>More results</Link> : null}
      </nav>
    </section>
  );
}
