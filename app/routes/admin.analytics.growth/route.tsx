// Issue #19: growth for staff: members over time, new members per day and the daily growth rate with its 7- and
// 30-day averages, for any range in the URL; where new members came from.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AnalyticsFrame, CsvLink, percent } from "~/components/analytics-frame";
import { BarChart } from "~/components/bar-chart";
import { TimeChart } from "~/components/time-chart";
import { growthSeries, growthSummary, joinSources } from "~/models/analytics-growth.server";
import { analyticsPage } from "../admin.analytics._index/analytics-helpers.server";

export const meta: MetaFunction = () => [{ title: "Growth · Analytics · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await analyticsPage(request, "growth");
  const series = growthSeries(page.range);
  return data(
    { frame: page.frame, search: page.search, series, summary: growthSummary(series), sources: joinSources(page.range) },
    { status: page.status },
  );
}

const pctAxis = (n: number) => `${n.toFixed(n < 1 ? 2 : 1)}%`;

export default function Growth() {
  const { frame, search, series, summary, sources } = useLoaderData<typeof loader>();
  const days = series.map((g) => g.day);
  return (
    <AnalyticsFrame title="Growth" data={frame}>
      <ul className="analytics-figures">
        <li>
          <strong>{summary.members.toLocaleString("en-US")}</strong> members on {frame.range.to}
        </li>
        <li>
          <strong>{summary.newInRange.toLocaleString("en-US")}</strong> new members in the range
        </li>
        <li>
          <strong>{percent(summary.avg30)}</strong> daily growth, 30-day average on {frame.range.to}
        </li>
      </ul>
      <div className="charts">
        <TimeChart id="members" title="Members" days={days} series={[{ label: "Members at the end of the day", kind: "line", values: series.map((g) => g.members) }]} />
        <TimeChart id="new" title="New members per day" days={days} series={[{ label: "New members", kind: "bars", values: series.map((g) => g.newMembers) }]} />
        <TimeChart
          id="rate"
          title="Daily growth rate"
          days={days}
          format={pctAxis}
          series={[
            { label: "7-day average", kind: "line", values: series.map((g) => g.avg7) },
            { label: "30-day average", kind: "line", values: series.map((g) => g.avg30) },
          ]}
          note="New members of a day ÷ members at the end of the day before; the averages are the mean of the daily rates."
        />
        <BarChart
          id="sources"
          title="Where new members came from"
          bars={sources.map((s) => ({ label: s.label, count: s.members }))}
          total={sources.reduce((a, s) => a + s.members, 0)}
          note="The invitation each new member accepted."
        />
      </div>
      <h2 id="sources-table">Where new members came from</h2>
      <div className="table-wrap">
        <table aria-labelledby="sources-table">
          <thead>
            <tr>
              <th scope="col">Came from</th>
              <th scope="col">New members</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.source}>
                <th scope="row">{s.label}</th>
                <td>{s.members.toLocaleString("en-US")}</td>
                <td>{percent(s.share, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CsvLink table="sources" search={search}>
        Download sources as CSV
      </CsvLink>
      <h2 id="growth-table">Day by day</h2>
      <div className="table-wrap">
        <table aria-labelledby="growth-table" className="cohort-table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Members</th>
              <th scope="col">New</th>
              <th scope="col">Daily growth</th>
              <th scope="col">7-day average</th>
              <th scope="col">30-day average</th>
            </tr>
          </thead>
          <tbody>
            {[...series].reverse().map((g) => (
              <tr key={g.day}>
                <th scope="row">{g.day}</th>
                <td>{g.members.toLocaleString("en-US")}</td>
                <td>{g.newMembers.toLocaleString("en-US")}</td>
                <td>{percent(g.rate)}</td>
                <td>{percent(g.avg7)}</td>
                <td>{percent(g.avg30)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CsvLink table="growth" search={search}>
        Download day by day as CSV
      </CsvLink>
    </AnalyticsFrame>
  );
}
