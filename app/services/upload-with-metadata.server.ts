// One upload with metadata, shared by the four upload forms (a new course material or library document, a new
// version of either): read the streamed upload, check the text fields with parseWithZod, move the file into place
// and save, leaving nothing on disk when anything fails. Refusals go back as submission.reply() to the form.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { z } from "zod";
import type { StoredFile } from "~/models/material.server";
import {
  ACCEPT_ATTRIBUTE,
  ACCEPTED_KINDS,
  maxUploadBytes,
  maxUploadLabel,
  receiveUpload,
  removeStoredFile,
  storeUpload,
  type UploadedFile,
} from "~/services/uploads.server";

/** What the upload forms need from their loader: the limits the file field shows, and today for "as of". */
export function uploadFormData() {
  return {
    today: new Date().toISOString().slice(0, 10),
    upload: { maxBytes: maxUploadBytes(), maxLabel: maxUploadLabel(), kinds: ACCEPTED_KINDS, accept: ACCEPT_ATTRIBUTE },
  };
}

function toFormData(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

// A refusal shown on the form page; the connection is closed so an unread request body is not drained.
const REFUSAL_HEADERS = { Connection: "close", "Cache-Control": "no-store" };

/** The file's own refusal (too big, wrong type): only that error, the other fields as they were sent. */
function fileRefusal(status: number, fields: Record<string, string>, error: string) {
  const submission = parseWithZod(toFormData(fields), { schema: z.object({}) });
  return data({ result: submission.reply({ fieldErrors: { file: [error] } }) }, { status, headers: REFUSAL_HEADERS });
}

export async function handleUpload<S extends z.ZodType>(
  request: Request,
  schema: S,
  save: (input: z.infer<S>, file: StoredFile) => string,
) {
  const received = await receiveUpload(request);
  if (!received.ok) return { ok: false as const, response: fileRefusal(received.status, received.fields, received.error) };
  // The schemas read the fields as they were typed (an empty title is "give it a title", not "required").
  const submission = parseWithZod(toFormData(received.fields), { schema, disableAutoCoercion: true });
  if (submission.status !== "success" || !received.file) {
    await received.discard();
    const file = !received.file ? "Choose a file to upload." : "Choose the file again: browsers do not keep it when a form is sent back.";
    return { ok: false as const, response: data({ result: submission.reply({ fieldErrors: { file: [file] } }) }, { status: 400, headers: REFUSAL_HEADERS }) };
  }
  const file: UploadedFile = received.file;
  let storedName: string | null = null;
  try {
    storedName = await storeUpload(file, "materials");
    const redirectTo = save(submission.value as z.infer<S>, {
      storedName,
      fileName: file.fileName,
      contentType: file.type.contentType,
      size: file.size,
      sha256: file.sha256,
    });
    return { ok: true as const, redirectTo };
  } catch (error) {
    if (storedName) await removeStoredFile("materials", storedName);
    throw error;
  } finally {
    await received.discard();
  }
}
