// Builder forms for a seminar's survey (issue #8): the settings and one question's editor. Plain forms, so the
// builder works without JavaScript; every type's settings are visible and labelled with the types they apply to.
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Field, FormError, TextArea } from "./form";

export const TYPE_OPTIONS: { value: string; label: string }[] = [
  { value: "rating", label: "Rating (1–5 with labelled ends)" },
  { value: "matrix", label: "Matrix of statements rated 1–5" },
  { value: "nps", label: "Net Promoter (0–10)" },
  { value: "single", label: "Single choice" },
  { value: "multiple", label: "Multiple choice" },
  { value: "number", label: "Number" },
  { value: "short", label: "Short text" },
  { value: "long", label: "Long text" },
];

export type QuestionFormValues = Record<string, string>;

export function QuestionEditor({
  values,
  errors,
  intent,
  questionId,
  submitLabel,
  idPrefix,
}: {
  values: QuestionFormValues;
  errors: Record<string, string | undefined>;
  intent: "add-question" | "update-question";
  questionId?: number;
  submitLabel: string;
  idPrefix: string;
}) {
  const id = (n: string) => `${idPrefix}-${n}`;
  // Without JavaScript every type's settings show (labelled with the types they apply to); with it, only the
  // settings of the chosen type.
  const [type, setType] = useState(values.type ?? "rating");
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const show = (...types: string[]) => !enhanced || types.includes(type);
  return (
    <Form method="post" className="question-editor" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {questionId ? <input type="hidden" name="questionId" value={questionId} /> : null}
      <div className={`field${errors.type ? " field--invalid" : ""}`}>
        <label htmlFor={id("type")}>Question type</label>
        <select
          id={id("type")}
          name="type"
          defaultValue={values.type ?? "rating"}
          onChange={(e) => setType(e.currentTarget.value)}
          aria-invalid={errors.type ? true : undefined}
        >
          {TYPE_OPTIONS.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
        {errors.type ? <p className="field__error">{errors.type}</p> : null}
      </div>
      <Field
        id={id("prompt")}
        label="Question"
        name="prompt"
        defaultValue={values.prompt ?? ""}
        error={errors.prompt}
        maxLength={300}
      />
      <Field
        id={id("help")}
        label="Help text (optional)"
        name="help"
        defaultValue={values.help ?? ""}
        error={errors.help}
        maxLength={500}
      />
      <div className="checks">
        <label>
          <input type="checkbox" name="required" defaultChecked={values.required === "on"} /> Required
        </label>
        <label>
          <input type="checkbox" name="perInstructor" defaultChecked={values.perInstructor === "on"} /> Ask about each
          instructor (the “rate each speaker” section)
        </label>
      </div>
      <fieldset hidden={!show("rating", "matrix")}>
        <legend>Scale labels (rating and matrix)</legend>
        <div className="two-cols">
          <Field
            id={id("low")}
            label="Label for 1"
            name="lowLabel"
            defaultValue={values.lowLabel ?? ""}
            error={errors.lowLabel}
            placeholder="Poor"
          />
          <Field
            id={id("high")}
            label="Label for 5"
            name="highLabel"
            defaultValue={values.highLabel ?? ""}
            error={errors.highLabel}
            placeholder="Excellent"
          />
        </div>
      </fieldset>
      <div hidden={!show("matrix")}>
        <TextArea
          id={id("statements")}
          label="Statements (matrix), one per line"
          name="statements"
          rows={4}
          defaultValue={values.statements ?? ""}
          error={errors.statements}
        />
      </div>
      <div hidden={!show("single", "multiple")}>
        <TextArea
          id={id("choices")}
          label="Choices (single and multiple choice), one per line"
          name="choices"
          rows={4}
          defaultValue={values.choices ?? ""}
          error={errors.choices}
        />
      </div>
      <div className="checks" hidden={!show("multiple")}>
        <label>
          <input type="checkbox" name="allowOther" defaultChecked={values.allowOther === "on"} /> Offer an “Other” text
          box (multiple choice)
        </label>
      </div>
      <fieldset hidden={!show("number")}>
        <legend>Number limits (number questions)</legend>
        <div className="two-cols">
          <Field
            id={id("min")}
            label="Lowest allowed"
            name="min"
            inputMode="decimal"
            defaultValue={values.min ?? ""}
            error={errors.min}
          />
          <Field
            id={id("max")}
            label="Highest allowed"
            name="max"
            inputMode="decimal"
            defaultValue={values.max ?? ""}
            error={errors.max}
          />
        </div>
        <label>
          <input type="checkbox" name="integer" defaultChecked={values.integer === "on"} /> Whole numbers only
        </label>
      </fieldset>
      <p className="actions">
        <button type="submit">{submitLabel}</button>
      </p>
    </Form>
  );
}

export interface SettingsValues {
  title: string;
  intro: string;
  anonymous: string;
  opensMode: string;
  opensAt: string;
  closesAt: string;
  minResponses: string;
  reminderAfterDays: string;
}

export function SettingsForm({
  values,
  errors,
  locked,
  zone,
}: {
  values: SettingsValues;
  errors: Record<string, string | undefined>;
  locked: boolean;
  zone: string;
}) {
  return (
    <Form method="post" noValidate className="survey-settings">
      <input type="hidden" name="intent" value="settings" />
      <Field id="s-title" label="Title" name="title" defaultValue={values.title} error={errors.title} maxLength={200} />
      <TextArea
        id="s-intro"
        label="Introduction shown above the questions"
        name="intro"
        rows={3}
        defaultValue={values.intro}
        error={errors.intro}
      />
      <fieldset disabled={locked}>
        <legend>Who answered</legend>
        {locked ? <p className="field__hint">Fixed once answers have arrived.</p> : null}
        <label className="block-choice">
          <input type="radio" name="anonymous" value="yes" defaultChecked={values.anonymous === "yes"} /> Anonymous:
          answers are stored without names
        </label>
        <label className="block-choice">
          <input type="radio" name="anonymous" value="no" defaultChecked={values.anonymous === "no"} /> Named: names are
          recorded with answers
        </label>
        <Field
          id="s-min"
          label="Results of an anonymous survey appear from this many answers on"
          name="minResponses"
          inputMode="numeric"
          className="input--short"
          defaultValue={values.minResponses}
          error={errors.minResponses}
        />
      </fieldset>
      <fieldset disabled={locked}>
        <legend>Opens</legend>
        <label className="block-choice">
          <input
            type="radio"
            name="opensMode"
            value="seminar-end"
            defaultChecked={values.opensMode === "seminar-end"}
          />{" "}
          When the seminar ends
        </label>
        <label className="block-choice">
          <input type="radio" name="opensMode" value="date" defaultChecked={values.opensMode === "date"} /> On this
          date:
        </label>
        <Field
          id="s-opens"
          label={`Opening date and time (${zone})`}
          name="opensAt"
          type="datetime-local"
          defaultValue={values.opensAt}
          error={errors.opensAt}
        />
      </fieldset>
      <Field
        id="s-closes"
        label={`Closes (${zone})`}
        name="closesAt"
        type="datetime-local"
        defaultValue={values.closesAt}
        error={errors.closesAt}
      />
      <Field
        id="s-reminder"
        label="Send one reminder to those who have not answered after this many days (empty: no reminder)"
        name="reminderAfterDays"
        inputMode="numeric"
        className="input--short"
        defaultValue={values.reminderAfterDays}
        error={errors.reminderAfterDays}
      />
      <p className="actions">
        <button type="submit">Save settings</button>
      </p>
    </Form>
  );
}

/** The first step: start from a template in content/surveys/ or from scratch. */
export function CreateSurvey({
  templates,
  formError,
}: {
  templates: { id: string; name: string; description: string; count: number }[];
  formError?: string | null;
}) {
  return (
    <section className="stack" aria-labelledby="builder-title">
      <h1 id="builder-title">Create the survey</h1>
      <FormError message={formError} />
      {templates.map((t) => (
        <Form method="post" key={t.id} className="card stack">
          <h2>{t.name}</h2>
          <p>{t.description}</p>
          <p className="muted">{t.count} questions, including a “rate each speaker” section.</p>
          <input type="hidden" name="templateId" value={t.id} />
          <button type="submit" name="intent" value="create">
            Start from “{t.name}”
          </button>
        </Form>
      ))}
      <Form method="post" className="card stack">
        <h2>From scratch</h2>
        <p>An empty survey; add your own questions.</p>
        <button type="submit" name="intent" value="create" className="button--secondary">
          Start from scratch
        </button>
      </Form>
    </section>
  );
}
