// Issue #18: small form pieces shared by the careers and referral forms (conform's reply: errors and initial values).
import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormError } from "./form";

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
      {children({
        id,
        "aria-invalid": error?.length ? true : undefined,
        "aria-describedby": described,
      })}
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

/** A labelled select over [value, label] pairs (with an optional empty "Choose…" first). */
export function SelectField({
  id,
  label,
  name,
  options,
  defaultValue,
  error,
  placeholder,
}: {
  id: string;
  label: string;
  name: string;
  options: readonly (readonly [string, string])[];
  defaultValue: string;
  error?: string[] | null;
  placeholder?: string;
}) {
  return (
    <LabeledField id={id} label={label} error={error}>
      {(a) => (
        <select {...a} name={name} defaultValue={defaultValue}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map(([k, l]) => (
            <option key={k} value={k}>
              {l}
            </option>
          ))}
        </select>
      )}
    </LabeledField>
  );
}

/** The page around a careers form (post a job, ask for a referral): heading, form-level error, submit and cancel. */
export function CareersFormPage({
  title,
  intro,
  errors,
  busy,
  submitLabel,
  cancelTo,
  children,
}: {
  title: string;
  intro: ReactNode;
  errors: Errors;
  busy: boolean;
  submitLabel: string;
  cancelTo: string;
  children: ReactNode;
}) {
  const count = Object.keys(errors).filter((k) => k !== "").length;
  const message = errors[""]?.[0] ?? (count ? `Please correct the ${count === 1 ? "field" : `${count} fields`} marked below.` : null);
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>{title}</h1>
        <p className="muted">{intro}</p>
      </div>
      <FormError message={message} />
      <Form method="post" noValidate className="card stack">
        {children}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Posting…" : submitLabel}
          </button>
          <Link to={cancelTo} className="button button--secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}

/** What conform's reply carries back to a form: field errors and the values typed, plus whether it is submitting. */
export function useFormReply(reply: { error?: unknown; initialValue?: unknown } | undefined) {
  const busy = useNavigation().state === "submitting";
  const errors = (reply?.error ?? {}) as Errors;
  const initial = (reply?.initialValue ?? null) as Initial;
  return {
    busy,
    errors,
    initial,
    v: (k: string, f = "") => value(initial, k, f),
  };
}

/** The head of a posting's or a request's page: the way back, the title, and what the page adds below it. */
export function CareersItemHead({ back, backLabel, title, children }: { back: string; backLabel: string; title: string; children: ReactNode }) {
  return (
    <div className="page-head">
      <p>
        <Link to={back}>← {backLabel}</Link>
      </p>
      <h1>{title}</h1>
      {children}
    </div>
  );
}

/** A small form on a posting's or a request's page: its form-level error, its fields, and one submit for `intent`. */
export function IntentForm({
  intent,
  submitLabel,
  errors,
  busy,
  children,
}: {
  intent: string;
  submitLabel: string;
  errors: Errors;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <Form method="post" noValidate className="stack">
      <FormError message={errors[""]?.[0]} />
      {children}
      <div className="actions">
        <button type="submit" name="intent" value={intent} disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

/** One secondary button that posts an intent (close, withdraw, save): a whole form, so it works without JavaScript. */
export function IntentButton({ intent, children, pressed }: { intent: string; children: ReactNode; pressed?: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <button type="submit" name="intent" value={intent} className="button--secondary" aria-pressed={pressed}>
        {children}
      </button>
    </Form>
  );
}
