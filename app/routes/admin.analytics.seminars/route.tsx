// Issue #19: per-seminar engagement for staff, compared across the seminars that start in the range.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AnalyticsFrame, CsvLink } from "~/components/analytics-frame";
import { BarChart } from "~/components/bar-chart";
import { seminarSort } from "~/models/analytics-export.server";
import { seminarStats } from "~/models/analytics-seminars.server";
import { SEMINAR_METRICS, SEMINAR_METRIC_LABELS } from "~/utils/analytics";
import { analyticsPage } from "../admin.analytics._index/analytics-helpers.server";

export const meta: MetaFunction = () => [{ title: "Seminars · Analytics · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await analyticsPage(request, "seminars");
  const sort = seminarSort(page.url);
  return data({ frame: page.frame, search: page.search, sort, seminars: seminarStats({ ...page.range, sort }) }, { status: page.status });
}

export default function SeminarAnalytics() {
  const { frame, search, sort, seminars } = useLoaderData<typeof loader>();
  return (
    <AnalyticsFrame
      title="Seminars compared"
      data={frame}
      rangeLabel="Starting"
      extraFields={
        <div className="field">
          <label htmlFor="sort">Compare by</label>
          <select id="sort" name="sort" defaultValue={sort}>
            {SEMINAR_METRICS.map((m) => (
              <option key={m} value={m}>
                {SEMINAR_METRIC_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
      }
    >
      <BarChart
        id="compare"
        title={`${SEMINAR_METRIC_LABELS[sort]}, top ${Math.min(15, seminars.length)}`}
        bars={seminars.slice(0, 15).map((s) => ({ label: s.title, count: s[sort] }))}
        total={sort === "surveyRate" ? 100 : seminars.reduce((a, s) => a + s[sort], 0)}
      />
      <h2 id="seminars-table">Every seminar starting from {frame.range.from} to {frame.range.to}</h2>
      {seminars.length ? (
        <div className="table-wrap">
          <table aria-labelledby="seminars-table" className="cohort-table">
            <thead>
              <tr>
                <th scope="col">Seminar</th>
                {SEMINAR_METRICS.map((m) => (
                  <th key={m} scope="col" aria-sort={m === sort ? "descending" : undefined}>
                    {SEMINAR_METRIC_LABELS[m]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {seminars.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/s/${s.slug}`}>{s.title}</Link>
                  </th>
                  {SEMINAR_METRICS.map((m) => (
                    <td key={m}>{m === "surveyRate" ? (s.surveyResponses === null ? "no survey" : `${s[m]}%`) : s[m].toLocaleString("en-US")}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No seminar starts in this range.</p>
      )}
      <CsvLink table="seminars" search={search}>
        Download as CSV
      </CsvLink>
    </AnalyticsFrame>
  );
}
