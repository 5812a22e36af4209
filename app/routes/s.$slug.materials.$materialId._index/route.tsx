// One material: its current version, every earlier version with its dates, and (for instructors) download counts,
// a new-version upload and the title and description.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireSeminarRole } from "~/auth/guards.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { Field, TextArea } from "~/components/form";
import { formatAsOf, formatBytes } from "~/components/local-time";
import { MemberLink } from "~/components/member-link";
import { When } from "~/components/when";
import { deleteMaterial, getMaterial, listVersions, MaterialDetailsSchema, materialDownloadSummary, updateMaterialDetails } from "~/models/material.server";
import { memberNames } from "~/models/profile.server";
import { removeStoredFile, typeLabel } from "~/services/uploads.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, valuesOf } from "~/utils/forms";
import { materialIdFrom } from "./materials-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.material.title} · Colloquy` : "Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, canManage, user } = await requireSeminarRole(request, params.slug);
  const material = getMaterial({ seminarId: seminar.id, materialId: materialIdFrom(params) });
  if (!material) notFound();
  const versions = listVersions({ materialId: material.id, withCounts: canManage });
  const names = memberNames(versions.map((v) => v.uploadedById ?? 0));
  const tz = seminar.timeZone;
  return {
    slug: seminar.slug,
    timeZone: tz,
    canManage,
    viewerId: user.id,
    material: { id: material.id, title: material.title, description: material.description },
    summary: canManage ? materialDownloadSummary({ materialId: material.id }) : null,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      asOf: v.asOf,
      note: v.note,
      fileName: v.fileName,
      kind: typeLabel(v.contentType),
      size: v.sizeBytes,
      uploadedAt: v.createdAt.toISOString(),
      uploadedBy: v.uploadedById ? (names.get(v.uploadedById) ?? null) : null,
      downloads: v.downloads,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar } = await requireSeminarRole(request, params.slug, "instructor");
  const material = getMaterial({ seminarId: seminar.id, materialId: materialIdFrom(params) });
  if (!material) notFound();
  const form = await request.formData();
  // Removing has no fields: its button's intent is all there is.
  if (form.get("intent") === "delete") {
    const files = deleteMaterial({ seminar, materialId: material.id });
    await Promise.all(files.map((f) => removeStoredFile("materials", f)));
    return redirectWithFlash(`/s/${seminar.slug}/materials`, { kind: "success", message: `“${material.title}” and all its versions were removed.` });
  }
  const submission = parseWithZod(form, { schema: MaterialDetailsSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  updateMaterialDetails({ seminarId: seminar.id, materialId: material.id, ...submission.value });
  return redirectWithFlash(`/s/${seminar.slug}/materials/${material.id}`, { kind: "success", message: "Saved." });
}

export default function MaterialPage() {
  const { slug, timeZone, canManage, material, versions, summary } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const errors = errorsOf(result);
  const sent = result ? valuesOf(result) : null;
  const base = `/s/${slug}/materials/${material.id}`;
  const [current, ...earlier] = versions;
  return (
    <div className="stack">
      <p>
        <Link to={`/s/${slug}/materials`}>← Materials</Link>
      </p>
      <h1>{material.title}</h1>
      {material.description ? <p className="pre-line">{material.description}</p> : null}
      {current ? (
        <section className="card" aria-labelledby="current-title">
          <h2 id="current-title">Current version ({current.version})</h2>
          <p>
            {current.fileName} · {current.kind} · {formatBytes(current.size)} · as of {formatAsOf(current.asOf)}
          </p>
          {current.note ? <p className="pre-line">{current.note}</p> : null}
          <p className="actions">
            <a className="button" href={`${base}/download`} download>
              Download
            </a>
            {canManage ? <Link to={`${base}/upload`}>Upload a new version</Link> : null}
          </p>
          {summary ? (
            <p className="muted">
              Downloaded {summary.total} {summary.total === 1 ? "time" : "times"} by {summary.people}{" "}
              {summary.people === 1 ? "person" : "people"} (all versions).
            </p>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">All versions</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Versions of {material.title}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">As of</th>
                <th scope="col">Uploaded</th>
                <th scope="col">File</th>
                {canManage ? <th scope="col">Downloads</th> : null}
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <td>
                    {v === current ? `${v.version} (current)` : v.version}
                  </td>
                  <td>{formatAsOf(v.asOf)}</td>
                  <td>
                    <When iso={v.uploadedAt} timeZone={timeZone} />
                    {v.uploadedBy ? (
                      <>
                        {" "}
                        by <MemberLink member={v.uploadedBy} />
                      </>
                    ) : null}
                    {v.note ? <div className="muted pre-line">{v.note}</div> : null}
                  </td>
                  <td>
                    <a href={`${base}/download?version=${v.version}`} download>
                      {v.fileName}
                    </a>{" "}
                    <span className="muted">({formatBytes(v.size)})</span>
                  </td>
                  {canManage ? <td>{v.downloads ?? 0}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {earlier.length === 0 ? <p className="muted">There is only one version so far.</p> : null}
      </section>
      {canManage ? (
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">Title and description</h2>
          <Form method="post" noValidate>
            <Field label="Title" name="title" required maxLength={200} defaultValue={sent ? (sent.title ?? "") : material.title} error={errors.title} />
            <TextArea
              label="Description"
              name="description"
              maxLength={2000}
              defaultValue={sent ? (sent.description ?? "") : material.description}
              error={errors.description}
            />
            <button type="submit">Save</button>
          </Form>
          <details className="confirm">
            <summary>Remove this material…</summary>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <p>All its versions are deleted for everyone, and members can no longer download them.</p>
              <button type="submit" className="button--danger">
                Remove “{material.title}” and all its versions
              </button>
            </Form>
          </details>
        </section>
      ) : null}
    </div>
  );
}
