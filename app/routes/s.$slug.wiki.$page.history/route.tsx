import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { notFound } from "~/auth/guards.server";
import { MemberLink } from "~/components/member-link";
import { When } from "~/components/when";
import { HISTORY_PAGE, listRevisions, restoreRevision, wikiPath } from "~/models/wiki.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { nameOf } from "~/utils/names";
import { names, requireWikiEditor, requireWikiAccess } from "../s.$slug.wiki._index/wiki-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `History of ${data.title} · Wiki · Colloquy` : "Wiki · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const a = await requireWikiAccess(request, params);
  if (!a.page) notFound();
  const beforeParam = Number(new URL(request.url).searchParams.get("before"));
  const rows = listRevisions({ pageId: a.page.id, before: Number.isInteger(beforeParam) && beforeParam > 0 ? beforeParam : undefined });
  const page = rows.slice(0, HISTORY_PAGE);
  return {
    slug: a.seminar.slug,
    timeZone: a.seminar.timeZone,
    pageSlug: a.page.slug,
    title: a.page.title,
    current: a.page.revision,
    canEdit: a.canEdit,
    revisions: page.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    next: rows.length > HISTORY_PAGE ? page[page.length - 1]!.number : null,
    names: names(page.map((r) => r.authorId)),
  };
}

const RestoreSchema = z.object({ intent: z.literal("restore"), revision: z.coerce.number().int().min(1) });

export async function action({ request, params }: ActionFunctionArgs) {
  const a = await requireWikiAccess(request, params);
  if (!a.page) notFound();
  requireWikiEditor(a);
  const submission = parseWithZod(await request.formData(), { schema: RestoreSchema });
  // Row buttons only (no fields to mark): a request the page never sends is a plain 400.
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  const { revision } = submission.value;
  const url = wikiPath(a.seminar.slug, a.page.slug);
  if (revision === a.page.revision) {
    return redirectWithFlash(url, { kind: "info", message: "That is already the current revision." });
  }
  const r = restoreRevision({ seminar: { id: a.seminar.id, slug: a.seminar.slug }, page: a.page, number: revision, authorId: a.user.id });
  if (!r.ok) return redirectWithFlash(`${url}/history`, { kind: "error", message: r.error });
  return redirectWithFlash(url, {
    kind: "success",
    message: `Restored revision ${revision} as the new revision ${r.page.revision}.`,
  });
}

export default function WikiHistory() {
  const d = useLoaderData<typeof loader>();
  const pageUrl = `/s/${d.slug}/wiki/${encodeURIComponent(d.pageSlug)}`;
  const newest = d.revisions[0]?.number ?? d.current;
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/s/${d.slug}/wiki`}>Wiki</Link> <span aria-hidden="true">›</span> <Link to={pageUrl}>{d.title}</Link>
      </nav>
      <h1>History of “{d.title}”</h1>
      <p className="muted">Every save is kept. Pick any two revisions to compare them.</p>
      <Form method="get" action={`${pageUrl}/diff`}>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Revisions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Revision</th>
                <th scope="col">Saved</th>
                <th scope="col">By</th>
                <th scope="col">Note</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.revisions.map((r, i) => (
                <tr key={r.number}>
                  <td>
                    <input type="radio" name="from" value={r.number} defaultChecked={i === 1 || (d.revisions.length === 1 && i === 0)} aria-label={`Compare from revision ${r.number}`} />
                  </td>
                  <td>
                    <input type="radio" name="to" value={r.number} defaultChecked={r.number === newest} aria-label={`Compare to revision ${r.number}`} />
                  </td>
                  <td>
                    <Link to={r.number === d.current ? pageUrl : `${pageUrl}?rev=${r.number}`}>{r.number}</Link>
                    {r.number === d.current ? <span className="badge">current</span> : null}
                  </td>
                  <td>
                    <When iso={r.createdAt} timeZone={d.timeZone} />
                  </td>
                  <td>
                    <MemberLink member={nameOf(d.names, r.authorId)} />
                  </td>
                  <td>{r.note}</td>
                  <td>
                    {d.canEdit && r.number !== d.current ? (
                      <button type="submit" form={`restore-${r.number}`} className="button--secondary" aria-label={`Restore revision ${r.number}`}>
                        Restore
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="actions">
          <button type="submit">Compare selected revisions</button>
          {d.next ? <Link to={`?before=${d.next}`}>Older revisions</Link> : null}
        </div>
      </Form>
      {/* Restore forms sit outside the compare form (forms cannot nest); buttons point at them by id. */}
      {d.canEdit
        ? d.revisions
            .filter((r) => r.number !== d.current)
            .map((r) => (
              <Form key={r.number} method="post" id={`restore-${r.number}`} hidden>
                <input type="hidden" name="intent" value="restore" />
                <input type="hidden" name="revision" value={r.number} />
              </Form>
            ))
        : null}
    </div>
  );
}
