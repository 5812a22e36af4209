// A horizontal bar chart drawn as SVG on the server (no client charting library), each bar with its number beside it.
export interface Bar {
  label: string;
  count: number;
}

export function BarChart({ id, title, bars, total, note }: { id: string; title: string; bars: Bar[]; total: number; note?: string }) {
  // Narrow drawing with each label above its bar (issue #22): at phone width the SVG scales down only a little,
  // so its 14 px text stays at 12 px or more, instead of shrinking a 620-unit-wide chart to about 9 px.
  const rowH = 46;
  const barW = 250;
  const numW = 100;
  const width = barW + numW;
  const height = Math.max(1, bars.length) * rowH + 4;
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
            const y = i * rowH;
            const w = Math.max(b.count ? 3 : 0, Math.round((b.count / max) * barW));
            return (
              <g key={b.label} className="chart__row">
                <text x={0} y={y + 15} className="chart__label">
                  {b.label.length > 44 ? `${b.label.slice(0, 43)}…` : b.label}
                  <title>{b.label}</title>
                </text>
                <rect x={0} y={y + 22} width={w} height={16} rx={3} className="chart__bar" />
                <text x={w + 8} y={y + 35} className="chart__value">
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
