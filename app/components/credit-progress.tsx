// Issue #17: how far a member's compliance period is, in words and as a progress bar (the words carry the meaning;
// the bar repeats it for the eye).
import { formatCredits, type PeriodProgress } from "~/utils/credits";
import { formatDate } from "~/utils/dates";

const percent = (earned: number, required: number) => Math.min(100, Math.floor((earned * 100) / Math.max(1, required)));

function Bar({ id, text, earned, required }: { id: string; text: string; earned: number; required: number }) {
  return (
    <div className="credit-progress">
      <p id={id}>{text}</p>
      <progress aria-labelledby={id} max={required} value={Math.min(earned, required)}>
        {percent(earned, required)}%
      </progress>
    </div>
  );
}

export function CreditProgress({ period: p }: { period: PeriodProgress }) {
  const heading = `${p.jurisdiction}: ${formatDate(p.startsOn)} – ${formatDate(p.endsOn)}`;
  return (
    <section className="card stack" aria-labelledby={`period-${p.id}`}>
      <h3 id={`period-${p.id}`}>{heading}</h3>
      {p.required == null ? (
        <p>
          {formatCredits(p.earned)} credits in this period. The institute has no requirement on file for {p.jurisdiction}.
        </p>
      ) : (
        <>
          {p.note ? <p className="muted">{p.note}</p> : null}
          <p>
            <strong>{p.complete ? "Requirement met." : `${formatCredits(Math.max(0, p.required - p.earned))} credits to go in total.`}</strong>
          </p>
          <Bar
            id={`period-${p.id}-total`}
            text={`Total: ${formatCredits(p.earned)} of ${formatCredits(p.required)} credits (${percent(p.earned, p.required)}%)`}
            earned={p.earned}
            required={p.required}
          />
          {p.categories.map((c, i) => (
            <Bar
              key={c.category}
              id={`period-${p.id}-c${i}`}
              text={`${c.category}: ${formatCredits(c.earned)} of ${formatCredits(c.required)} required${c.earned >= c.required ? " (met)" : ""}`}
              earned={c.earned}
              required={c.required}
            />
          ))}
        </>
      )}
    </section>
  );
}
