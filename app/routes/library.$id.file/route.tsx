// Issue #20: a library document's file. Signed-in members only; ?version=N for an earlier version. ?preview=1 shows
// a PDF in the browser's own viewer (inline, sandboxed by CSP); every other type, and any other request, downloads.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import fs from "node:fs";
import { notFound, requireUser } from "~/auth/guards.server";
import { getDocumentVersion } from "~/models/library.server";
import { contentDisposition, storedFilePath } from "~/services/uploads.server";
import { requireDocument } from "../library._index/library-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const doc = requireDocument(params);
  const url = new URL(request.url);
  const wanted = url.searchParams.get("version");
  if (wanted !== null && !/^\d{1,6}$/.test(wanted)) notFound();
  const version = getDocumentVersion({ documentId: doc.id, version: wanted ? Number(wanted) : doc.currentVersion });
  if (!version) notFound();
  const preview = url.searchParams.get("preview") === "1" && version.contentType === "application/pdf";
  const etag = `"${version.sha256}"`;
  const headers = new Headers({
    "Content-Type": version.contentType,
    "Content-Disposition": preview ? contentDisposition(version.fileName).replace(/^attachment/, "inline") : contentDisposition(version.fileName),
    "Cache-Control": wanted ? "private, max-age=86400" : "private, no-cache",
    ETag: etag,
  });
  // A sandboxed document cannot host the browser's PDF viewer; the preview is a PDF by its bytes, which the viewer
  // renders in its own isolated process. Everything else is sandboxed.
  if (!preview) headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const file = storedFilePath("materials", version.storedName);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    console.error(`[library] stored file missing for version ${version.id}`);
    notFound();
  }
  headers.set("Content-Length", String(stat.size));
  if (request.method === "HEAD") return new Response(null, { status: 200, headers });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), { status: 200, headers });
}
