import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { DiffView } from "~/components/diff-view";
import { MemberLink } from "~/components/member-link";
import { When } from "~/components/when";
import { getRevision } from "~/models/wiki.server";
import { diffTexts } from "~/services/diff.server";
import { nameOf } from "~/utils/names";
import { names, requireWikiAccess } from "../s.$slug.wiki._index/wiki-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Changes to ${data.title} · Wiki · Colloquy` : "Wiki · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const a = await requireWikiAccess(request, params);
  if (!a.page) notFound();
  const sp = new URL(request.url).searchParams;
  const parse = (v: string | null, fallback: number) => {
    if (v === null || v === "") return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) notFound();
    return n;
  };
  let to = parse(sp.get("to"), a.page.revision);
  let from = parse(sp.get("from"), Math.max(1, to - 1));
  // Always show the change from the older to the newer revision.
  if (from > to) [from, to] = [to, from];
  const older = getRevision({ pageId: a.page.id, number: from });
  const newer = getRevision({ pageId: a.page.id, number: to });
  if (!older || !newer) notFound();
  const rev = (r: typeof older) => ({ number: r.number, title: r.title, authorId: r.authorId, note: r.note, createdAt: r.createdAt.toISOString() });
  return {
    slug: a.seminar.slug,
    timeZone: a.seminar.timeZone,
    pageSlug: a.page.slug,
    title: a.page.title,
    current: a.page.revision,
    older: rev(older),
    newer: rev(newer),
    titleChanged: older.title !== newer.title,
    diff: diffTexts(older.bodyMd, newer.bodyMd),
    names: names([older.authorId, newer.authorId]),
  };
}

export default function WikiDiff() {
  const d = useLoaderData<typeof loader>();
  const pageUrl = `/s/${d.slug}/wiki/${encodeURIComponent(d.pageSlug)}`;
  const describe = (r: typeof d.older) => (
    <>
      <Link to={r.number === d.current ? pageUrl : `${pageUrl}?rev=${r.number}`}>Revision {r.number}</Link>, saved{" "}
      <When iso={r.createdAt} timeZone={d.timeZone} /> by <MemberLink member={nameOf(d.names, r.authorId)} />
      {r.note ? ` — “${r.note}”` : ""}
    </>
  );
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/s/${d.slug}/wiki`}>Wiki</Link> <span aria-hidden="true">›</span> <Link to={pageUrl}>{d.title}</Link>{" "}
        <span aria-hidden="true">›</span> <Link to={`${pageUrl}/history`}>History</Link>
      </nav>
      <h1>Changes to “{d.title}”</h1>
      <dl className="diff-meta">
        <dt>From</dt>
        <dd>{describe(d.older)}</dd>
        <dt>To</dt>
        <dd>{describe(d.newer)}</dd>
      </dl>
      {d.titleChanged ? (
        <p>
          Title changed from “<del>{d.older.title}</del>” to “<ins>{d.newer.title}</ins>”.
        </p>
      ) : null}
      {d.diff.same ? (
        <p className="muted">The text of these revisions is identical.</p>
      ) : (
        <>
          <p className="diff-summary">
            <span className="diff-summary__add">{d.diff.added} {d.diff.added === 1 ? "line" : "lines"} added</span>,{" "}
            <span className="diff-summary__del">{d.diff.removed} {d.diff.removed === 1 ? "line" : "lines"} removed</span>
            {d.diff.coarse ? " (the texts differ too much to compare line by line)" : ""}
          </p>
          <DiffView rows={d.diff.rows} caption={`Changes from revision ${d.older.number} to revision ${d.newer.number}`} />
        </>
      )}
    </div>
  );
}
