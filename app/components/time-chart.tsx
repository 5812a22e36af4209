// Issue #19: a chart over days drawn as SVG on the server, in the same figure as the bar charts (bar-chart.tsx): no
// client charting library, no script. Bars for counts, lines for rates; the page also gives every number in a table,
// so the drawing is described briefly (first and last values) for screen readers.
export interface TimeSeries {
  label: string;
  values: (number | null)[];
  kind: "line" | "bars";
  /** Colour modifier: chart__series--1 … --3. */
  tone?: 1 | 2 | 3;
}

const W = 640;
const H = 220;
const LEFT = 56;
const BOTTOM = 26;
const TOP = 10;

export function TimeChart({
  id,
  title,
  days,
  series,
  format = (n) => n.toLocaleString("en-US"),
  note,
}: {
  id: string;
  title: string;
  days: string[];
  series: TimeSeries[];
  format?: (n: number) => string;
  note?: string;
}) {
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const max = Math.max(0, ...all);
  const min = Math.min(0, ...all);
  const span = max - min || 1;
  const plotW = W - LEFT - 8;
  const plotH = H - TOP - BOTTOM;
  const n = Math.max(1, days.length);
  const x = (i: number) => LEFT + (n === 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => TOP + plotH - ((v - min) / span) * plotH;
  const barW = Math.max(1, plotW / n - 1);
  const describe = series
    .map((s) => {
      const vals = s.values.filter((v): v is number => v !== null);
      return vals.length ? `${s.label}: ${format(vals[0]!)} on ${days[s.values.indexOf(vals[0]!)]}, ${format(vals[vals.length - 1]!)} at the end` : `${s.label}: no data`;
    })
    .join("; ");
  const ticks = [min, min + span / 2, max === min ? min + 1 : max];
  const xLabels = days.length > 2 ? [0, Math.floor((days.length - 1) / 2), days.length - 1] : days.map((_, i) => i);
  return (
    <figure className="chart time-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      {days.length ? (
        <svg className="chart__svg time-chart__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}, ${days[0]} to ${days[days.length - 1]}. ${describe}`} preserveAspectRatio="xMinYMin meet">
          {ticks.map((t, i) => (
            <g key={i} aria-hidden="true">
              <line className="time-chart__grid" x1={LEFT} x2={W - 8} y1={y(t)} y2={y(t)} />
              <text className="chart__label" x={LEFT - 6} y={y(t) + 4} textAnchor="end">
                {format(t)}
              </text>
            </g>
          ))}
          {series.map((s, k) =>
            s.kind === "bars" ? (
              <g key={k} className={`chart__series--${s.tone ?? k + 1}`} aria-hidden="true">
                {s.values.map((v, i) =>
                  v ? <rect key={i} x={x(i) - barW / 2} y={Math.min(y(v), y(0))} width={barW} height={Math.max(1, Math.abs(y(0) - y(v)))} className="time-chart__bar" /> : null,
                )}
              </g>
            ) : (
              <path key={k} aria-hidden="true" className={`time-chart__line chart__series--${s.tone ?? k + 1}`} d={linePath(s.values, x, y)} />
            ),
          )}
          {xLabels.map((i) => (
            <text key={i} aria-hidden="true" className="chart__label" x={x(i)} y={H - 6} textAnchor={i === 0 ? "start" : i === days.length - 1 ? "end" : "middle"}>
              {days[i]}
            </text>
          ))}
        </svg>
      ) : (
        <p className="muted">Nothing to show yet.</p>
      )}
      <ul className="time-chart__legend">
        {series.map((s, k) => (
          <li key={k}>
            <span aria-hidden="true" className={`time-chart__key time-chart__key--${s.kind} chart__series--${s.tone ?? k + 1}`} />
            {s.label}
          </li>
        ))}
      </ul>
      {note ? <p className="muted chart__note">{note}</p> : null}
    </figure>
  );
}

function linePath(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d || "M0,0";
}
