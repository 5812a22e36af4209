// Admins compare seminars (issue #8): response rate and average ratings across the latest surveys, as a table
// and as SVG charts. Anonymous surveys below their answer threshold show the rate only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { BarChart } from "~/components/survey-charts";
import { COMPARE_LIMIT, compareSeminars } from "~/models/survey-results.server";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Survey comparison · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const rows = compareSeminars().map((r) => ({ ...r, endsAt: formatDate(r.endsAt) }));
  return { rows, limit: COMPARE_LIMIT };
}

const fmt = (x: number | null) => (x === null ? "–" : x.toFixed(2).replace(/\.?0+$/, ""));
const STATE = { draft: "Draft", scheduled: "Opens later", open: "Open", closed: "Closed" } as const;

export default function AdminSurveys() {
  const { rows, limit } = useLoaderData<typeof loader>();
  const rated = rows.filter((r) => r.programRating !== null);
  return (
    <section className="stack" aria-labelledby="compare-title">
      <div className="page-head">
        <h1 id="compare-title">Surveys across seminars</h1>
        <p className="muted">The {limit} most recent published surveys, newest seminar first.</p>
      </div>
      {rows.length === 0 ? (
        <p>No published surveys yet. Instructors create them from a seminar’s “Survey” section.</p>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Response rate and average ratings per seminar</caption>
              <thead>
                <tr>
                  <th scope="col">Seminar</th>
                  <th scope="col">Seminar ends</th>
                  <th scope="col">Survey</th>
                  <th scope="col" className="num">
                    Answered
                  </th>
                  <th scope="col" className="num">
                    Response rate
                  </th>
                  <th scope="col" className="num">
                    Program rating (1–5)
                  </th>
                  <th scope="col" className="num">
                    Speaker rating (1–5)
                  </th>
                  <th scope="col" className="num">
                    NPS
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.slug}>
                    <th scope="row">
                      <Link to={`/s/${r.slug}/survey/results`}>{r.title}</Link>
                    </th>
                    <td>{r.endsAt}</td>
                    <td>{STATE[r.state]}</td>
                    <td className="num">{`${r.responses} / ${r.attendees}`}</td>
                    <td className="num">{fmt(r.responseRate)}%</td>
                    {r.resultsVisible ? (
                      <>
                        <td className="num">{fmt(r.programRating)}</td>
                        <td className="num">{fmt(r.speakerRating)}</td>
                        <td className="num">{r.nps === null ? "–" : r.nps > 0 ? `+${r.nps}` : r.nps}</td>
                      </>
                    ) : (
                      <td colSpan={3} className="muted">
                        {r.responses === 0 ? "No answers yet" : "Too few answers to show"}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="stack">
            <figure className="card">
              <figcaption>Response rate</figcaption>
              <BarChart
                title="Response rate per seminar"
                max={100}
                bars={rows.map((r) => ({ label: r.title, value: r.responseRate, text: `${fmt(r.responseRate)}%` }))}
              />
            </figure>
            {rated.length ? (
              <figure className="card">
                <figcaption>Average program rating</figcaption>
                <BarChart
                  title="Average program rating per seminar, out of 5"
                  max={5}
                  bars={rated.map((r) => ({
                    label: r.title,
                    value: r.programRating ?? 0,
                    text: `${fmt(r.programRating)} / 5`,
                  }))}
                />
              </figure>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
