// Presentational pieces of the news pages (issue #7): the item list, the filter form and a source's status.
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Field, FormError } from "~/components/form";

export interface NewsItemView {
  id: number;
  title: string;
  link: string | null;
  excerpt: string;
  publishedAt: string;
  date: string;
  sourceName: string;
}

/** Outside links never pass our address on, and never gain rank from us. */
export const OUTSIDE_REL = "nofollow noopener noreferrer";

export function NewsList({ items, emptyText }: { items: NewsItemView[]; emptyText: string }) {
  if (!items.length) return <p className="muted news-empty">{emptyText}</p>;
  return (
    <ol className="news-list">
      {items.map((i) => (
        <li key={i.id} className="news-item">
          <article aria-labelledby={`news-${i.id}`}>
            <h3 id={`news-${i.id}`} className="news-item__title">
              {i.link ? (
                <a href={i.link} rel={OUTSIDE_REL} target="_blank">
                  {i.title}
                  <span className="visually-hidden"> (opens the original on {i.sourceName || "its site"})</span>
                </a>
              ) : (
                i.title
              )}
            </h3>
            <p className="news-item__meta muted">
              <span className="news-item__source">{i.sourceName}</span> · <time dateTime={i.publishedAt}>{i.date}</time>
              {i.link ? (
                <>
                  {" · "}
                  <Link to={`/bookmarks/new?url=${encodeURIComponent(i.link)}&title=${encodeURIComponent(i.title)}`}>
                    Save<span className="visually-hidden"> “{i.title}” as a bookmark</span>
                  </Link>
                </>
              ) : null}
            </p>
            {i.excerpt ? <p className="news-item__excerpt">{i.excerpt}</p> : null}
          </article>
        </li>
      ))}
    </ol>
  );
}

export function NewsFilters({
  sources,
  tags,
  sourceId,
  tag,
  action,
}: {
  sources: { id: number; name: string }[];
  tags?: string[];
  sourceId: number | null;
  tag?: string | null;
  action: string;
}) {
  return (
    <Form method="get" action={action} className="news-filters" aria-label="Filter the news">
      <div className="field">
        <label htmlFor="news-source">Source</label>
        <select id="news-source" name="source" defaultValue={sourceId ? String(sourceId) : ""}>
          <option value="">All sources</option>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      {tags ? (
        <div className="field">
          <label htmlFor="news-tag">Topic</label>
          <select id="news-tag" name="tag" defaultValue={tag ?? ""}>
            <option value="">All topics</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="news-filters__actions">
        <button type="submit" className="button--secondary">
          Show
        </button>
        {sourceId || tag ? <Link to={action}>Clear filters</Link> : null}
      </div>
    </Form>
  );
}

export function OlderLink({ to }: { to: string | null }) {
  if (!to) return null;
  return (
    <p className="news-more">
      <Link to={to} className="button button--secondary">
        Older news
      </Link>
    </p>
  );
}

export interface SourceStatusView {
  state: "new" | "ok" | "failing";
  text: string;
}

export function SourceStatus({ status }: { status: SourceStatusView }) {
  const label = status.state === "new" ? "Not fetched yet" : status.state === "ok" ? "Working" : "Failing";
  return (
    <p className={`source-status source-status--${status.state}`}>
      <span className={`badge badge--status-${status.state}`}>{label}</span> {status.text}
    </p>
  );
}

export interface SourceFormValues {
  url?: string;
  name?: string;
  tags?: string;
  includeKeywords?: string;
  excludeKeywords?: string;
  requiresApproval?: boolean;
}

/** What a refused source form sent (`valuesOf(result)`), back as the fields' values (a ticked checkbox is "on"). */
export function sourceValues(sent: Record<string, string>): SourceFormValues {
  return { ...sent, requiresApproval: sent.requiresApproval === "on" };
}

/** The "Add a source" card shared by the network and seminar source pages; `failed` holds the rejected add, if any. */
export function AddSourceForm({
  failed,
  busy,
  open = false,
}: {
  failed: { values: Record<string, string>; errors: Partial<Record<string, string>> } | null;
  busy: boolean;
  open?: boolean;
}) {
  // Near the top of the page, folded until wanted (issue #22): staff no longer scroll past every source to add one.
  return (
    <section className="card add-source" aria-labelledby="add-title">
      <details open={open || undefined}>
        <summary>
          <h2 id="add-title">Add a source</h2>
        </summary>
      <Form method="post" noValidate>
        <FormError message={failed?.errors.form} />
        <SourceFields
          values={failed ? { ...failed.values, requiresApproval: failed.values.requiresApproval === "on" } : {}}
          errors={failed?.errors ?? {}}
        />
        <button type="submit" name="intent" value="add" disabled={busy}>
          Add source
        </button>
      </Form>
      </details>
    </section>
  );
}

/** The fields of a news source; `simple` leaves out keywords and approval (members' own blogs). */
export function SourceFields({
  values,
  errors,
  simple,
}: {
  values: SourceFormValues;
  errors: Partial<Record<string, string>>;
  simple?: boolean;
}) {
  return (
    <>
      <Field
        label="Feed address (RSS or Atom)"
        name="url"
        type="url"
        inputMode="url"
        required
        placeholder="https://www.example.com/feed/"
        defaultValue={values.url}
        error={errors.url}
      />
      <Field
        label="Name"
        name="name"
        hint="How the source is shown to members. Leave empty to use the site's name."
        defaultValue={values.name}
        error={errors.name}
        maxLength={120}
      />
      {simple ? null : (
        <>
          <Field
            label="Tags"
            name="tags"
            hint="Jurisdictions and practice areas, separated by commas (for example: new york, privacy)."
            defaultValue={values.tags}
            error={errors.tags}
          />
          <Field
            label="Only items mentioning"
            name="includeKeywords"
            hint="Optional keywords, separated by commas: only items whose title or summary mention one are kept."
            defaultValue={values.includeKeywords}
            error={errors.includeKeywords}
          />
          <Field
            label="Leave out items mentioning"
            name="excludeKeywords"
            hint="Optional keywords, separated by commas."
            defaultValue={values.excludeKeywords}
            error={errors.excludeKeywords}
          />
          <div className="field field--check">
            <input
              type="checkbox"
              id="f-requiresApproval"
              name="requiresApproval"
              defaultChecked={values.requiresApproval}
            />
            <label htmlFor="f-requiresApproval">New items wait for approval before members see them</label>
          </div>
        </>
      )}
    </>
  );
}

export interface SourceRow {
  id: number;
  name: string;
  url: string;
  tags: string[];
  requiresApproval: boolean;
  status: SourceStatusView;
  approved: number;
  pending: number;
}

/** Sources with their status and actions; each row posts intent=refresh|remove with its sourceId. */
export function SourceTable({
  sources,
  busy,
  emptyText,
  editHref,
  owner,
}: {
  sources: SourceRow[];
  busy: boolean;
  emptyText: string;
  editHref?: (id: number) => string;
  owner?: (id: number) => string | null;
}) {
  if (!sources.length) return <p className="muted">{emptyText}</p>;
  return (
    <ul className="source-list">
      {sources.map((s) => (
        <li key={s.id} className="card source-card">
          <h3 className="source-card__name">{editHref ? <Link to={editHref(s.id)}>{s.name}</Link> : s.name}</h3>
          <p className="source-card__url muted">{s.url}</p>
          {owner?.(s.id) ? <p className="muted">Blog of {owner(s.id)}</p> : null}
          <p className="source-card__meta">
            {s.tags.map((t) => (
              <span key={t} className="badge">
                {t}
              </span>
            ))}{" "}
            {s.requiresApproval ? <span className="badge">needs approval</span> : null}{" "}
            <span className="muted">
              {s.approved} item{s.approved === 1 ? "" : "s"} shown{s.pending ? `, ${s.pending} waiting` : ""}
            </span>
          </p>
          <SourceStatus status={s.status} />
          <Form method="post" className="actions">
            <input type="hidden" name="sourceId" value={s.id} />
            <button type="submit" name="intent" value="refresh" className="button--secondary" disabled={busy}>
              Refresh now<span className="visually-hidden"> {s.name}</span>
            </button>
            <button type="submit" name="intent" value="remove" className="button--danger" disabled={busy}>
              Remove<span className="visually-hidden"> {s.name}</span>
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}

export function PendingItems({
  items,
  busy,
  error,
}: {
  items: { itemId: number; sourceId: number; sourceName: string; title: string; link: string | null; excerpt: string; publishedAt: string; date: string }[];
  busy: boolean;
  error?: string;
}) {
  // One form (issue #22): tick items and decide them together, or decide one with its own buttons. Works without
  // JavaScript; "Select all" appears once the page runs scripts.
  const formRef = useRef<HTMLFormElement>(null);
  const [scripted, setScripted] = useState(false);
  const [allTicked, setAllTicked] = useState(false);
  useEffect(() => setScripted(true), []);
  const boxes = () => [...(formRef.current?.querySelectorAll<HTMLInputElement>('input[name="item"]') ?? [])];
  const key = (i: { itemId: number; sourceId: number }) => `${i.itemId}:${i.sourceId}`;
  return (
    <Form method="post" ref={formRef} className="pending-items" onChange={() => setAllTicked(boxes().every((b) => b.checked))}>
      <input type="hidden" name="intent" value="decide" />
      <div className="pending-items__bar actions" role="group" aria-label="Decide the ticked items">
        {scripted ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={allTicked}
              onChange={(e) => {
                for (const b of boxes()) b.checked = e.currentTarget.checked;
                setAllTicked(e.currentTarget.checked);
              }}
            />{" "}
            Select all
          </label>
        ) : null}
        <button type="submit" name="decision" value="approved" disabled={busy}>
          Approve selected
        </button>
        <button type="submit" name="decision" value="rejected" className="button--secondary" disabled={busy}>
          Reject selected
        </button>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="source-list">
        {items.map((i) => (
          <li key={key(i)} className="card pending-item">
            <input type="checkbox" name="item" value={key(i)} aria-label={`Select “${i.title}”`} className="pending-item__pick" />
            <div className="pending-item__body">
              <h3 className="news-item__title">
                {i.link ? (
                  <a href={i.link} rel={OUTSIDE_REL} target="_blank">
                    {i.title}
                  </a>
                ) : (
                  i.title
                )}
              </h3>
              <p className="muted">
                {i.sourceName} · <time dateTime={i.publishedAt}>{i.date}</time>
              </p>
              {i.excerpt ? <p>{i.excerpt}</p> : null}
              <p className="actions">
                <button type="submit" name="one" value={`approved:${key(i)}`} disabled={busy}>
                  Approve<span className="visually-hidden"> {i.title}</span>
                </button>
                <button type="submit" name="one" value={`rejected:${key(i)}`} className="button--secondary" disabled={busy}>
                  Reject<span className="visually-hidden"> {i.title}</span>
                </button>
              </p>
            </div>
          </li>
        ))}
      </ul>
    </Form>
  );
}

export function SourcesOverview({
  overview,
}: {
  overview: { summary: string; rows: { id: number; name: string; status: SourceStatusView | null }[] };
}) {
  if (!overview.rows.length) return null;
  return (
    <details className="news-sources">
      <summary>{overview.summary}</summary>
      <ul>
        {overview.rows.map((s) => (
          <li key={s.id}>
            <strong>{s.name}</strong>
            {s.status ? <SourceStatus status={s.status} /> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
