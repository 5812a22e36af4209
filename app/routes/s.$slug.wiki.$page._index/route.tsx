import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { MemberLink } from "~/components/member-link";
import { RichText } from "~/components/rich-text";
import { When } from "~/components/when";
import { ModerationNotice } from "~/components/moderation-notice";
import { notFound } from "~/auth/guards.server";
import { getRevision } from "~/models/wiki.server";
import { nameOf } from "~/utils/names";
import { names, requireWikiAccess } from "../s.$slug.wiki._index/wiki-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.page ? `${data.page.title} · Wiki · Colloquy` : "Wiki · Colloquy" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const a = await requireWikiAccess(request, params);
  const base = { slug: a.seminar.slug, timeZone: a.seminar.timeZone, pageSlug: a.pageSlug, canEdit: a.canEdit };
  if (!a.page) {
    // A missing page is a 404 that offers to write it (links to missing pages lead here).
    return data({ ...base, page: null, revision: null, names: {} }, { status: 404 });
  }
  const revParam = new URL(request.url).searchParams.get("rev");
  let revision = null;
  if (revParam !== null) {
    const n = Number(revParam);
    if (!Number.isInteger(n) || n < 1) notFound();
    const r = getRevision({ pageId: a.page.id, number: n });
    if (!r) notFound();
    if (r.number !== a.page.revision) {
      revision = { number: r.number, title: r.title, bodyHtml: r.bodyHtml, authorId: r.authorId, note: r.note, createdAt: r.createdAt.toISOString() };
    }
  }
  return {
    ...base,
    moderation: a.moderation,
    page: {
      id: a.page.id,
      title: a.page.title,
      bodyHtml: a.page.bodyHtml,
      revision: a.page.revision,
      updatedAt: a.page.updatedAt.toISOString(),
      updatedById: a.page.updatedById,
    },
    revision,
    names: names([a.page.updatedById, revision?.authorId]),
  };
}

export default function WikiPageView() {
  const d = useLoaderData<typeof loader>();
  const pageUrl = `/s/${d.slug}/wiki/${encodeURIComponent(d.pageSlug)}`;
  if (!d.page) {
    return (
      <article className="stack">
        <h1>This page does not exist yet</h1>
        <p className="muted">Nobody has written “{d.pageSlug.replace(/-/g, " ")}” yet.</p>
        <p className="actions">
          {d.canEdit ? (
            <Link className="button" to={`${pageUrl}/edit`}>
              Write this page
            </Link>
          ) : null}
          <Link to={`/s/${d.slug}/wiki`}>All wiki pages</Link>
        </p>
      </article>
    );
  }
  const old = d.revision;
  return (
    <article className="stack wiki-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/s/${d.slug}/wiki`}>Wiki</Link> <span aria-hidden="true">›</span> <span>{d.page.title}</span>
      </nav>
      {old ? (
        <div className="flash" role="status">
          <p>
            You are reading revision {old.number} of this page, saved <When iso={old.createdAt} timeZone={d.timeZone} /> by{" "}
            <MemberLink member={nameOf(d.names, old.authorId)} />
            {old.note ? ` (“${old.note}”)` : ""}. The current revision is {d.page.revision}.
          </p>
          <div className="actions">
            <Link to={`${pageUrl}/diff?from=${old.number}&to=${d.page.revision}`}>Compare with the current revision</Link>
            <Link to={pageUrl}>Read the current revision</Link>
            {d.canEdit ? (
              <Form method="post" action={`${pageUrl}/history`}>
                <input type="hidden" name="intent" value="restore" />
                <input type="hidden" name="revision" value={old.number} />
                <button type="submit" className="button--secondary">
                  Restore revision {old.number}
                </button>
              </Form>
            ) : null}
          </div>
        </div>
      ) : null}
      <div className="page-head">
        <h1>{old ? old.title : d.page.title}</h1>
        <div className="actions">
          {d.canEdit && !old ? (
            <Link className="button" to={`${pageUrl}/edit`}>
              Edit
            </Link>
          ) : null}
          <Link to={`${pageUrl}/history`}>History</Link>
          <Link to={`/bookmarks/new?ref=wiki:${d.page.id}`}>Save as a bookmark</Link>
          <Link to={`/report?kind=wiki&id=${d.page.id}`} className="muted">
            Report this page
          </Link>
        </div>
      </div>
      {!old ? (
        <p className="muted">
          Revision {d.page.revision}, last edited <When iso={d.page.updatedAt} timeZone={d.timeZone} /> by{" "}
          <MemberLink member={nameOf(d.names, d.page.updatedById)} />
        </p>
      ) : null}
      {d.moderation === "hidden" ? (
        <ModerationNotice what="page" />
      ) : null}
      <RichText html={old ? old.bodyHtml : d.page.bodyHtml} />
    </article>
  );
}
