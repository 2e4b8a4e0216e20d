/**
 * Draws the two Microsoft Teams app icons and writes them next to manifest.json:
 *   color.png   192×192, a white speech bubble with a teal medical cross on a full-bleed teal background
 *   outline.png  32×32,  the same bubble and cross in white on a transparent background
 *
 * Run with `npx tsx teams/generateIcons.ts`. The PNGs are committed, so this only needs
 * re-running when the artwork changes (a clinic may also replace them with its own logo).
 *
 * Shapes are signed distance functions (negative inside). Each pixel is sampled on an
 * N×N grid and the samples are averaged, which gives anti-aliased edges without a
 * rasteriser dependency.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];
/** Signed distance from a point to a shape: negative inside, positive outside, in pixels. */
type Shape = (x: number, y: number) => number;
/** One paint step: where the shape covers a sample, the sample takes this (opaque) colour. */
interface Layer {
  readonly shape: Shape;
  readonly color: Rgb;
}

/** The clinic teal used across the web chat and the manifest's accentColor. */
export const TEAL: Rgb = [0x0f, 0x76, 0x6e];
const WHITE: Rgb = [255, 255, 255];
const SUPERSAMPLING = 8;
const SAMPLES = SUPERSAMPLING * SUPERSAMPLING;

function roundedBox(cx: number, cy: number, halfWidth: number, halfHeight: number, radius: number): Shape {
  return (x, y) => {
    const qx = Math.abs(x - cx) - (halfWidth - radius);
    const qy = Math.abs(y - cy) - (halfHeight - radius);
    const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
    return outside + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

/** Exact distance to a closed polygon (Inigo Quilez's formulation), used for the bubble's tail. */
function polygon(points: ReadonlyArray<readonly [number, number]>): Shape {
  return (x, y) => {
    let nearest = Infinity;
    let sign = 1;
    for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      const ex = xj - xi;
      const ey = yj - yi;
      const wx = x - xi;
      const wy = y - yi;
      const t = Math.min(Math.max((wx * ex + wy * ey) / (ex * ex + ey * ey), 0), 1);
      nearest = Math.min(nearest, Math.hypot(wx - ex * t, wy - ey * t));
      const above = y >= yi;
      const below = y < yj;
      const left = ex * wy > ey * wx;
      if ((above && below && left) || (!above && !below && !left)) sign = -sign;
    }
    return sign * nearest;
  };
}

/** Union with a rounded fillet of size k, so the tail flows into the bubble instead of meeting it at a sharp notch. */
function smoothUnion(a: Shape, b: Shape, k: number): Shape {
  return (x, y) => {
    const da = a(x, y);
    const db = b(x, y);
    const h = Math.min(Math.max(0.5 + (0.5 * (db - da)) / k, 0), 1);
    return db * (1 - h) + da * h - k * h * (1 - h);
  };
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => Math.min(...shapes.map((shape) => shape(x, y)));
}

/** A line of the given width running along the shape's edge. */
function stroke(shape: Shape, width: number): Shape {
  return (x, y) => Math.abs(shape(x, y)) - width / 2;
}

/** A plus sign with slightly rounded ends, centred on (cx, cy). */
function medicalCross(cx: number, cy: number, armLength: number, thickness: number, radius: number): Shape {
  return union(
    roundedBox(cx, cy, armLength / 2, thickness / 2, radius),
    roundedBox(cx, cy, thickness / 2, armLength / 2, radius),
  );
}

/** A rounded speech bubble whose tail points down and to the left. */
function speechBubble(
  box: { cx: number; cy: number; halfWidth: number; halfHeight: number; radius: number },
  tail: ReadonlyArray<readonly [number, number]>,
  fillet: number,
): Shape {
  return smoothUnion(roundedBox(box.cx, box.cy, box.halfWidth, box.halfHeight, box.radius), polygon(tail), fillet);
}

/** Paints the layers in order over an optional background, averaging SUPERSAMPLING² samples per pixel. */
export function render(size: number, layers: readonly Layer[], background?: Rgb): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      // Sum only the covered samples' colours, so transparent samples do not darken edges.
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLING; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLING; sx += 1) {
          const x = px + (sx + 0.5) / SUPERSAMPLING;
          const y = py + (sy + 0.5) / SUPERSAMPLING;
          // Later layers paint over earlier ones; a sample no layer covers is transparent.
          let color: Rgb | undefined = background;
          for (const layer of layers) {
            if (layer.shape(x, y) <= 0) color = layer.color;
          }
          if (color === undefined) continue;
          r += color[0];
          g += color[1];
          b += color[2];
          covered += 1;
        }
      }
      // Colour is the average of covered samples, alpha the covered fraction. Empty pixels are
      // stored as transparent white, so scaling in Teams never blends a dark colour into edges.
      const offset = (py * size + px) * 4;
      png.data[offset] = covered === 0 ? 255 : Math.round(r / covered);
      png.data[offset + 1] = covered === 0 ? 255 : Math.round(g / covered);
      png.data[offset + 2] = covered === 0 ? 255 : Math.round(b / covered);
      png.data[offset + 3] = Math.round((covered / SAMPLES) * 255);
    }
  }
  return png;
}

/** 192×192: Teams shows this on a tile, so the artwork keeps well inside the edges. */
export function renderColorIcon(): PNG {
  const bubble = speechBubble(
    { cx: 96, cy: 88, halfWidth: 60, halfHeight: 46, radius: 26 },
    [
      [54, 118],
      [92, 118],
      [50, 156],
    ],
    12,
  );
  return render(192, [
    { shape: bubble, color: WHITE },
    { shape: medicalCross(96, 88, 54, 18, 4), color: TEAL },
  ], TEAL);
}

/**
 * 32×32: Teams tints this white-on-transparent icon itself, so every visible pixel is pure
 * white and only the alpha varies. Strokes sit on whole pixels where possible to stay crisp.
 */
export function renderOutlineIcon(): PNG {
  const bubble = speechBubble(
    { cx: 16, cy: 14, halfWidth: 12, halfHeight: 9, radius: 5 },
    [
      [8, 21],
      [15, 21],
      [7, 27.5],
    ],
    2,
  );
  return render(32, [
    { shape: stroke(bubble, 2), color: WHITE },
    { shape: medicalCross(16, 14, 10, 4, 0.75), color: WHITE },
  ]);
}

function main(): void {
  const folder = __dirname;
  for (const [file, png] of [
    ['color.png', renderColorIcon()],
    ['outline.png', renderOutlineIcon()],
  ] as const) {
    writeFileSync(join(folder, file), PNG.sync.write(png));
    console.log(`Wrote ${join(folder, file)} (${png.width}×${png.height})`);
  }
}

if (require.main === module) main();
