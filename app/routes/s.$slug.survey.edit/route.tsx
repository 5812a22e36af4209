// The survey builder (issue #8): instructors and admins create the seminar's survey from a template or from
// scratch, set it up, and add, edit, reorder and preview questions until the first answer arrives.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/form";
import { CreateSurvey, QuestionEditor, SettingsForm } from "~/components/survey-builder";
import { QUESTION_TYPE_LABEL, hasResponses, surveyState } from "~/models/survey.server";
import { listSurveyTemplates } from "~/models/survey-questions.server";
import { zoneName } from "~/utils/dates";
import { errorsOf, formErrorOf, valuesOf } from "~/utils/forms";
import { builderAction, questionValues, settingsValues } from "./survey-edit.server";
import { requireSurveyAccess } from "../s.$slug.survey._index/survey-helpers.server";

export const meta: MetaFunction = () => [{ title: "Survey builder · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireSurveyAccess(request, params.slug, "instructor");
  const { seminar, survey } = ctx;
  const templates = listSurveyTemplates().map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    count: t.questions.length,
  }));
  if (!survey)
    return {
      slug: seminar.slug,
      survey: null,
      templates,
      questions: [],
      settings: null,
      locked: false,
      noSpeakers: false,
      state: null,
      zone: "",
    };
  const editId = Number(new URL(request.url).searchParams.get("edit")) || null;
  return {
    slug: seminar.slug,
    templates,
    survey: { id: survey.id, title: survey.title, published: !!survey.publishedAt },
    state: surveyState(survey, seminar),
    locked: hasResponses({ surveyId: survey.id }),
    noSpeakers: ctx.instructors.length === 0 && ctx.questions.some((q) => q.perInstructor),
    settings: settingsValues(survey, seminar.timeZone),
    zone: zoneName(seminar.timeZone, seminar.endsAt),
    questions: ctx.questions.map((q) => ({
      id: q.id,
      prompt: q.prompt,
      type: QUESTION_TYPE_LABEL[q.type],
      required: q.required,
      perInstructor: q.perInstructor,
      editing: q.id === editId,
      values: questionValues(q),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return builderAction(request, params.slug);
}

const STATE_TEXT = {
  draft: "Draft (not visible to attendees)",
  scheduled: "Published, opens later",
  open: "Open",
  closed: "Closed",
} as const;

export default function SurveyBuilder() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  // The reply says which form it answers: its intent (and question), sent back with what was typed.
  const sent = valuesOf(a?.result);
  const errors = errorsOf(a?.result);
  const formError = formErrorOf(a?.result);
  if (!d.survey || !d.settings) return <CreateSurvey templates={d.templates} formError={formError} />;
  const target =
    sent.intent === "settings" ? "settings" : sent.intent === "add-question" ? "add" : sent.intent === "update-question" ? `q${sent.questionId}` : "";
  const settings = d.settings;
  // What was typed into the settings; a field the person emptied stays empty (the reply leaves it out).
  const sentSettings = Object.fromEntries(Object.keys(settings).map((k) => [k, sent[k] ?? ""])) as typeof settings;
  return (
    <section className="stack" aria-labelledby="builder-title">
      <div className="page-head">
        <h1 id="builder-title">Survey builder</h1>
        <p className="actions">
          <Link to={`/s/${d.slug}/survey`}>Preview</Link>
          <Link to={`/s/${d.slug}/survey/results`}>Results</Link>
        </p>
      </div>
      <FormError message={formError} />
      <div className="card stack">
        <p>
          <strong>Status:</strong> {d.state ? STATE_TEXT[d.state] : null}
          {d.locked ? " · answers have arrived, so the questions are locked." : null}
        </p>
        <div className="actions">
          <Form method="post">
            {d.survey.published ? (
              !d.locked ? (
                <button type="submit" name="intent" value="unpublish" className="button--secondary">
                  Back to draft
                </button>
              ) : null
            ) : (
              <button type="submit" name="intent" value="publish">
                Publish
              </button>
            )}
          </Form>
          {!d.locked ? (
            <details className="confirm">
              <summary>Delete survey…</summary>
              <Form method="post" className="stack">
                <p>This deletes the survey and all its questions. No answers have arrived yet.</p>
                <button type="submit" name="intent" value="delete-survey" className="button--danger">
                  Delete the survey
                </button>
              </Form>
            </details>
          ) : null}
        </div>
      </div>
      <details className="card" open={target === "settings"}>
        <summary>Settings</summary>
        <SettingsForm
          values={target === "settings" ? sentSettings : settings}
          errors={target === "settings" ? errors : {}}
          locked={d.locked}
          zone={d.zone}
        />
      </details>
      <h2>Questions</h2>
      {d.noSpeakers ? (
        <p className="flash">
          This seminar has no instructors yet, so the “rate each speaker” questions are not shown to attendees.
        </p>
      ) : null}
      {d.questions.length === 0 ? <p className="muted">No questions yet.</p> : null}
      <ol className="builder-list">
        {d.questions.map((q, i) => (
          <li key={q.id} className="card">
            <p className="builder-list__prompt">{q.prompt}</p>
            <p className="muted">
              {q.type}
              {q.required ? " · required" : ""}
              {q.perInstructor ? " · asked for each instructor" : ""}
            </p>
            {!d.locked ? (
              <Form method="post" className="actions">
                <input type="hidden" name="questionId" value={q.id} />
                <button
                  type="submit"
                  name="intent"
                  value="move-up"
                  className="button--secondary"
                  disabled={i === 0}
                  aria-label={`Move “${q.prompt}” up`}
                >
                  Up
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="move-down"
                  className="button--secondary"
                  disabled={i === d.questions.length - 1}
                  aria-label={`Move “${q.prompt}” down`}
                >
                  Down
                </button>
                <Link to={q.editing ? "?" : `?edit=${q.id}`} aria-label={`Edit “${q.prompt}”`}>
                  {q.editing ? "Close" : "Edit"}
                </Link>
                <button
                  type="submit"
                  name="intent"
                  value="delete-question"
                  className="button--danger"
                  aria-label={`Delete “${q.prompt}”`}
                >
                  Delete
                </button>
              </Form>
            ) : null}
            {!d.locked && (q.editing || target === `q${q.id}`) ? (
              <QuestionEditor
                idPrefix={`q${q.id}`}
                intent="update-question"
                questionId={q.id}
                submitLabel="Save question"
                values={target === `q${q.id}` ? sent : q.values}
                errors={target === `q${q.id}` ? errors : {}}
              />
            ) : null}
          </li>
        ))}
      </ol>
      {!d.locked ? (
        <section className="card" aria-labelledby="add-title">
          <h2 id="add-title">Add a question</h2>
          <QuestionEditor
            idPrefix="add"
            intent="add-question"
            submitLabel="Add question"
            values={target === "add" ? sent : {}}
            errors={target === "add" ? errors : {}}
          />
        </section>
      ) : null}
    </section>
  );
}
