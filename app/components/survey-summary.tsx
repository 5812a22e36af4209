// The response-rate summary above survey results (issue #8). Anonymous surveys show how many answered, never who.
import type { SurveyState } from "./survey-state";

export function ResultsSummary({
  d,
}: {
  d: {
    anonymous: boolean;
    minResponses: number;
    closes: string;
    respondents: string[];
    overview: {
      state: SurveyState;
      responses: number;
      attendees: number;
      responseRate: number;
      resultsVisible: boolean;
    };
  };
}) {
  const o = d.overview;
  const rate = Number.isInteger(o.responseRate) ? o.responseRate : o.responseRate.toFixed(1);
  return (
    <div className="card stack result-summary">
      <p className="result__headline">
        <strong>{`${o.responses} of ${o.attendees}`}</strong> attendees answered (<strong>{`${rate}%`}</strong> response
        rate).
      </p>
      <progress max={100} value={o.responseRate} aria-label="Response rate">
        {rate}%
      </progress>
      <p className="muted">
        {d.anonymous ? "Anonymous survey: who answered is never shown. " : "Named survey. "}
        {o.state === "open"
          ? `Open until ${d.closes}.`
          : o.state === "closed"
          ? `Closed ${d.closes}.`
          : o.state === "scheduled"
          ? "Not open yet."
          : "Draft."}
      </p>
      {!d.anonymous && d.respondents.length ? (
        <details>
          <summary>{`Who has answered (${d.respondents.length})`}</summary>
          <ul className="plain-list">
            {d.respondents.map((name, i) => (
              <li key={i}>{name}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {!o.resultsVisible ? (
        <p className="flash">
          {`Results appear once at least ${d.minResponses} people have answered, so that no answer can be traced to a person (${o.responses} so far).`}
        </p>
      ) : o.responses === 0 ? (
        <p className="muted">No answers yet.</p>
      ) : null}
    </div>
  );
}
