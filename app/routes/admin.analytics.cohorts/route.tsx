// Issue #19: retention by monthly cohort: members who joined in a month, and the share of them active in each month
// after (month 0 is the month they joined). Read from the cohort rollup, so it answers at once at any size.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AnalyticsFrame, CsvLink, percent } from "~/components/analytics-frame";
import { COHORT_MONTHS } from "~/utils/analytics";
import { cohortMonth, cohortTable } from "~/models/analytics-retention.server";
import { analyticsPage } from "../admin.analytics._index/analytics-helpers.server";

export const meta: MetaFunction = () => [{ title: "Cohorts · Analytics · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await analyticsPage(request, "cohorts");
  const rows = cohortTable({ fromMonth: cohortMonth(page.range.from), toMonth: cohortMonth(page.range.to), months: COHORT_MONTHS });
  return data({ frame: page.frame, search: page.search, rows }, { status: page.status });
}

export default function Cohorts() {
  const { frame, search, rows } = useLoaderData<typeof loader>();
  const ks = Array.from({ length: COHORT_MONTHS + 1 }, (_, k) => k);
  return (
    <AnalyticsFrame title="Retention by monthly cohort" data={frame} rangeLabel="Joined">
      <p>
        Each row is the members who joined in a month (still members today); each column the share of them active that many months later (month 0: the
        month they joined). Empty cells are months still ahead.
      </p>
      <h2 id="cohort-table">Cohorts</h2>
      {rows.length ? (
        <div className="table-wrap">
          <table aria-labelledby="cohort-table" className="cohort-table">
            <thead>
              <tr>
                <th scope="col">Joined in</th>
                <th scope="col">Members</th>
                {ks.map((k) => (
                  <th key={k} scope="col">
                    <abbr title={`Active ${k} months after joining`}>M{k}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.cohort}>
                  <th scope="row">{r.cohort}</th>
                  <td>{r.size.toLocaleString("en-US")}</td>
                  {r.cells.map((v, k) => (
                    <td key={k} title={v === null ? undefined : `${v.toLocaleString("en-US")} of ${r.size.toLocaleString("en-US")}`}>
                      {v === null ? "" : percent(r.size ? (v / r.size) * 100 : 0, 1)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">Nobody joined in these months.</p>
      )}
      <CsvLink table="cohorts" search={search}>
        Download the cohort table as CSV
      </CsvLink>
    </AnalyticsFrame>
  );
}
