// Issue #14: a question's attachment, only to those who may see the question (anyone else gets the question's 404),
// as a download with the type detected from its bytes.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import fs from "node:fs";
import { z } from "zod";
import { notFound } from "~/auth/guards.server";
import { getQuestionAttachment } from "~/models/question-attachments.server";
import { contentDisposition, storedFilePath } from "~/services/uploads.server";
import { requireQuestionAccess } from "./questions-helpers.server";

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { question } = await requireQuestionAccess(request, params);
  const attachmentId = IdSchema.safeParse(params.attachmentId);
  if (!attachmentId.success) notFound();
  const a = getQuestionAttachment({ questionId: question.id, attachmentId: attachmentId.data });
  if (!a) notFound();
  const file = storedFilePath("questions", a.storedName);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    notFound();
  }
  const headers = new Headers({
    "Content-Type": a.contentType,
    "Content-Disposition": contentDisposition(a.fileName),
    "Content-Length": String(size),
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "X-Content-Type-Options": "nosniff",
  });
  if (request.method === "HEAD") return new Response(null, { status: 200, headers });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), { status: 200, headers });
}
