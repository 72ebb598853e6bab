import { useTranslations } from "next-intl";
import { scaleBand, scaleLinear } from "d3-scale";

/**
 * Claims approved per day as an SVG bar chart, laid out with d3-scale on the server. The
 * same figures are in a table for screen readers.
 */
export function ApprovalsChart({ data }: { data: Array<{ day: string; count: number }> }) {
  const t = useTranslations("ApprovalsChart");
  const width = 720;
  const height = 200;
  const margin = { top: 10, right: 10, bottom: 28, left: 32 };
  const max = Math.max(1, ...data.map((d) => d.count));
  const x = scaleBand()
    .domain(data.map((d) => d.day))
    .range([margin.left, width - margin.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const ticks = y.ticks(Math.min(4, max));
  const labelEvery = Math.ceil(data.length / 6);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full"
        role="img"
        aria-label={t("label", { days: data.length })}
        data-testid="approvals-chart"
      >
        {ticks.map((t) => (
          <g key={t}>
            <line
              x1={margin.left}
              x2={width - margin.right}
              y1={y(t)}
              y2={y(t)}
              className="stroke-slate-200"
            />
            <text
              x={margin.left - 6}
              y={y(t)}
              dy="0.32em"
              textAnchor="end"
              className="fill-slate-500 text-[10px]"
            >
              {t}
            </text>
          </g>
        ))}
        {data.map((d, i) => (
          <g key={d.day}>
            <rect
              x={x(d.day)}
              y={y(d.count)}
              width={x.bandwidth()}
              height={y(0) - y(d.count)}
              className="fill-brand-600"
              data-count={d.count}
            >
              <title>{`${d.day}: ${d.count}`}</title>
            </rect>
            {i % labelEvery === 0 && (
              <text
                x={(x(d.day) ?? 0) + x.bandwidth() / 2}
                y={height - 10}
                textAnchor="middle"
                className="fill-slate-500 text-[10px]"
              >
                {d.day.slice(5)}
              </text>
            )}
          </g>
        ))}
      </svg>
      <table className="sr-only">
        <caption>{t("caption")}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
