// CSV export of a survey's answers (issue #8): one row per response, one column per question, UTF-8 with a
// byte-order mark so Excel reads the accents, RFC 4180 quoting. Instructors and admins only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildSurveyCsv } from "~/models/survey-results.server";
import { requireSurveyResults } from "../s.$slug.survey._index/survey-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const r = await requireSurveyResults(request, params.slug);
  if (!r.overview.resultsVisible) {
    throw new Response("Not enough answers yet", {
      status: 403,
      statusText: `The answers can be exported once at least ${r.survey.minResponses} people have answered.`,
    });
  }
  const csv = buildSurveyCsv({
    survey: r.survey,
    questions: r.questions,
    instructors: r.instructors,
    responses: r.responses,
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="survey-${r.seminar.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
