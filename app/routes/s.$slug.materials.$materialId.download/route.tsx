// Downloads go through here, never through a static folder: members only, as an attachment, with the type we
// detected and private caching (nosniff is set on every response by app/cli/serve.ts). ?version=N picks an earlier version; without it, the current one.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import fs from "node:fs";
import { notFound, requireSeminarRole } from "~/auth/guards.server";
import { getMaterial, getVersion, getVersionById, recordDownload } from "~/models/material.server";
import { contentDisposition, storedFilePath } from "~/services/uploads.server";
import { materialIdFrom } from "../s.$slug.materials.$materialId._index/materials-params.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug);
  const material = getMaterial({ seminarId: seminar.id, materialId: materialIdFrom(params) });
  if (!material || !material.currentVersionId) notFound();
  const wanted = new URL(request.url).searchParams.get("version");
  if (wanted !== null && !/^\d{1,6}$/.test(wanted)) notFound();
  const version = wanted
    ? getVersion({ materialId: material.id, version: Number(wanted) })
    : getVersionById({ materialId: material.id, versionId: material.currentVersionId });
  if (!version) notFound();

  const etag = `"${version.sha256}"`;
  const headers = new Headers({
    "Content-Type": version.contentType,
    "Content-Disposition": contentDisposition(version.fileName),
    // A numbered version never changes; "the current one" may, so it is revalidated each time.
    "Cache-Control": wanted ? "private, max-age=86400" : "private, no-cache",
    ETag: etag,
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });

  const file = storedFilePath("materials", version.storedName);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    console.error(`[materials] stored file missing for version ${version.id}: ${version.storedName}`);
    notFound();
  }
  headers.set("Content-Length", String(stat.size));
  if (request.method === "HEAD") return new Response(null, { status: 200, headers });
  recordDownload({ material, version, userId: user.id });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), { status: 200, headers });
}
