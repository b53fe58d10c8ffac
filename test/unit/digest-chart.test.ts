// The weekly digest's chart: a real PNG of the promised size, with something drawn on it, for a
// typical quarter, an empty one (all zeros) and a single week; the same series gives the same
// bytes. The PNG is decoded here with node:zlib, independently of the library that drew it.
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  DIGEST_CHART_HEIGHT,
  DIGEST_CHART_WIDTH,
  type DigestChartPoint,
  renderDigestChart,
} from "../../src/charts/digest-chart.ts";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface Decoded {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  pixels: Uint8Array;
}

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what the renderer writes). */
function decodePng(bytes: Uint8Array): Decoded {
  const buf = Buffer.from(bytes);
  expect([...buf.subarray(0, 8)]).toEqual(SIGNATURE);
  let offset = 8;
  let header:
    | { width: number; height: number; depth: number; colorType: number; interlace: number }
    | undefined;
  const data: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString("latin1", offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8] as number,
        colorType: body[9] as number,
        interlace: body[12] as number,
      };
    } else if (type === "IDAT") data.push(body);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  if (!header) throw new Error("no IHDR chunk");
  expect(header.depth).toBe(8);
  expect(header.interlace).toBe(0);
  expect([2, 6]).toContain(header.colorType);
  const channels = header.colorType === 6 ? 4 : 3;
  const { width, height } = header;
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  expect(raw.length).toBe(height * (stride + 1));
  const out = new Uint8Array(width * height * 4);
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = new Uint8Array(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? (line[i - channels] as number) : 0;
      const up = previous[i] as number;
      const upLeft = i >= channels ? (previous[i - channels] as number) : 0;
      let add = 0;
      if (filter === 1) add = left;
      else if (filter === 2) add = up;
      else if (filter === 3) add = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      line[i] = ((line[i] as number) + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 4; c++) {
        out[(y * width + x) * 4 + c] = c < channels ? (line[x * channels + c] as number) : 255;
      }
    }
    previous = line;
  }
  return { width, height, pixels: out };
}

/** Pixels that aren't the white background, and whether some are close to a colour. */
function inspect(png: Decoded) {
  let drawn = 0;
  let transparent = 0;
  const near = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [
      number,
      number,
      number,
    ];
    let n = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      const d =
        Math.abs((png.pixels[i] as number) - r) +
        Math.abs((png.pixels[i + 1] as number) - g) +
        Math.abs((png.pixels[i + 2] as number) - b);
      if (d < 24) n++;
    }
    return n;
  };
  for (let i = 0; i < png.pixels.length; i += 4) {
    if ((png.pixels[i + 3] as number) < 255) transparent++;
    if (png.pixels[i] !== 255 || png.pixels[i + 1] !== 255 || png.pixels[i + 2] !== 255) drawn++;
  }
  return { drawn, transparent, near };
}

const WEEKS = [
  "25 Aug",
  "1 Sep",
  "8 Sep",
  "15 Sep",
  "22 Sep",
  "29 Sep",
  "6 Oct",
  "13 Oct",
  "20 Oct",
  "27 Oct",
  "3 Nov",
  "10 Nov",
];
const typical: DigestChartPoint[] = WEEKS.map((label, i) => ({
  label,
  activePairs: 10 + i,
  enrolled: 30 + 2 * i,
  sessions: [4, 6, 3, 8, 9, 7, 10, 12, 9, 11, 14, 13][i] as number,
}));
const title = "All programs: the last 12 weeks";

describe("digest chart", () => {
  it("draws a typical quarter: both lines, the bars, on an opaque white background", async () => {
    const bytes = await renderDigestChart({ title, points: typical });
    const png = decodePng(bytes);
    expect([png.width, png.height]).toEqual([DIGEST_CHART_WIDTH, DIGEST_CHART_HEIGHT]);
    const seen = inspect(png);
    expect(seen.transparent).toBe(0);
    // Text, axes, lines and bars: a good share of the picture, but far from all of it.
    expect(seen.drawn).toBeGreaterThan(png.width * png.height * 0.05);
    expect(seen.drawn).toBeLessThan(png.width * png.height * 0.6);
    expect(seen.near("#2563eb"), "the people enrolled line (blue)").toBeGreaterThan(500);
    expect(seen.near("#16a34a"), "the active pairs line (green)").toBeGreaterThan(500);
    expect(seen.near("#fac97c"), "the sessions bars (amber on white)").toBeGreaterThan(5000);
  });

  it("draws an empty quarter (all zeros) with its axes, legend and title", async () => {
    const points = WEEKS.map((label) => ({ label, activePairs: 0, enrolled: 0, sessions: 0 }));
    const png = decodePng(await renderDigestChart({ title, points }));
    expect([png.width, png.height]).toEqual([DIGEST_CHART_WIDTH, DIGEST_CHART_HEIGHT]);
    const seen = inspect(png);
    expect(seen.drawn).toBeGreaterThan(2000);
    expect(seen.near("#fac97c"), "no bars: only the legend's swatch").toBeLessThan(1000);
  });

  it("draws a single week", async () => {
    const points = [{ label: "10 Nov", activePairs: 2, enrolled: 5, sessions: 1 }];
    const png = decodePng(await renderDigestChart({ title, points }));
    expect([png.width, png.height]).toEqual([DIGEST_CHART_WIDTH, DIGEST_CHART_HEIGHT]);
    const seen = inspect(png);
    expect(seen.drawn).toBeGreaterThan(2000);
    expect(seen.near("#fac97c"), "one bar").toBeGreaterThan(1000);
  });

  it("gives the same bytes for the same series", async () => {
    const a = await renderDigestChart({ title, points: typical });
    const b = await renderDigestChart({ title, points: typical });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
