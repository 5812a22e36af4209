// A card form that picks one seminar and posts it with an intent (feature a document there, open it to library
// contributions…); the error comes back next to the choice.
import { Form } from "@remix-run/react";
import { SelectField } from "./form";

export function SeminarChoiceForm({
  intent,
  id,
  label,
  choices,
  error,
  submitLabel,
}: {
  intent: string;
  id: string;
  label: string;
  choices: { id: number; title: string }[];
  error?: string;
  submitLabel: string;
}) {
  return (
    <Form method="post" className="card">
      <input type="hidden" name="intent" value={intent} />
      <SelectField id={id} label={label} name="seminarId" error={error} options={choices.map((s) => [s.id, s.title] as const)} />
      <div className="actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}
