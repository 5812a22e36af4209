// Shared by the two upload forms (new material, new version): read the streamed upload, validate the text fields,
// move the file into place and save, leaving nothing on disk when anything fails.
import { data } from "@remix-run/node";
import type { z } from "zod";
import { fieldErrors } from "~/auth/forms.server";
import { receiveUpload, removeStoredFile, storeUpload, type UploadedFile } from "~/services/uploads.server";
import type { StoredFile } from "~/models/material.server";

type Values = Record<string, string>;
export type UploadFailure = { errors: Record<string, string>; values: Values };

/** A refusal shown on the form page; the connection is closed so an unread request body is not drained. */
export function uploadFailure(status: number, errors: Record<string, string>, values: Values) {
  return data<UploadFailure>({ errors, values }, { status, headers: { Connection: "close", "Cache-Control": "no-store" } });
}

export async function handleUpload<S extends z.ZodType>(
  request: Request,
  schema: S,
  save: (input: z.infer<S>, file: StoredFile) => string,
): Promise<{ ok: true; redirectTo: string } | { ok: false; response: ReturnType<typeof uploadFailure> }> {
  const received = await receiveUpload(request);
  if (!received.ok) {
    return { ok: false, response: uploadFailure(received.status, { file: received.error }, received.fields) };
  }
  const values = received.fields;
  const parsed = schema.safeParse(values);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  if (!received.file) errors.file = "Choose a file to upload.";
  else if (Object.keys(errors).length) errors.file = "Choose the file again: browsers do not keep it when a form is sent back.";
  if (!parsed.success || !received.file) {
    await received.discard();
    return { ok: false, response: uploadFailure(400, errors, values) };
  }
  const file: UploadedFile = received.file;
  let storedName: string | null = null;
  try {
    storedName = await storeUpload(file, "materials");
    const redirectTo = save(parsed.data, {
      storedName,
      fileName: file.fileName,
      contentType: file.type.contentType,
      size: file.size,
      sha256: file.sha256,
    });
    return { ok: true, redirectTo };
  } catch (error) {
    if (storedName) await removeStoredFile("materials", storedName);
    throw error;
  } finally {
    await received.discard();
  }
}
