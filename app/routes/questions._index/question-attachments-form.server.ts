// Issue #14: reading a question form that may carry a file, through the one safe upload path. A received file is
// stored at once as a pending upload of the asker, so a form shown again (an error elsewhere, or similar questions to
// look at first) keeps it; an oversized or refused file is reported next to its field with every other field kept.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { z } from "zod";
import type { SessionUser } from "~/auth/guards.server";
import { addQuestionAttachment, keepPendingAttachment, pendingAttachment, type AttachmentView } from "~/models/question-attachments.server";
import { questionPath } from "~/models/questions.server";
import { ACCEPT_ATTRIBUTE, ACCEPTED_KINDS, maxUploadBytes, maxUploadLabel, receiveUpload, removeStoredFile, storeUpload } from "~/services/uploads.server";
import { redirectWithFlash } from "~/utils/flash.server";

export interface AskForm {
  formData: FormData;
  fileError: { status: number; error: string } | null;
  pending: AttachmentView | null;
}

function toFormData(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

function pendingFrom(formData: FormData, uploaderId: number): AttachmentView | null {
  const id = Number(formData.get("attachmentId"));
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return pendingAttachment({ uploaderId, id }) ?? null;
}

export async function readAskForm(request: Request, uploaderId: number): Promise<AskForm> {
  if (!/^multipart\/form-data/i.test(request.headers.get("content-type") ?? "")) {
    const formData = await request.formData();
    return { formData, fileError: null, pending: pendingFrom(formData, uploaderId) };
  }
  const r = await receiveUpload(request, { fileField: "attachment" });
  const formData = toFormData(r.entries);
  if (!r.ok) return { formData, fileError: { status: r.status, error: r.error }, pending: pendingFrom(formData, uploaderId) };
  if (!r.file) return { formData, fileError: null, pending: pendingFrom(formData, uploaderId) };
  const file = { storedName: await storeUpload(r.file, "questions"), fileName: r.file.fileName, contentType: r.file.type.contentType, size: r.file.size };
  const id = keepPendingAttachment({ uploaderId, file });
  return { formData, fileError: null, pending: { id, fileName: file.fileName, contentType: file.contentType, size: file.size } };
}

/** For the file field: a hint to the browser and the limits to show. */
export function uploadLimits() {
  return { accept: ACCEPT_ATTRIBUTE, maxBytes: maxUploadBytes(), maxLabel: maxUploadLabel(), kinds: ACCEPTED_KINDS };
}

const AttachSchema = z.object({ intent: z.literal("attach") });

/** The asker adds a file (multipart, through the safe upload path); a refusal is shown next to the file field. */
export async function attachFile(request: Request, user: SessionUser, q: Parameters<typeof addQuestionAttachment>[0]["question"]) {
  if (q.authorId !== user.id) throw new Response("Forbidden", { status: 403, statusText: "Only the asker can attach files to a question." });
  const r = await receiveUpload(request, { fileField: "attachment" });
  const fd = new FormData();
  for (const [k, v] of r.entries) fd.append(k, v);
  const submission = parseWithZod(fd, { schema: AttachSchema });
  const refuse = (error: string, status: number) => data({ result: submission.reply({ fieldErrors: { attachment: [error] } }), form: "attach" }, { status });
  if (!r.ok) return refuse(r.error, r.status);
  if (!r.file) return refuse("Choose a file to attach.", 400);
  const storedName = await storeUpload(r.file, "questions");
  const added = addQuestionAttachment({ viewer: user, question: q, file: { storedName, fileName: r.file.fileName, contentType: r.file.type.contentType, size: r.file.size } });
  if (!added.ok) {
    await removeStoredFile("questions", storedName);
    return refuse(added.error, added.status ?? 400);
  }
  return redirectWithFlash(`${questionPath(q.id)}#attachments`, { kind: "success", message: added.message });
}
