import { Form, useNavigation } from "@remix-run/react";
import { Field, TextArea } from "./form";

export type SeminarFields = Partial<
  Record<
    | "title"
    | "slug"
    | "summary"
    | "descriptionMd"
    | "welcomeMd"
    | "timeZone"
    | "startsAt"
    | "endsAt"
    | "venue"
    | "meetingUrl"
    | "capacity"
    | "instructors"
    | "cloneFrom",
    string
  >
>;

/** The admins' seminar form (create, edit, clone). Dates are typed on the clock of the chosen time zone. */
export function SeminarForm({
  values,
  errors,
  timeZones,
  submitLabel,
}: {
  values: SeminarFields;
  errors: Record<string, string | undefined>;
  timeZones: string[];
  submitLabel: string;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" noValidate className="card seminar-form">
      {values.cloneFrom ? <input type="hidden" name="cloneFrom" value={values.cloneFrom} /> : null}
      <Field label="Title" name="title" required maxLength={200} defaultValue={values.title ?? ""} error={errors.title} />
      <Field
        label="Short address"
        name="slug"
        required
        maxLength={60}
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        hint={<>The seminar's address: /s/<em>short-address</em>. Lower-case letters, digits and hyphens.</>}
        defaultValue={values.slug ?? ""}
        error={errors.slug}
      />
      <Field label="Summary" name="summary" maxLength={400} hint="One or two sentences for lists." defaultValue={values.summary ?? ""} error={errors.summary} />
      <TextArea
        label="Description"
        name="descriptionMd"
        hint="Markdown: **bold**, *italic*, lists, links."
        defaultValue={values.descriptionMd ?? ""}
        error={errors.descriptionMd}
      />
      <fieldset>
        <legend>When</legend>
        <div className="field">
          <label htmlFor="f-timeZone">Time zone</label>
          <select id="f-timeZone" name="timeZone" defaultValue={values.timeZone || "America/New_York"} aria-invalid={errors.timeZone ? true : undefined}>
            {timeZones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, " ")}
              </option>
            ))}
          </select>
          {errors.timeZone ? <p className="field__error">{errors.timeZone}</p> : null}
        </div>
        <div className="field-row">
          <Field label="Starts" name="startsAt" type="datetime-local" required hint="In the time zone above." defaultValue={values.startsAt ?? ""} error={errors.startsAt} />
          <Field label="Ends" name="endsAt" type="datetime-local" required hint="After the start." defaultValue={values.endsAt ?? ""} error={errors.endsAt} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Where</legend>
        <Field label="Venue" name="venue" maxLength={300} hint="Building, address and room, or “Online”." defaultValue={values.venue ?? ""} error={errors.venue} />
        <Field label="Online meeting link" name="meetingUrl" type="url" placeholder="https://" defaultValue={values.meetingUrl ?? ""} error={errors.meetingUrl} />
      </fieldset>
      <Field
        label="Capacity"
        name="capacity"
        inputMode="numeric"
        hint="Number of places; leave empty for no limit."
        defaultValue={values.capacity ?? ""}
        error={errors.capacity}
      />
      <TextArea
        label="Instructors"
        name="instructors"
        rows={3}
        hint="Email addresses of existing members, one per line. Anyone taken off this list stays in the seminar as an attendee."
        defaultValue={values.instructors ?? ""}
        error={errors.instructors}
      />
      <TextArea
        label="Welcome message"
        name="welcomeMd"
        rows={4}
        hint="Shown at the top of the seminar's home page. Markdown."
        defaultValue={values.welcomeMd ?? ""}
        error={errors.welcomeMd}
      />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
