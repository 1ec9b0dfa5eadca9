/** Bars drawn on the server as SVG, one per day, stacked by series; the oldest day on the right, as Persian
 * is read. The value axis is labelled (zero, half and top of the scale, through `format`, so in Persian
 * digits). Each bar has a <title> for pointer users; the page also shows the numbers in a table. */
export type ChartSeries = { key: string; label: string; color: string };
export type ChartDay = { date: string; label: string; values: Record<string, number> };

const WIDTH = 640;
const HEIGHT = 180;
const PAD_TOP = 12;
const PAD_BOTTOM = 22;
/** Room on the left for the value axis' labels. */
const PAD_LEFT = 56;

export function BarChart({
  title,
  series,
  days,
  max,
  format = (value) => String(value),
  testId,
}: {
  title: string;
  series: ChartSeries[];
  days: ChartDay[];
  /** Top of the scale; by default the tallest stack. */
  max?: number;
  format?: (value: number) => string;
  testId?: string;
}) {
  const top = max ?? Math.max(1, ...days.map((d) => series.reduce((sum, s) => sum + (d.values[s.key] ?? 0), 0)));
  const slot = (WIDTH - PAD_LEFT) / Math.max(1, days.length);
  const barWidth = Math.max(2, slot * 0.7);
  const plot = HEIGHT - PAD_TOP - PAD_BOTTOM;
  const labelEvery = Math.ceil(days.length / 10);
  return (
    <figure className="chart card" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
        {(max !== undefined || Number.isInteger(top / 2) ? [0, 0.5, 1] : [0, 1]).map((fraction) => {
          const y = HEIGHT - PAD_BOTTOM - fraction * plot;
          return (
            <g key={fraction} className="chart-tick">
              <line x1={PAD_LEFT} x2={WIDTH} y1={y} y2={y} className={fraction === 0 ? "chart-axis" : "chart-grid"} />
              <text x={PAD_LEFT - 4} y={y + 4} textAnchor="end" className="chart-label">
                {format(top * fraction)}
              </text>
            </g>
          );
        })}
        {days.map((day, index) => {
          const x = WIDTH - (index + 1) * slot + (slot - barWidth) / 2;
          let y = HEIGHT - PAD_BOTTOM;
          const total = series.reduce((sum, s) => sum + (day.values[s.key] ?? 0), 0);
          return (
            <g key={day.date} data-date={day.date}>
              <title>{`${day.label}: ${series.map((s) => `${s.label} ${format(day.values[s.key] ?? 0)}`).join("، ")}`}</title>
              {series.map((s) => {
                const value = day.values[s.key] ?? 0;
                if (value <= 0) return null;
                const height = (value / top) * plot;
                y -= height;
                return <rect key={s.key} x={x} y={y} width={barWidth} height={height} fill={s.color} />;
              })}
              {total === 0 ? <rect x={x} y={HEIGHT - PAD_BOTTOM - 1} width={barWidth} height={1} className="chart-empty" /> : null}
              {index % labelEvery === 0 ? (
                <text x={x + barWidth / 2} y={HEIGHT - 6} textAnchor="middle" className="chart-label">
                  {day.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <ul className="chart-legend">
          {series.map((s) => (
            <li key={s.key}>
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  );
}
