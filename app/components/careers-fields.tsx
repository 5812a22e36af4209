// Issue #18: small form pieces shared by the careers and referral forms (conform's reply: errors and initial values).
import type { ReactNode } from "react";

export type Errors = Record<string, string[] | null | undefined>;
export type Initial = Record<string, unknown> | null;

export function value(initial: Initial, key: string, fallback = ""): string {
  const v = initial?.[key];
  return v === undefined || v === null ? fallback : String(Array.isArray(v) ? v[0] : v);
}

export function values(initial: Initial, key: string): string[] {
  const v = initial?.[key];
  return v === undefined || v === null ? [] : [v].flat().map(String);
}

/** A labelled control with its hint and its error tied to it (aria-describedby). */
export function LabeledField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string[] | null;
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : null, error?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error?.length ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-invalid": error?.length ? true : undefined, "aria-describedby": described })}
      {error?.length ? (
        <p className="field__error" id={`${id}-error`}>
          {error[0]}
        </p>
      ) : null}
    </div>
  );
}

/** A group of checkboxes from a controlled list, folded away until used. */
export function CheckList({
  name,
  legend,
  options,
  chosen,
  error,
}: {
  name: string;
  legend: string;
  options: string[];
  chosen: string[];
  error?: string[] | null;
}) {
  return (
    <details open={chosen.length > 0 || Boolean(error?.length)}>
      <summary>
        {legend} ({chosen.length} chosen)
      </summary>
      <fieldset className="checkbox-columns" aria-describedby={error?.length ? `${name}-error` : undefined}>
        <legend className="visually-hidden">{legend}</legend>
        {options.map((o) => (
          <label key={o} className="choice">
            <input type="checkbox" name={name} value={o} defaultChecked={chosen.includes(o)} />
            {o}
          </label>
        ))}
      </fieldset>
      {error?.length ? (
        <p className="field__error" id={`${name}-error`}>
          {error[0]}
        </p>
      ) : null}
    </details>
  );
}
