import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

interface FieldProps {
  label: string;
  name: string;
  error?: string | null;
  hint?: ReactNode;
}

/** Label, hint, control and error, with the error announced and tied to the control (aria-describedby). */
function FieldShell({
  id,
  label,
  error,
  hint,
  control,
}: Omit<FieldProps, "name"> & { id: string; control: (aria: { "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode }) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {control({ "aria-invalid": error ? true : undefined, "aria-describedby": described })}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Field({ label, name, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = input.id ?? `f-${name}`;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} control={(aria) => <input id={id} name={name} {...aria} {...input} />} />
  );
}

export function TextArea({ label, name, error, hint, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = input.id ?? `f-${name}`;
  return (
    <FieldShell
      id={id}
      label={label}
      error={error}
      hint={hint}
      control={(aria) => <textarea id={id} name={name} {...aria} {...input} />}
    />
  );
}

/** A labelled choice list; `options` are [value, label] pairs. */
export function SelectField({
  label,
  name,
  error,
  hint,
  options,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly (readonly [string | number, string])[] }) {
  const id = select.id ?? `f-${name}`;
  return (
    <FieldShell
      id={id}
      label={label}
      error={error}
      hint={hint}
      control={(aria) => (
        <select id={id} name={name} {...aria} {...select}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div className="flash flash--error" role="alert">
      {message}
    </div>
  );
}
