// Issue #19: "members who keep coming back": daily, weekly and monthly active members, the share of a week's active
// members who return the next week, and alumni who joined another seminar within 6 and 12 months.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AnalyticsFrame, CsvLink, percent } from "~/components/analytics-frame";
import { TimeChart } from "~/components/time-chart";
import { activeSeries, alumniReturn, weeklyReturn } from "~/models/analytics-retention.server";
import { analyticsPage } from "../admin.analytics._index/analytics-helpers.server";

export const meta: MetaFunction = () => [{ title: "Coming back · Analytics · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await analyticsPage(request, "retention");
  return data(
    { frame: page.frame, search: page.search, active: activeSeries(page.range), weeks: weeklyReturn(page.range), alumni: alumniReturn() },
    { status: page.status },
  );
}

export default function Retention() {
  const { frame, search, active, weeks, alumni } = useLoaderData<typeof loader>();
  const days = active.map((a) => a.day);
  return (
    <AnalyticsFrame title="Coming back" data={frame}>
      <div className="charts">
        <TimeChart
          id="active"
          title="Active members"
          days={days}
          series={[
            { label: "Active that day", kind: "line", values: active.map((a) => a.dau) },
            { label: "Active in the 7 days to then", kind: "line", values: active.map((a) => a.wau) },
            { label: "Active in the 30 days to then", kind: "line", values: active.map((a) => a.mau) },
          ]}
          note="Active: any page visited or anything done in the portal that day."
        />
        <TimeChart
          id="weekly"
          title="Back the next week"
          days={weeks.map((w) => w.week)}
          format={(n) => `${n.toFixed(0)}%`}
          series={[{ label: "Share of a week's active members active again the next week", kind: "line", values: weeks.map((w) => (w.complete ? w.rate : null)) }]}
        />
      </div>
      <h2 id="weeks-table">Week by week</h2>
      <div className="table-wrap">
        <table aria-labelledby="weeks-table" className="cohort-table">
          <thead>
            <tr>
              <th scope="col">Week starting</th>
              <th scope="col">Active members</th>
              <th scope="col">Active again the next week</th>
              <th scope="col">Came back</th>
            </tr>
          </thead>
          <tbody>
            {[...weeks].reverse().map((w) => (
              <tr key={w.week}>
                <th scope="row">{w.week}</th>
                <td>{w.active.toLocaleString("en-US")}</td>
                <td>{w.returned.toLocaleString("en-US")}</td>
                <td>
                  {percent(w.rate, 1)}
                  {w.complete ? null : <span className="muted"> (so far)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CsvLink table="weekly-return" search={search}>
        Download week by week as CSV
      </CsvLink>
      <h2 id="alumni-table">Alumni who came back for another seminar</h2>
      <div className="table-wrap">
        <table aria-labelledby="alumni-table">
          <thead>
            <tr>
              <th scope="col">Within</th>
              <th scope="col">Alumni</th>
              <th scope="col">Joined another seminar</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {alumni.map((a) => (
              <tr key={a.months}>
                <th scope="row">{a.months} months</th>
                <td>{a.alumni.toLocaleString("en-US")}</td>
                <td>{a.returned.toLocaleString("en-US")}</td>
                <td>{percent(a.rate, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        A member's first seminar is the earliest one they attended; they count once it ended that many months ago, and came back when they joined another
        seminar before then. All seminars so far, whatever the range.
      </p>
      <CsvLink table="alumni" search={search}>
        Download alumni as CSV
      </CsvLink>
      <h2 id="daily-table">Day by day</h2>
      <details>
        <summary>Active members per day as a table</summary>
        <div className="table-wrap">
          <table aria-labelledby="daily-table" className="cohort-table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Active that day</th>
                <th scope="col">In 7 days</th>
                <th scope="col">In 30 days</th>
              </tr>
            </thead>
            <tbody>
              {[...active].reverse().map((a) => (
                <tr key={a.day}>
                  <th scope="row">{a.day}</th>
                  <td>{a.dau.toLocaleString("en-US")}</td>
                  <td>{a.wau.toLocaleString("en-US")}</td>
                  <td>{a.mau.toLocaleString("en-US")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <CsvLink table="active" search={search}>
        Download active members as CSV
      </CsvLink>
      <p>
        <Link to="/admin/analytics/cohorts">Retention by monthly cohort</Link>
      </p>
    </AnalyticsFrame>
  );
}
