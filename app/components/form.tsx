import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

interface FieldProps {
  label: string;
  name: string;
  error?: string | null;
  hint?: ReactNode;
}

type Aria = { "aria-invalid"?: true; "aria-describedby"?: string };

/** Label, hint, control and error, with the error announced and tied to the control (aria-describedby). */
function FieldShell({
  id,
  label,
  error,
  hint,
  control,
}: Omit<FieldProps, "name"> & { id: string; control: (aria: Aria) => ReactNode }) {
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

/** The shell around one control, with the control's id (`f-<name>` unless given) passed to `render`. */
function shelled({ label, name, error, hint, id }: FieldProps & { id?: string }, render: (id: string, aria: Aria) => ReactNode) {
  const fid = id ?? `f-${name}`;
  return <FieldShell id={fid} label={label} error={error} hint={hint} control={(aria) => render(fid, aria)} />;
}

export function Field({ label, name, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return shelled({ label, name, error, hint, id: input.id }, (id, aria) => <input id={id} name={name} {...aria} {...input} />);
}

export function TextArea({ label, name, error, hint, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return shelled({ label, name, error, hint, id: input.id }, (id, aria) => <textarea id={id} name={name} {...aria} {...input} />);
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
  return shelled({ label, name, error, hint, id: select.id }, (id, aria) => (
    <select id={id} name={name} {...aria} {...select}>
      {options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </select>
  ));
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div className="flash flash--error" role="alert">
      {message}
    </div>
  );
}
