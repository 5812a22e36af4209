// Course materials: the current version of each, with earlier versions one click away. Instructors see counts.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireSeminarRole } from "~/auth/guards.server";
import { formatAsOf, formatBytes } from "~/components/local-time";
import { MaterialNotices } from "~/components/material-notices";
import { listFeaturedDocuments } from "~/models/library-features.server";
import { listMaterials } from "~/models/material.server";
import { dismissMaterialNotices, listMaterialNotices } from "~/models/material-notices.server";
import { KIND_LABELS } from "~/utils/library";
import { typeLabel } from "~/services/uploads.server";

export const meta: MetaFunction = () => [{ title: "Materials · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user, canManage, phase } = await requireSeminarRole(request, params.slug);
  const items = listMaterials({ seminarId: seminar.id, viewerId: user.id, withCounts: canManage });
  return {
    slug: seminar.slug,
    canManage,
    phase,
    notices: listMaterialNotices({ userId: user.id, seminarId: seminar.id }),
    materials: items.map((m) => ({
      id: m.id,
      title: m.title,
      description: m.description,
      version: m.version,
      asOf: m.asOf,
      fileName: m.fileName,
      kind: typeLabel(m.contentType),
      size: m.sizeBytes,
      updatedAt: m.updatedAt.toISOString(),
      downloads: m.downloads,
      outdated: m.viewerVersion !== null && m.viewerVersion < m.version,
    })),
    // Issue #20: library documents this seminar features (the library's own pages, not copies).
    featured: listFeaturedDocuments({ seminarId: seminar.id }).map((f) => ({ ...f, kindLabel: KIND_LABELS[f.kind], updatedAt: undefined })),
  };
}

/** The page's one form: "got it" on the notices about changed materials. */
const ActionSchema = z.object({ intent: z.literal("dismiss-notices") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  if (submission.status !== "success") return data({ ok: false, result: submission.reply() }, { status: 400 });
  dismissMaterialNotices({ userId: user.id, seminarId: seminar.id });
  return { ok: true, result: submission.reply() };
}

export default function Materials() {
  const { slug, canManage, phase, notices, materials, featured } = useLoaderData<typeof loader>();
  const base = `/s/${slug}/materials`;
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Materials</h1>
        {canManage ? (
          <Link className="button" to={`${base}/new`}>
            Upload a material
          </Link>
        ) : null}
      </div>
      {phase === "alumni" ? <p className="muted">The seminar is over; its materials stay here for you.</p> : null}
      <MaterialNotices notices={notices} />
      {materials.length ? (
        <ul className="material-list">
          {materials.map((m) => (
            <li key={m.id} className="card material">
              <h2 className="material__title">
                <Link to={`${base}/${m.id}`}>{m.title}</Link>
              </h2>
              <p className="muted">
                {m.kind} · {formatBytes(m.size)} · version {m.version} · as of {formatAsOf(m.asOf)}
                {m.downloads !== undefined ? ` · downloaded ${m.downloads} ${m.downloads === 1 ? "time" : "times"}` : ""}
              </p>
              {m.outdated ? <p className="badge badge--updated">Updated since you downloaded it</p> : null}
              {m.description ? <p className="pre-line">{m.description}</p> : null}
              <p className="actions">
                <a className="button" href={`${base}/${m.id}/download`} download>
                  Download<span className="visually-hidden"> {m.title}</span>
                </a>
                <Link to={`${base}/${m.id}`}>
                  {m.version > 1 ? "Earlier versions and details" : "Details"}
                  <span className="visually-hidden"> for {m.title}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{canManage ? "No materials yet. Upload the first one." : "No materials have been posted yet."}</p>
      )}
      {featured.length ? (
        <section aria-labelledby="featured-library" className="stack">
          <h2 id="featured-library">From the library</h2>
          <ul className="material-list">
            {featured.map((f) => (
              <li key={f.id} className="card material">
                <h3 className="material__title">
                  <Link to={`/library/${f.id}`}>{f.title}</Link>
                </h3>
                <p className="muted">
                  {f.kindLabel}
                  {f.jurisdiction ? ` · ${f.jurisdiction}` : ""}
                  {f.citation ? ` · ${f.citation}` : ""} · version {f.currentVersion}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : canManage ? (
        <p className="muted">
          You can also feature documents from the <Link to="/library">institute's library</Link> here.
        </p>
      ) : null}
    </div>
  );
}
