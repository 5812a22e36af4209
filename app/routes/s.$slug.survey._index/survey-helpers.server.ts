// Shared by the survey routes (issue #8): the guard plus the seminar's survey, questions and speakers.
import { requireSeminarRole } from "~/auth/guards.server";
import type { FormQuestion } from "~/components/survey-form";
import { getSurveyForSeminar, listQuestions, listSurveyInstructors, type Question, type Survey } from "~/models/survey.server";
import { aggregateSurvey, listRespondentNames, loadResponses, surveyOverview } from "~/models/survey-results.server";

export async function requireSurveyAccess(
  request: Request,
  slug: string | undefined,
  role: "member" | "instructor" = "member"
) {
  const access = await requireSeminarRole(request, slug, role);
  const survey = getSurveyForSeminar({ seminarId: access.seminar.id });
  const questions = survey ? listQuestions({ surveyId: survey.id }) : [];
  const instructors = listSurveyInstructors({ seminarId: access.seminar.id });
  return { ...access, survey, questions, instructors };
}

/** The survey, or the 404 of "no such page", for pages that need one to exist. */
export function requireSurvey(survey: Survey | null): Survey {
  if (!survey) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  return survey;
}

export function toFormQuestion(q: Question): FormQuestion {
  return {
    id: q.id,
    type: q.type,
    prompt: q.prompt,
    help: q.help,
    required: q.required,
    perInstructor: q.perInstructor,
    config: q.config,
  };
}

export function formatWhen(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
}

// ---------- results (results page, printable summary, CSV) ----------

/** Instructors and admins only; an anonymous survey shows no results below its threshold (not even to admins). */
export async function requireSurveyResults(request: Request, slug: string | undefined) {
  const ctx = await requireSurveyAccess(request, slug, "instructor");
  const survey = requireSurvey(ctx.survey);
  const overview = surveyOverview(survey, ctx.seminar);
  const requested = Number(new URL(request.url).searchParams.get("instructor")) || null;
  const instructorId = ctx.instructors.some((i) => i.id === requested) ? requested : null;
  const responses = overview.resultsVisible ? loadResponses({ surveyId: survey.id }) : [];
  const results = overview.resultsVisible
    ? aggregateSurvey(
        ctx.questions,
        ctx.instructors,
        responses.map((r) => r.answers),
        { instructorId }
      )
    : [];
  return { ...ctx, survey, overview, instructorId, responses, results };
}

export function resultsHeader(r: Awaited<ReturnType<typeof requireSurveyResults>>) {
  return {
    slug: r.seminar.slug,
    seminarTitle: r.seminar.title,
    title: r.survey.title,
    anonymous: r.survey.anonymous,
    minResponses: r.survey.minResponses,
    closes: formatWhen(r.survey.closesAt, r.seminar.timeZone),
    overview: r.overview,
    respondents: listRespondentNames({ survey: r.survey }),
    instructors: r.instructors,
    instructorId: r.instructorId,
    hasSpeakerSection: r.questions.some((q) => q.perInstructor),
    results: r.results.map((x) => ({
      key: x.key,
      question: { prompt: x.question.prompt, type: x.question.type, help: x.question.help },
      instructor: x.instructor,
      result: x.result,
    })),
  };
}
