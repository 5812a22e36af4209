// A printable summary of the survey results (issue #8): the same numbers and charts, laid out for paper by the
// print styles in app.css (navigation hidden, no cards split across pages).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ResultsSummary } from "~/components/survey-summary";
import { SurveyResultsList } from "~/components/survey-results";
import { requireSurveyResults, resultsHeader } from "../s.$slug.survey._index/survey-helpers.server";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Summary: ${data.title} · Colloquy` : "Summary · Colloquy" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return {
    ...resultsHeader(await requireSurveyResults(request, params.slug)),
    printedAt: formatDate(new Date()),
  };
}

export default function SurveyPrint() {
  const d = useLoaderData<typeof loader>();
  const speaker = d.instructorId ? d.instructors.find((i) => i.id === d.instructorId)?.name : null;
  return (
    <article className="print-summary stack" aria-labelledby="print-title">
      <p className="no-print">
        <Link to={`/s/${d.slug}/survey/results`}>Back to results</Link> · Use your browser’s Print command to print or
        save as PDF.
      </p>
      <header>
        <p className="muted">{d.seminarTitle}</p>
        <h1 id="print-title">{d.title}</h1>
        <p className="muted">
          Summary as of {d.printedAt}
          {speaker ? ` · speaker section: ${speaker}` : ""}
        </p>
      </header>
      <ResultsSummary d={d} />
      {d.overview.resultsVisible && d.overview.responses > 0 ? <SurveyResultsList results={d.results} /> : null}
    </article>
  );
}
