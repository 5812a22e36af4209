// The text box, attachment and send button of a message form (new conversation and reply).
import { UploadField } from "./upload-field";

export function MessageComposer({
  defaultValue,
  error,
  attachmentError,
  upload,
  busy,
  formKey,
}: {
  defaultValue: string;
  error: string | null;
  attachmentError: string | null;
  upload: { accept: string; maxBytes: number; maxLabel: string; kinds: string };
  busy: boolean;
  formKey?: string | number;
}) {
  return (
    <>
      <div className={`field${error ? " field--invalid" : ""}`}>
        <label htmlFor="f-body">Message</label>
        <p className="field__hint" id="f-body-hint">
          Markdown works: **bold**, _italic_, lists and links.
        </p>
        <textarea
          key={formKey}
          id="f-body"
          name="body"
          rows={5}
          defaultValue={defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "f-body-hint f-body-error" : "f-body-hint"}
        />
        {error ? (
          <p className="field__error" id="f-body-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <UploadField label="Attach a file (optional)" name="attachment" {...upload} error={attachmentError} required={false} />
      <div className="actions">
        <button type="submit" name="intent" value="send" disabled={busy}>
          {busy ? "Sending…" : "Send"}
        </button>
      </div>
    </>
  );
}
