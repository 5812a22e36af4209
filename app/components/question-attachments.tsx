// Issue #14: the files attached to a question, with the asker's form to add one and buttons to remove them.
import { Form } from "@remix-run/react";
import { formatBytes } from "./local-time";
import { UploadField } from "./upload-field";

export function QuestionAttachments({
  questionId,
  attachments,
  upload,
  canRemove,
  busy,
  error,
  openForm,
}: {
  questionId: number;
  attachments: { id: number; fileName: string; size: number; kind: string }[];
  upload: { accept: string; maxBytes: number; maxLabel: string; kinds: string; max: number } | null;
  canRemove: boolean;
  busy: boolean;
  error?: string;
  openForm: boolean;
}) {
  if (!attachments.length && !upload) return null;
  return (
    <section id="attachments" aria-labelledby="attachments-title" className="stack">
      <h2 id="attachments-title">Attached files</h2>
      {attachments.length ? (
        <ul className="plain-list">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`/questions/${questionId}/attachments/${a.id}`} download>
                {a.fileName}
              </a>{" "}
              <span className="muted">
                ({a.kind}, {formatBytes(a.size)})
              </span>
              {canRemove ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="attachmentId" value={a.id} />
                  <button type="submit" name="intent" value="detach" className="button--small button--secondary" aria-label={`Remove ${a.fileName}`}>
                    Remove
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No files yet.</p>
      )}
      {upload && attachments.length < upload.max ? (
        <details open={openForm}>
          <summary>Attach a file</summary>
          <Form method="post" encType="multipart/form-data" className="stack">
            <input type="hidden" name="intent" value="attach" />
            <UploadField label="File" name="attachment" accept={upload.accept} maxBytes={upload.maxBytes} maxLabel={upload.maxLabel} kinds={upload.kinds} error={error} />
            <button type="submit" className="button--small" disabled={busy}>
              Attach
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
