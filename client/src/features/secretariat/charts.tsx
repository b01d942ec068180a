import { BarElement, CategoryScale, Chart as ChartJS, type ChartOptions, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';
import type { ReactNode } from 'react';
import { Bar, Line } from 'react-chartjs-2';

ChartJS.register(BarElement, CategoryScale, Legend, LinearScale, LineElement, PointElement, Tooltip);

/** Chart text in CSS pixels: 13 px is 9.75 pt, so printed labels stay above 9 pt. */
const FONT_PX = 13;
ChartJS.defaults.font.size = FONT_PX;

/**
 * A canvas keeps the size it was drawn at, and printing would shrink it (labels fell to 5 pt):
 * before printing, and when the print layout is applied, every chart is redrawn at its printed size.
 */
function redrawForPrint() {
  for (const chart of Object.values(ChartJS.instances)) chart.resize();
}
if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', redrawForPrint);
  window.matchMedia?.('print').addEventListener?.('change', redrawForPrint);
}

/** Colours told apart by people with colour-blindness (Okabe–Ito); every chart also has its numbers in a table. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#6b4f00', '#1b1f24', '#8a939e'];

/** One series of a chart. */
export interface Series {
  label: string;
  values: Array<number | null>;
}

interface ChartProps {
  /** Read by screen readers instead of the picture (the canvas has role="img"): the chart's title and its figures. */
  label: string;
  categories: string[];
  series: Series[];
  horizontal?: boolean;
  stacked?: boolean;
  /** Values are percentages (the axis runs to 100). */
  percent?: boolean;
}

function options(props: ChartProps, kind: 'bar' | 'line'): ChartOptions<'bar' | 'line'> {
  const valueAxis = {
    beginAtZero: true,
    stacked: props.stacked,
    ...(props.percent ? { max: 100 } : {}),
    ticks: { precision: 0, color: '#1b1f24' },
    grid: { color: '#d5d9de' },
  };
  const categoryAxis = { stacked: props.stacked, ticks: { color: '#1b1f24', autoSkip: false }, grid: { display: false } };
  return {
    // No animation: a printed page or a screenshot shows the finished chart.
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    devicePixelRatio: Math.max(2, globalThis.devicePixelRatio ?? 1),
    // Room for a point at 100% and for the last label.
    layout: { padding: { top: 8, right: 16 } },
    indexAxis: kind === 'bar' && props.horizontal ? 'y' : 'x',
    plugins: { legend: { display: props.series.length > 1, labels: { color: '#1b1f24' } } },
    scales: props.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
  };
}

function Frame({ rows, children }: { rows: number; children: ReactNode }) {
  // Tall enough for every bar label at large text settings: grows with the number of categories.
  const height = `${Math.max(12, Math.min(40, 4 + rows * 2.4))}rem`;
  return (
    <div className="chart-box" style={{ height }}>
      {children}
    </div>
  );
}

/** A bar chart (stacked or grouped, horizontal or vertical) with an accessible name. */
export function BarChart(props: ChartProps) {
  const data = {
    labels: props.categories,
    datasets: props.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length], borderColor: '#1b1f24', borderWidth: 1 })),
  };
  return (
    <Frame rows={props.horizontal ? props.categories.length * (props.stacked ? 1 : props.series.length) : 5}>
      <Bar data={data} options={options(props, 'bar') as ChartOptions<'bar'>} aria-label={props.label} />
    </Frame>
  );
}

/** A line chart over time with an accessible name. */
export function LineChart(props: ChartProps) {
  const data = {
    labels: props.categories,
    datasets: props.series.map((s, i) => ({
      label: s.label,
      data: s.values,
      borderColor: PALETTE[i % PALETTE.length],
      backgroundColor: PALETTE[i % PALETTE.length],
      pointRadius: 5,
      pointStyle: ['circle', 'rect', 'triangle', 'rectRot'][i % 4],
    })),
  };
  return (
    <Frame rows={5}>
      <Line data={data} options={options(props, 'line') as ChartOptions<'line'>} aria-label={props.label} />
    </Frame>
  );
}
