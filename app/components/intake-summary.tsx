// Issue #16: the intake answers in the audience brief: counts for choices (as bars, numbers beside) and the written
// answers as a list, named only where the attendee allowed it.
import { Link } from "@remix-run/react";
import { BarChart } from "./bar-chart";

export interface IntakeSummaryData {
  id: number;
  prompt: string;
  kind: "text" | "choice" | "multiple";
  answered: number;
  counts: { label: string; count: number }[];
  texts: { text: string; by: string | null }[];
}

export function IntakeSummary({ slug, items, total }: { slug: string; items: IntakeSummaryData[]; total: number }) {
  return (
    <section className="card stack" aria-labelledby="intake-title">
      <h2 id="intake-title">What attendees told you</h2>
      {!items.length ? (
        <p className="muted">
          No intake questions yet. <Link to={`/s/${slug}/intake`}>Ask attendees what they want covered</Link> when they enrol.
        </p>
      ) : (
        <>
          <p className="muted">
            Answers to the <Link to={`/s/${slug}/intake`}>intake questions</Link> from current attendees. They are also in the roster CSV.
          </p>
          {items.map((q) =>
            q.kind === "text" ? (
              <div key={q.id} className="intake-answers">
                <h3>{q.prompt}</h3>
                <p className="muted">
                  {q.answered} of {total} answered
                </p>
                {q.texts.length ? (
                  <ul className="plain-list intake-texts">
                    {q.texts.map((t, i) => (
                      <li key={i}>
                        “{t.text}” <span className="muted">— {t.by ?? "an attendee"}</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : (
              <BarChart
                key={q.id}
                id={`intake-${q.id}`}
                title={q.prompt}
                bars={q.counts}
                total={Math.max(q.answered, 1)}
                note={`${q.answered} of ${total} answered${q.kind === "multiple" ? "; several choices allowed" : ""}.`}
              />
            ),
          )}
        </>
      )}
    </section>
  );
}
