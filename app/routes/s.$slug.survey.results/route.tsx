// Survey results for instructors and admins (issue #8): response rate, per-question numbers and SVG charts,
// the per-speaker section filtered by instructor, and links to the CSV export and the printable summary.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ResultsSummary } from "~/components/survey-summary";
import { SurveyResultsList } from "~/components/survey-results";
import { requireSurveyResults, resultsHeader } from "../s.$slug.survey._index/survey-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Results: ${data.title} · Colloquy` : "Results · Colloquy" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return resultsHeader(await requireSurveyResults(request, params.slug));
}

export default function SurveyResults() {
  const d = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="results-title">
      <div className="page-head">
        <h1 id="results-title">Results: {d.title}</h1>
        <p className="actions">
          <Link to={`/s/${d.slug}/survey/edit`}>Edit survey</Link>
          {d.overview.resultsVisible && d.overview.responses > 0 ? (
            <>
              <a className="button button--secondary" href={`/s/${d.slug}/survey/export`} download>
                Download CSV
              </a>
              <Link to={`/s/${d.slug}/survey/print${d.instructorId ? `?instructor=${d.instructorId}` : ""}`}>
                Printable summary
              </Link>
            </>
          ) : null}
        </p>
      </div>
      <ResultsSummary d={d} />
      {d.overview.resultsVisible && d.overview.responses > 0 && d.hasSpeakerSection && d.instructors.length > 1 ? (
        <Form method="get" className="filter-bar">
          <label htmlFor="instructor-filter">Speaker section</label>
          <select id="instructor-filter" name="instructor" defaultValue={d.instructorId ?? ""}>
            <option value="">All instructors</option>
            {d.instructors.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button--secondary">
            Show
          </button>
        </Form>
      ) : null}
      {d.overview.resultsVisible && d.overview.responses > 0 ? <SurveyResultsList results={d.results} /> : null}
    </section>
  );
}
