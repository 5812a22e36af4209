import { useState, type ChangeEvent } from "react";

/**
 * The file input of an upload form. With JavaScript, a file over the limit is refused as soon as it is chosen (the
 * server refuses it too, early, from the request's size). The file field comes last in its form, so the server
 * has the other fields in hand when it refuses a file and can show them again.
 */
export function UploadField({
  label,
  name = "file",
  accept,
  maxBytes,
  maxLabel,
  kinds,
  error,
  required = true,
}: {
  label: string;
  name?: string;
  accept: string;
  maxBytes: number;
  maxLabel: string;
  kinds: string;
  error?: string | null;
  required?: boolean;
}) {
  const [clientError, setClientError] = useState<string | null>(null);
  const id = `f-${name}`;
  const shown = clientError ?? error ?? null;
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (file && file.size > maxBytes) {
      setClientError(`That file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the most we accept is ${maxLabel}. Choose a smaller file.`);
      e.currentTarget.value = "";
    } else if (file && file.size === 0) {
      setClientError("That file is empty. Choose a file with something in it.");
      e.currentTarget.value = "";
    } else setClientError(null);
  };
  return (
    <div className={`field${shown ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <p className="field__hint" id={`${id}-hint`}>
        {kinds}; up to {maxLabel}.
      </p>
      <input
        id={id}
        name={name}
        type="file"
        accept={accept}
        required={required}
        onChange={onChange}
        aria-invalid={shown ? true : undefined}
        aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ""}`}
      />
      {shown ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {shown}
        </p>
      ) : null}
    </div>
  );
}
