import { Form, useNavigation } from "@remix-run/react";
import { Field, TextArea } from "./form";

export type SessionFields = Partial<Record<"title" | "startsAt" | "endsAt" | "speaker" | "room" | "meetingUrl" | "description", string>>;

/** Add or edit a session; times are typed on the seminar's own clock (the zone is named in the hint). */
export function SessionForm({
  values,
  errors,
  zoneLabel,
  submitLabel,
}: {
  values: SessionFields;
  errors: Record<string, string | undefined>;
  zoneLabel: string;
  submitLabel: string;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" noValidate className="card">
      <input type="hidden" name="intent" value="save" />
      <Field label="Title" name="title" required maxLength={200} defaultValue={values.title ?? ""} error={errors.title} />
      <div className="field-row">
        <Field
          label="Starts"
          name="startsAt"
          type="datetime-local"
          required
          hint={`Time in ${zoneLabel}.`}
          defaultValue={values.startsAt ?? ""}
          error={errors.startsAt}
        />
        <Field
          label="Ends"
          name="endsAt"
          type="datetime-local"
          required
          hint={`Time in ${zoneLabel}; after the start.`}
          defaultValue={values.endsAt ?? ""}
          error={errors.endsAt}
        />
      </div>
      <Field label="Speaker" name="speaker" maxLength={200} defaultValue={values.speaker ?? ""} error={errors.speaker} />
      <Field label="Room" name="room" maxLength={200} defaultValue={values.room ?? ""} error={errors.room} />
      <Field
        label="Online meeting link"
        name="meetingUrl"
        type="url"
        hint="Optional, for sessions held online."
        placeholder="https://"
        defaultValue={values.meetingUrl ?? ""}
        error={errors.meetingUrl}
      />
      <TextArea label="Notes" name="description" maxLength={2000} hint="Optional: what to prepare, what to bring." defaultValue={values.description ?? ""} error={errors.description} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
