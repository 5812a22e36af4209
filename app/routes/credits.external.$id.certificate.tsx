// Issue #17: the certificate a member attached to credits from elsewhere: theirs and the institute's staff's to open;
// anyone else gets "no such page".
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import fs from "node:fs";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { externalCertificateFor } from "~/models/credit-external.server";
import { contentDisposition, storedFilePath } from "~/services/uploads.server";

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = IdSchema.safeParse(params.id);
  if (!id.success) notFound();
  const row = externalCertificateFor(user, id.data);
  if (!row) notFound();
  const file = storedFilePath("credits", row.storedName);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    notFound();
  }
  const headers = new Headers({
    "Content-Type": row.contentType,
    "Content-Disposition": contentDisposition(row.fileName),
    "Content-Length": String(size),
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
  if (request.method === "HEAD") return new Response(null, { status: 200, headers });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), { status: 200, headers });
}
