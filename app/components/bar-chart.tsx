// A horizontal bar chart drawn as SVG on the server (no client charting library), each bar with its number beside it.
export interface Bar {
  label: string;
  count: number;
}

export function BarChart({ id, title, bars, total, note }: { id: string; title: string; bars: Bar[]; total: number; note?: string }) {
  const rowH = 30;
  const labelW = 230;
  const barW = 300;
  const numW = 90;
  const width = labelW + barW + numW;
  const height = Math.max(1, bars.length) * rowH + 8;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const pct = (n: number) => (total ? Math.round((n / total) * 100) : 0);
  const summary = bars.map((b) => `${b.label}: ${b.count}`).join("; ");
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      {bars.length ? (
        <svg
          className="chart__svg"
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="img"
          aria-label={`${title}. ${summary}`}
          preserveAspectRatio="xMinYMin meet"
        >
          {bars.map((b, i) => {
            const y = i * rowH + 4;
            const w = Math.max(b.count ? 3 : 0, Math.round((b.count / max) * barW));
            return (
              <g key={b.label} className="chart__row">
                <text x={labelW - 8} y={y + rowH / 2 + 5} textAnchor="end" className="chart__label">
                  {b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label}
                  <title>{b.label}</title>
                </text>
                <rect x={labelW} y={y + 4} width={w} height={rowH - 10} rx={3} className="chart__bar" />
                <text x={labelW + w + 8} y={y + rowH / 2 + 5} className="chart__value">
                  {`${b.count} (${pct(b.count)}%)`}
                </text>
              </g>
            );
          })}
        </svg>
      ) : (
        <p className="muted">Nothing to show yet.</p>
      )}
      {note ? <p className="muted chart__note">{note}</p> : null}
    </figure>
  );
}
