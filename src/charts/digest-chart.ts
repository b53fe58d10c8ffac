// The weekly digest's chart, drawn on the server as a PNG: participation (active pairs and people
// enrolled, as lines) and sessions held (bars) over the last weeks. Chart.js draws on a Skia
// canvas (@napi-rs/canvas, whose native binary comes as an npm package, no download at install)
// with the Inter font shipped by @fontsource/inter and registered here, so the picture is the same
// on every machine, with or without system fonts. Only this module knows the charting library.
import { createRequire } from "node:module";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  type Plugin,
  PointElement,
  Title,
} from "chart.js";

export interface DigestChartPoint {
  /** The week's label on the x axis, e.g. "2 Nov" (the Monday it starts). */
  label: string;
  /** Active pairs at the end of the week. */
  activePairs: number;
  /** People enrolled at the end of the week. */
  enrolled: number;
  /** Sessions held during the week. */
  sessions: number;
}

export interface DigestChartSeries {
  /** Says what the chart covers, e.g. "All programs: the last 12 weeks". */
  title: string;
  /** Oldest week first. */
  points: DigestChartPoint[];
}

export const DIGEST_CHART_WIDTH = 1000;
export const DIGEST_CHART_HEIGHT = 520;

/** A family name no system font has, so the bundled font is always the one used. */
const FONT_FAMILY = "Tandem Inter";
const FONT_FILES = ["inter-latin-400-normal.woff2", "inter-latin-600-normal.woff2"];

const colors = {
  enrolled: "#2563eb",
  pairs: "#16a34a",
  sessionsFill: "rgba(245, 158, 11, 0.55)",
  sessionsLine: "#d97706",
  text: "#111827",
  muted: "#4b5563",
  grid: "#e5e7eb",
  background: "#ffffff",
};

let ready = false;

/** Registers Chart.js's parts and the bundled font, once per process. */
function prepare(): void {
  if (ready) return;
  const require = createRequire(import.meta.url);
  for (const file of FONT_FILES) {
    const path = require.resolve(`@fontsource/inter/files/${file}`);
    if (!GlobalFonts.registerFromPath(path, FONT_FAMILY)) {
      throw new Error(`could not load the chart font ${path}`);
    }
  }
  Chart.register(
    BarController,
    BarElement,
    CategoryScale,
    LinearScale,
    LineController,
    LineElement,
    PointElement,
    Legend,
    Title,
  );
  Chart.defaults.font.family = `'${FONT_FAMILY}'`;
  Chart.defaults.color = colors.muted;
  ready = true;
}

/** Paints the background: a PNG with transparent pixels reads badly in Slack's dark mode. */
const background: Plugin<"bar" | "line"> = {
  id: "tandemBackground",
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = colors.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

function configuration(series: DigestChartSeries): ChartConfiguration<"bar" | "line"> {
  const labels = series.points.map((p) => p.label);
  const peopleMax = Math.max(0, ...series.points.map((p) => Math.max(p.activePairs, p.enrolled)));
  const sessionsMax = Math.max(0, ...series.points.map((p) => p.sessions));
  const axisTitle = (text: string) => ({ display: true, text, font: { size: 14 }, color: colors.muted });
  return {
    type: "bar",
    data: {
      labels,
      datasets: [
        {
          type: "line",
          label: "People enrolled",
          data: series.points.map((p) => p.enrolled),
          borderColor: colors.enrolled,
          backgroundColor: colors.enrolled,
          borderWidth: 2.5,
          pointRadius: 3.5,
          yAxisID: "people",
          order: 0,
        },
        {
          type: "line",
          label: "Active pairs (at week end)",
          data: series.points.map((p) => p.activePairs),
          borderColor: colors.pairs,
          backgroundColor: colors.pairs,
          borderWidth: 2.5,
          pointRadius: 3.5,
          yAxisID: "people",
          order: 0,
        },
        {
          type: "bar",
          label: "Sessions held",
          data: series.points.map((p) => p.sessions),
          backgroundColor: colors.sessionsFill,
          borderColor: colors.sessionsLine,
          borderWidth: 1,
          maxBarThickness: 56,
          yAxisID: "sessions",
          order: 1,
        },
      ],
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      locale: "en-GB",
      events: [],
      layout: { padding: { top: 12, right: 20, bottom: 12, left: 20 } },
      plugins: {
        title: {
          display: true,
          text: series.title,
          font: { size: 20, weight: 600 },
          color: colors.text,
          padding: { bottom: 16 },
        },
        legend: {
          position: "bottom",
          labels: { font: { size: 14 }, color: colors.text, boxWidth: 18, padding: 18 },
        },
        tooltip: { enabled: false },
      },
      scales: {
        x: {
          title: axisTitle("Week starting"),
          ticks: { font: { size: 13 }, maxRotation: 0, autoSkip: true },
          grid: { display: false },
        },
        people: {
          type: "linear",
          position: "left",
          beginAtZero: true,
          // Small or empty series still get a readable scale (0 to 5 at least), not a lone 0 or 1.
          suggestedMax: Math.max(5, Math.ceil(peopleMax * 1.1)),
          title: axisTitle("People and pairs"),
          ticks: { precision: 0, font: { size: 13 } },
          grid: { color: colors.grid },
        },
        sessions: {
          type: "linear",
          position: "right",
          beginAtZero: true,
          suggestedMax: Math.max(5, Math.ceil(sessionsMax * 1.1)),
          title: axisTitle("Sessions held"),
          ticks: { precision: 0, font: { size: 13 } },
          grid: { drawOnChartArea: false },
        },
      },
    },
    plugins: [background],
  };
}

/**
 * The chart as PNG bytes, DIGEST_CHART_WIDTH × DIGEST_CHART_HEIGHT pixels. Deterministic: the
 * same series gives the same bytes (no animation, no clock, the bundled font).
 */
export async function renderDigestChart(series: DigestChartSeries): Promise<Uint8Array> {
  prepare();
  const canvas = createCanvas(DIGEST_CHART_WIDTH, DIGEST_CHART_HEIGHT);
  // Chart.js draws through the standard 2D context API, which Skia's context implements.
  const context = canvas.getContext("2d") as unknown as ConstructorParameters<typeof Chart>[0];
  const chart = new Chart(context, configuration(series));
  try {
    const png = await canvas.encode("png");
    return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
  } finally {
    chart.destroy();
  }
}
