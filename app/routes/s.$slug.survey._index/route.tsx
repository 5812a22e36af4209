// The survey page (issue #8): attendees answer (and may change their answers until it closes); instructors
// and admins see a preview of the form with links to the builder and the results.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { sectionOfFirstError, SurveyErrorSummary, SurveyProgress, SurveyQuestions, surveySections } from "~/components/survey-form";
import { getMyAnswers, answersToValues, checkAnswers, saveResponse, type RawValues } from "~/models/survey-response.server";
import type { Instructor, Question } from "~/models/survey.server";
import { effectiveOpensAt, surveyState } from "~/models/survey.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, formErrorOf, type FormResult } from "~/utils/forms";
import { formatWhen, requireSurveyAccess, toFormQuestion } from "./survey-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.survey ? `${data.survey.title} · Colloquy` : "Survey · Colloquy" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireSurveyAccess(request, params.slug);
  const { seminar, survey, canManage, role, user } = ctx;
  if (!survey || (!survey.publishedAt && !canManage)) {
    return {
      seminarSlug: seminar.slug,
      canManage,
      survey: null,
      questions: [],
      instructors: [],
      values: {},
      answered: false,
      isAttendee: role === "attendee",
    };
  }
  const state = surveyState(survey, seminar);
  const mine = role === "attendee" ? getMyAnswers({ survey, userId: user.id }) : null;
  return {
    seminarSlug: seminar.slug,
    canManage,
    isAttendee: role === "attendee",
    survey: {
      id: survey.id,
      title: survey.title,
      intro: survey.intro,
      anonymous: survey.anonymous,
      state,
      opens: formatWhen(effectiveOpensAt(survey, seminar), seminar.timeZone),
      closes: formatWhen(survey.closesAt, seminar.timeZone),
    },
    questions: ctx.questions.map(toFormQuestion),
    instructors: ctx.instructors,
    answered: mine !== null,
    values: mine ? answersToValues(ctx.questions, ctx.instructors, mine) : {},
  };
}

/** The answers as sent: text fields and multi-valued choices (files are not part of a survey). */
function rawOf(payload: Record<string, unknown> | null | undefined): RawValues {
  const out: RawValues = {};
  for (const [k, v] of Object.entries(payload ?? {})) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

/** The survey's own form, built from its questions: each question's message beside it, the summary above. */
function answerSchema(questions: Question[], instructors: Instructor[], sentKeys: string[]) {
  return z.record(z.string(), z.unknown()).transform((payload, ctx) => {
    const checked = checkAnswers(questions, instructors, rawOf(payload), sentKeys);
    for (const [field, message] of Object.entries(checked.errors)) ctx.addIssue({ code: "custom", path: [field], message });
    if (checked.formError) ctx.addIssue({ code: "custom", path: [], message: checked.formError });
    return checked.answers;
  });
}

/** Every post as sent, unchecked: moving between the survey's pages and refusals keep what was typed. */
const SentSchema = z.record(z.string(), z.unknown());

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireSurveyAccess(request, params.slug);
  const { seminar, survey, role, user } = ctx;
  const formData = await request.formData();
  const sent = parseWithZod(formData, { schema: SentSchema });
  // `typed`: the page shows the answers as sent; otherwise the saved ones (or none) from the loader.
  const refuse = (formError: string, status = 400) =>
    data({ result: sent.reply({ formErrors: [formError] }), typed: false, section: null as number | null }, { status });
  if (!survey || !survey.publishedAt) return refuse("This seminar has no survey to answer.", 404);
  if (String(formData.get("surveyId") ?? "") !== String(survey.id)) {
    return refuse(
      "This answer form belongs to a different survey, so nothing was saved. Please answer the survey on this page."
    );
  }
  const sections = surveySections(ctx.questions, ctx.instructors.length > 0);
  // Moving between the survey's pages without JavaScript (issue #22): every page's fields are in every post, so the
  // answers come back as typed and nothing is saved until the last page is submitted.
  const goto = formData.get("goto");
  if (typeof goto === "string") {
    const section = Math.min(Math.max(0, Math.trunc(Number(goto)) || 0), sections.length - 1);
    return data({ result: sent.reply(), typed: true, section });
  }
  if (role !== "attendee")
    return refuse("Only attendees of this seminar answer its survey; this page is a preview for you.", 403);
  const state = surveyState(survey, seminar);
  if (state === "scheduled")
    return refuse(
      `This survey is not open yet: it opens on ${formatWhen(
        effectiveOpensAt(survey, seminar),
        seminar.timeZone
      )}. Nothing was saved.`,
      409
    );
  if (state === "closed")
    return refuse(
      `This survey closed on ${formatWhen(
        survey.closesAt,
        seminar.timeZone
      )}, so answers can no longer be given or changed.`,
      409
    );
  const intent = formData.get("intent");
  if (intent !== "submit" && intent !== "update")
    return refuse("The form was incomplete; please reload the page and try again.");
  const submission = parseWithZod(formData, { schema: answerSchema(ctx.questions, ctx.instructors, [...formData.keys()]) });
  if (submission.status !== "success") {
    const result = submission.reply();
    return data({ result, typed: true, section: sectionOfFirstError(sections, fieldErrorsOf(result)) ?? 0 }, { status: 400 });
  }
  const saved = saveResponse({ survey, seminar, userId: user.id, answers: submission.value, intent });
  if (!saved.ok) {
    const message =
      saved.reason === "already-answered"
        ? "You have already answered this survey, so this second submission was not saved. Your saved answers are shown below; you can change them until the survey closes."
        : saved.reason === "not-open"
        ? "This survey is not open, so nothing was saved."
        : "Your earlier answers could not be found, so nothing was saved.";
    return refuse(message, 409);
  }
  return redirectWithFlash(`/s/${seminar.slug}/survey`, {
    kind: "success",
    message: saved.created
      ? `Thank you! Your answers are saved. You can change them until ${formatWhen(survey.closesAt, seminar.timeZone)}.`
      : "Your changed answers are saved.",
  });
}

/** The questions' messages (the form's own message left out), by field name. */
function fieldErrorsOf(result: FormResult | undefined): Record<string, string> {
  const { form: _, ...fields } = errorsOf(result);
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export default function SurveyPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const s = d.survey;
  const sections = surveySections(d.questions, d.instructors.length > 0);
  const [current, setCurrent] = useState(a?.section ?? 0);
  const formRef = useRef<HTMLFormElement>(null);
  // After a post (a page move without JavaScript, or errors on submit) show the page the server chose.
  useEffect(() => {
    if (a?.section !== undefined && a.section !== null) setCurrent(a.section);
  }, [a]);
  // A link in the error summary to a question on another page opens that page.
  useEffect(() => {
    const onHash = () => {
      const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      const part = target?.closest(".survey-section");
      const i = part ? [...document.querySelectorAll(".survey-section")].indexOf(part) : -1;
      if (i < 0) return;
      setCurrent(i);
      requestAnimationFrame(() => target!.scrollIntoView({ block: "center" }));
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  const go = (i: number, e: React.MouseEvent<HTMLButtonElement>) => {
    e.preventDefault();
    setCurrent(i);
    formRef.current?.scrollIntoView({ block: "start" });
    formRef.current?.querySelector<HTMLElement>(".survey-progress__count")?.focus();
  };
  if (!s) {
    return (
      <section className="stack" aria-labelledby="survey-title">
        <h1 id="survey-title">Survey</h1>
        <p>{`This seminar has no survey ${d.canManage ? "yet" : "at the moment"}.`}</p>
        {d.canManage ? (
          <p>
            <Link className="button" to={`/s/${d.seminarSlug}/survey/edit`}>
              Create the survey
            </Link>
          </p>
        ) : null}
      </section>
    );
  }
  const values = a?.typed ? rawOf(a.result.initialValue) : d.values;
  const errors = fieldErrorsOf(a?.result);
  const canAnswer = d.isAttendee && s.state === "open";
  const last = current >= sections.length - 1;
  return (
    <section className="survey stack" aria-labelledby="survey-title">
      <div className="page-head">
        <h1 id="survey-title">{s.title}</h1>
        {d.canManage ? (
          <p className="actions">
            <Link to={`/s/${d.seminarSlug}/survey/edit`}>Edit survey</Link>
            <Link to={`/s/${d.seminarSlug}/survey/results`}>Results</Link>
          </p>
        ) : null}
      </div>
      {d.canManage && !d.isAttendee ? (
        <p className="flash">
          Preview: this is what attendees see.{" "}
          {s.state === "draft" ? "The survey is a draft and not visible to attendees yet." : null}
        </p>
      ) : null}
      {s.intro ? <p className="survey__intro">{s.intro}</p> : null}
      <p className="muted">
        {s.anonymous
          ? "Anonymous: your answers are stored without your name, and instructors only see results once enough people have answered."
          : "Named: your name is recorded with your answers."}{" "}
        {s.state === "open"
          ? `Open until ${s.closes}.`
          : s.state === "scheduled"
          ? `Opens ${s.opens}.`
          : s.state === "closed"
          ? `Closed ${s.closes}.`
          : null}
      </p>
      {d.answered && s.state === "open" ? (
        <p className="flash flash--success">
          You have answered this survey. Your answers are shown below; change anything and save again until it closes.
        </p>
      ) : null}
      {d.isAttendee && s.state === "scheduled" ? (
        <p className="flash">The survey opens {s.opens}. You will get an email with a link.</p>
      ) : null}
      {d.isAttendee && s.state === "closed" ? (
        <p className="flash">
          This survey closed {s.closes}. {d.answered ? "Thank you for your answers." : "Thank you for attending."}
        </p>
      ) : null}
      <SurveyErrorSummary message={formErrorOf(a?.result)} errors={errors} questions={d.questions} instructors={d.instructors} />
      {canAnswer || !d.isAttendee ? (
        <Form method="post" className="survey-form" noValidate ref={formRef}>
          {/* Enter in a field moves on (or submits on the last page): the first submit button is the default. */}
          {last ? (
            canAnswer ? (
              <button type="submit" name="intent" value={d.answered ? "update" : "submit"} className="visually-hidden" tabIndex={-1} aria-hidden="true">
                Submit
              </button>
            ) : null
          ) : (
            <button type="submit" name="goto" value={current + 1} className="visually-hidden" tabIndex={-1} aria-hidden="true" onClick={(e) => go(current + 1, e)}>
              Next
            </button>
          )}
          <input type="hidden" name="surveyId" value={s.id} />
          <SurveyProgress sections={sections} current={current} onGo={go} />
          <SurveyQuestions questions={d.questions} instructors={d.instructors} values={values} errors={errors} sections={sections} current={current} />
          <p className="actions survey-form__nav">
            {current > 0 ? (
              <button type="submit" name="goto" value={current - 1} className="button--secondary" onClick={(e) => go(current - 1, e)}>
                Back
              </button>
            ) : null}
            {!last ? (
              <button type="submit" name="goto" value={current + 1} onClick={(e) => go(current + 1, e)}>
                Next: {sections[current + 1]!.title}
              </button>
            ) : canAnswer ? (
              <button type="submit" name="intent" value={d.answered ? "update" : "submit"} disabled={busy}>
                {d.answered ? "Save my changed answers" : "Submit my answers"}
              </button>
            ) : (
              <span className="muted">Preview only: instructors and staff do not answer.</span>
            )}
          </p>
          {!last && canAnswer && d.answered ? (
            <p className="muted">
              Changing one answer? You can also{" "}
              <button type="submit" name="intent" value="update" className="link-button" disabled={busy}>
                save my changed answers now
              </button>
              .
            </p>
          ) : null}
        </Form>
      ) : null}
    </section>
  );
}
