// The form of every upload with metadata (a course material or library document, or a new version of either):
// the route's own fields, then the file (last, so the server has the other fields in hand when it refuses a file),
// then the submit button. Errors and the values sent come back as a conform submission.reply().
import type { ReactNode } from "react";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { UploadField } from "./upload-field";

export interface UploadLimits {
  maxBytes: number;
  maxLabel: string;
  kinds: string;
  accept: string;
}

type Reply = { result?: { error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> | null } } | undefined;

/** Field errors (first message each) and the values sent back, for the fields' error and defaultValue props. */
export function useUploadReply() {
  const reply = useActionData() as Reply;
  const errors: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(reply?.result?.error ?? {})) errors[k] = v?.[0];
  const values: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(reply?.result?.initialValue ?? {})) if (typeof v === "string") values[k] = v;
  return { errors, values };
}

export function UploadForm({ upload, fileError, submitLabel, children }: { upload: UploadLimits; fileError?: string; submitLabel: string; children: ReactNode }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" encType="multipart/form-data" noValidate className="card">
      {children}
      <UploadField label="File" accept={upload.accept} maxBytes={upload.maxBytes} maxLabel={upload.maxLabel} kinds={upload.kinds} error={fileError} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? "Uploading…" : submitLabel}
        </button>
      </div>
    </Form>
  );
}
