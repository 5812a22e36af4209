// Survey results per question (issue #8), shared by the results page and the printable summary.
import type { Bar, QuestionResult } from "~/utils/survey-result-types";
import { BarChart, NpsSplit, formatCountPercent } from "./survey-charts";

export type ResultView = {
  key: string;
  question: { prompt: string; type: string; help: string };
  instructor: { id: number; name: string } | null;
  result: QuestionResult;
};

const fmt = (x: number | null, digits = 2) => (x === null ? "–" : x.toFixed(digits).replace(/\.?0+$/, ""));
const toBars = (bars: Bar[]) =>
  bars.map((b) => ({ label: b.label, value: b.count, text: formatCountPercent(b.count, b.percent) }));
const answers = (n: number) => `${n} ${n === 1 ? "answer" : "answers"}`;

function ResultBody({ r, title }: { r: ResultView["result"]; title: string }) {
  switch (r.kind) {
    case "scale":
      return (
        <>
          <p className="result__headline">
            Average <strong>{fmt(r.mean)}</strong> out of 5 · median {fmt(r.median)} · {answers(r.n)}
          </p>
          <BarChart title={`${title}: distribution of ratings`} bars={toBars(r.bars)} />
        </>
      );
    case "matrix":
      return (
        <>
          <p className="result__headline">
            Overall average <strong>{fmt(r.overallMean)}</strong> out of 5 across all statements · {answers(r.n)} · 1 ={" "}
            {r.lowLabel}, 5 = {r.highLabel}
          </p>
          <div className="table-wrap">
            <table className="matrix-table">
              <caption className="visually-hidden">{title}: ratings per statement</caption>
              <thead>
                <tr>
                  <th scope="col">Statement</th>
                  {[1, 2, 3, 4, 5].map((v) => (
                    <th scope="col" key={v} className="num">
                      {v}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Average
                  </th>
                  <th scope="col" className="num">
                    4 or 5
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.statements.map((s) => (
                  <tr key={s.statement}>
                    <th scope="row">{s.statement}</th>
                    {s.bars.map((b, i) => (
                      <td key={i} className="num">
                        {b.count}
                      </td>
                    ))}
                    <td className="num">{fmt(s.mean)}</td>
                    <td className="num">{s.topTwoPercent === null ? "–" : `${fmt(s.topTwoPercent, 1)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <BarChart
            title={`${title}: average per statement`}
            max={5}
            bars={r.statements.map((s) => ({ label: s.statement, value: s.mean ?? 0, text: `${fmt(s.mean)} / 5` }))}
          />
        </>
      );
    case "nps":
      return (
        <>
          <p className="result__headline">
            Net Promoter Score{" "}
            <strong className="nps-score">{r.score === null ? "–" : r.score > 0 ? `+${r.score}` : r.score}</strong> ·
            average {fmt(r.mean)} · {answers(r.n)}
          </p>
          <NpsSplit
            title={`${title}: promoters, passives and detractors`}
            detractors={r.detractors}
            passives={r.passives}
            promoters={r.promoters}
          />
          <BarChart title={`${title}: distribution of scores 0 to 10`} bars={toBars(r.bars)} />
        </>
      );
    case "choice":
      return (
        <>
          <p className="result__headline">
            {answers(r.n)}
            {r.multiple ? " · several choices allowed, so percentages add up to more than 100" : ""}
          </p>
          <BarChart title={`${title}: answers`} bars={toBars(r.bars)} />
          {r.other.length ? (
            <>
              <h4>“Other” answers</h4>
              <ul className="text-answers">
                {r.other.map((o, i) => (
                  <li key={i}>{o}</li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      );
    case "number":
      return (
        <dl className="number-stats">
          <div>
            <dt>Answers</dt>
            <dd>{r.n}</dd>
          </div>
          <div>
            <dt>Average</dt>
            <dd>{fmt(r.mean)}</dd>
          </div>
          <div>
            <dt>Median</dt>
            <dd>{fmt(r.median)}</dd>
          </div>
          <div>
            <dt>Lowest</dt>
            <dd>{fmt(r.min)}</dd>
          </div>
          <div>
            <dt>Highest</dt>
            <dd>{fmt(r.max)}</dd>
          </div>
        </dl>
      );
    case "text":
      return (
        <>
          <p className="result__headline">{answers(r.n)}</p>
          {r.answers.length ? (
            <ul className="text-answers">
              {r.answers.map((t, i) => (
                <li key={i}>{t}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">No answers.</p>
          )}
        </>
      );
  }
}

export function SurveyResultsList({ results }: { results: ResultView[] }) {
  const general = results.filter((r) => !r.instructor);
  const speakers = new Map<number, { name: string; items: ResultView[] }>();
  for (const r of results) {
    if (!r.instructor) continue;
    const entry = speakers.get(r.instructor.id) ?? { name: r.instructor.name, items: [] };
    entry.items.push(r);
    speakers.set(r.instructor.id, entry);
  }
  let n = 0;
  const block = (r: ResultView, label: string) => (
    <article key={r.key} className="result card" aria-labelledby={`r-${r.key.replace(":", "-")}`}>
      <h3 id={`r-${r.key.replace(":", "-")}`}>{label}</h3>
      <ResultBody
        r={r.result}
        title={r.instructor ? `${r.question.prompt} (${r.instructor.name})` : r.question.prompt}
      />
    </article>
  );
  return (
    <div className="results stack">
      {general.map((r) => block(r, `${++n}. ${r.question.prompt}`))}
      {[...speakers.values()].map((s) => (
        <section key={s.name} className="stack" aria-label={`Speaker: ${s.name}`}>
          <h2>Speaker: {s.name}</h2>
          {s.items.map((r) => block(r, r.question.prompt))}
        </section>
      ))}
    </div>
  );
}
