// Server-rendered SVG charts for survey results (issue #8). No chart library and no script: the SVG is plain
// markup with a <title> and <desc> for screen readers, and every bar has its number written beside it.
import { useId } from "react";

export interface ChartBar {
  label: string;
  value: number;
  /** The number written beside the bar, e.g. "12 (40%)". */
  text: string;
}

// Narrow drawing, labels above bars (issue #22): at phone width the SVG barely scales, so its text stays readable.
const WIDTH = 380;
const ROW = 46;
const BAR_H = 16;
const VALUE_W = 110;

/**
 * Horizontal bars. Short labels (scale points) sit left of the bar on one line; long labels (choices,
 * statements) sit above their bar so they stay readable on a phone.
 */
export function BarChart({ title, desc, bars, max }: { title: string; desc?: string; bars: ChartBar[]; max?: number }) {
  const id = useId();
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const compact = bars.every((b) => b.label.length <= 6);
  const labelW = compact ? 60 : 0;
  const row = compact ? 30 : ROW;
  const height = bars.length * row + 4;
  const barArea = WIDTH - VALUE_W - labelW;
  const description = desc ?? bars.map((b) => `${b.label}: ${b.text}`).join("; ");
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {bars.map((b, i) => {
        const y = i * row;
        const barY = compact ? y + 6 : y + 20;
        const w = Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / top) * barArea));
        return (
          <g key={i} aria-hidden="true">
            <text className="chart__label" x={0} y={compact ? y + 20 : y + 14}>
              {b.label.length > 48 ? `${b.label.slice(0, 47)}…` : b.label}
            </text>
            <rect className="chart__track" x={labelW} y={barY} width={barArea} height={BAR_H} rx={3} />
            <rect className="chart__bar" x={labelW} y={barY} width={w} height={BAR_H} rx={3} />
            <text className="chart__value" x={labelW + barArea + 10} y={barY + 13}>
              {b.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Net Promoter split: detractors, passives and promoters as one stacked bar with the counts written below. */
export function NpsSplit({
  title,
  detractors,
  passives,
  promoters,
}: {
  title: string;
  detractors: number;
  passives: number;
  promoters: number;
}) {
  const id = useId();
  const n = detractors + passives + promoters;
  const parts = [
    { key: "detractors", label: "Detractors (0–6)", count: detractors },
    { key: "passives", label: "Passives (7–8)", count: passives },
    { key: "promoters", label: "Promoters (9–10)", count: promoters },
  ];
  const pct = (c: number) => (n ? Math.round((100 * c) / n) : 0);
  let x = 0;
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${WIDTH} ${32 + parts.length * 24}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{parts.map((p) => `${p.label}: ${p.count} (${pct(p.count)}%)`).join("; ")}</desc>
      <g aria-hidden="true">
        <rect className="chart__track" x={0} y={0} width={WIDTH} height={22} rx={3} />
        {parts.map((p) => {
          const w = n ? (p.count / n) * WIDTH : 0;
          const r = (
            <rect key={p.key} className={`chart__nps chart__nps--${p.key}`} x={x} y={0} width={w} height={22} />
          );
          x += w;
          return r;
        })}
        {parts.map((p, i) => (
          <g key={p.key}>
            <rect className={`chart__nps chart__nps--${p.key}`} x={0} y={34 + i * 24} width={14} height={14} rx={2} />
            <text className="chart__value" x={22} y={46 + i * 24}>
              {`${p.label}: ${p.count} (${pct(p.count)}%)`}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}

export function formatCountPercent(count: number, percent: number): string {
  return `${count} (${Number.isInteger(percent) ? percent : percent.toFixed(1)}%)`;
}
