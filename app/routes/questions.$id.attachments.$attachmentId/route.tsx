// Issue #14: a question's attachment, only to those who may see the question (anyone else gets the question's 404),
// as a download with the type detected from its bytes.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound } from "~/auth/guards.server";
import { getQuestionAttachment } from "~/models/question-attachments.server";
import { storedFileDownload } from "~/services/uploads.server";
import { requireQuestionAccess } from "../questions._index/questions-helpers.server";

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { question } = await requireQuestionAccess(request, params);
  const attachmentId = IdSchema.safeParse(params.attachmentId);
  if (!attachmentId.success) notFound();
  const a = getQuestionAttachment({ questionId: question.id, attachmentId: attachmentId.data });
  return (a && storedFileDownload(request, "questions", a)) || notFound();
}
