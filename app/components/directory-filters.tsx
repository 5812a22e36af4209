// Search and filter form for the member directory (GET, so results are linkable and work without JavaScript).
import { Form, Link } from "@remix-run/react";
import { VisibleProfileList } from "./directory-list";

export { VisibleProfileList };

export interface DirectoryQuery {
  q: string;
  area: string;
  jurisdiction: string;
  years: string;
  referrals: boolean;
  opportunities?: boolean;
  sort: string;
  scope?: string;
}

export const YEARS_OPTIONS = [
  ["", "Any"],
  ["0-2", "0–2 years"],
  ["3-5", "3–5 years"],
  ["6-10", "6–10 years"],
  ["11-20", "11–20 years"],
  ["21-", "Over 20 years"],
] as const;

export function DirectoryFilters({
  query,
  areas,
  jurisdictions,
  showScope,
}: {
  query: DirectoryQuery;
  areas: string[];
  jurisdictions: string[];
  showScope?: boolean;
}) {
  return (
    <Form method="get" className="card directory-filters" role="search" aria-label="Search members">
      <div className="field directory-filters__q">
        <label htmlFor="dq">Search by name, firm or words in their bio</label>
        <input id="dq" type="search" name="q" defaultValue={query.q} maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor="darea">Practice area</label>
        <select id="darea" name="area" defaultValue={query.area}>
          <option value="">Any</option>
          {areas.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="djur">Jurisdiction</label>
        <select id="djur" name="jurisdiction" defaultValue={query.jurisdiction}>
          <option value="">Any</option>
          {jurisdictions.map((j) => (
            <option key={j} value={j}>
              {j}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="dyears">Years in practice</label>
        <select id="dyears" name="years" defaultValue={query.years}>
          {YEARS_OPTIONS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="dsort">Sort by</label>
        <select id="dsort" name="sort" defaultValue={query.sort}>
          <option value="">Best match, then last name</option>
          <option value="name">Last name</option>
          <option value="recent">Newest members</option>
        </select>
      </div>
      {showScope ? (
        <div className="field">
          <label htmlFor="dscope">Who</label>
          <select id="dscope" name="scope" defaultValue={query.scope ?? ""}>
            <option value="">Everyone in the network</option>
            <option value="mine">People in my seminars</option>
          </select>
        </div>
      ) : null}
      <label className="check-inline directory-filters__check">
        <input type="checkbox" name="referrals" value="on" defaultChecked={query.referrals} /> Open to referrals
      </label>
      <label className="check-inline directory-filters__check">
        <input type="checkbox" name="opportunities" value="on" defaultChecked={query.opportunities} /> Open to new opportunities
      </label>
      <div className="actions">
        <button type="submit">Search</button>
        <Link to="?" className="button button--secondary">
          Clear
        </Link>
      </div>
    </Form>
  );
}

/** `more`: pages beyond `pages` exist but were not counted (the network directory counts up to a cap). */
export function Pagination({ page, pages, more = false, search }: { page: number; pages: number; more?: boolean; search: string }) {
  if (pages <= 1 && !more) return null;
  const href = (n: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(n));
    return `?${params.toString()}`;
  };
  return (
    <nav aria-label="Pages" className="pagination">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pages}
        {more ? " or more" : ""}
      </span>
      {page < pages || more ? (
        <Link to={href(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
