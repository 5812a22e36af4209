// The GET filter form of the list pages (catalogue, library, careers): linkable results, works without JavaScript.
// Each field is a labelled control whose id is `${idPrefix}-${name}`; the current values come from the loader.
import { Form, Link } from "@remix-run/react";

export type FilterField =
  | { type: "select"; name: string; label: string; value: string; options: readonly (readonly [string, string])[]; any?: string }
  | { type: "search" | "date"; name: string; label: string; value: string; maxLength?: number }
  | { type: "check"; name: string; label: string; checked: boolean }
  | { type: "hidden"; name: string; value: string };

/** ["Privacy", "Tax"] → the same strings as value and label. */
export const sameLabel = (values: readonly string[]) => values.map((v) => [v, v] as const);

function Control({ field, id }: { field: FilterField; id: string }) {
  switch (field.type) {
    case "hidden":
      return <input type="hidden" name={field.name} value={field.value} />;
    case "check":
      return (
        <label className="choice">
          <input type="checkbox" name={field.name} defaultChecked={field.checked} /> {field.label}
        </label>
      );
    case "select":
      return (
        <div className="field">
          <label htmlFor={id}>{field.label}</label>
          <select id={id} name={field.name} defaultValue={field.value}>
            <option value="">{field.any ?? "Any"}</option>
            {field.options.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      );
    default:
      return (
        <div className="field">
          <label htmlFor={id}>{field.label}</label>
          <input id={id} type={field.type} name={field.name} defaultValue={field.value} maxLength={field.maxLength} />
        </div>
      );
  }
}

export function FilterForm({
  label,
  idPrefix,
  className = "card filters",
  fields,
  submitLabel,
  clear,
}: {
  /** The form's accessible name, e.g. "Filter seminars". */
  label: string;
  idPrefix: string;
  className?: string;
  fields: FilterField[];
  submitLabel: string;
  /** A link back to the unfiltered list, shown while a filter is on. */
  clear?: { to: string; label: string } | null;
}) {
  return (
    <Form method="get" className={className} role="search" aria-label={label}>
      {fields.map((f) => (
        <Control key={f.name} field={f} id={`${idPrefix}-${f.name}`} />
      ))}
      <div className="actions">
        <button type="submit">{submitLabel}</button>
        {clear ? <Link to={clear.to}>{clear.label}</Link> : null}
      </div>
    </Form>
  );
}
