/**
 * Draws the two Teams app icons (a shield with an exclamation mark) and writes them to
 * `manifest/icons/`. The PNGs are committed; run this again only to change the design:
 *
 *   npx ts-node --transpile-only scripts/generate-icons.ts
 *
 * - color.png: 192×192, white shield with a red exclamation mark on a solid red background.
 * - outline.png: 32×32, white shield outline and exclamation mark on a fully transparent
 *   background (Teams requires the outline icon to be white on transparent; edge pixels are
 *   white with partial alpha, never another colour).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

/** The app's accent colour; the manifest's `accentColor` uses the same value. */
export const ACCENT_COLOR = '#A4262C';

export const ICON_DIR = path.resolve(__dirname, '..', 'manifest', 'icons');

type Rgb = readonly [number, number, number];
/** A shape in normalised coordinates: x and y run from -1 (left/top) to 1 (right/bottom). */
type Shape = (x: number, y: number) => boolean;

const SHIELD_TOP = -0.78;
const SHIELD_SHOULDER = 0.05;
const SHIELD_TIP = 0.9;
const SHIELD_HALF_WIDTH = 0.7;

/** A shield: flat top with rounded corners, straight sides, tapering to a point at the bottom. */
function shield(x: number, y: number, scale = 1): boolean {
  // Centre the shield (which spans SHIELD_TOP..SHIELD_TIP) on the image.
  const centreY = (SHIELD_TOP + SHIELD_TIP) / 2;
  const u = x / scale;
  const v = y / scale + centreY;
  if (v < SHIELD_TOP || v > SHIELD_TIP) return false;
  let halfWidth = SHIELD_HALF_WIDTH;
  if (v > SHIELD_SHOULDER) {
    const t = (v - SHIELD_SHOULDER) / (SHIELD_TIP - SHIELD_SHOULDER);
    halfWidth = SHIELD_HALF_WIDTH * Math.cos((t * Math.PI) / 2);
  }
  const corner = 0.14;
  const cornerY = SHIELD_TOP + corner;
  if (v < cornerY && Math.abs(u) > SHIELD_HALF_WIDTH - corner) {
    const dx = Math.abs(u) - (SHIELD_HALF_WIDTH - corner);
    const dy = cornerY - v;
    return dx * dx + dy * dy <= corner * corner;
  }
  return Math.abs(u) <= halfWidth;
}

/** An exclamation mark centred on the shield: a capsule-shaped bar above a round dot. */
function exclamation(x: number, y: number, scale = 1): boolean {
  const u = x / scale;
  const v = y / scale;
  const radius = 0.1;
  const nearestBarY = Math.min(Math.max(v, -0.42), 0.1);
  const inBar = u * u + (v - nearestBarY) ** 2 <= radius * radius;
  const inDot = u * u + (v - 0.38) ** 2 <= 0.115 ** 2;
  return inBar || inDot;
}

/** Fraction of a pixel covered by a shape, by supersampling it on a grid. */
function coverage(shape: Shape, px: number, py: number, size: number, samples = 6): number {
  let hits = 0;
  for (let sy = 0; sy < samples; sy += 1) {
    for (let sx = 0; sx < samples; sx += 1) {
      const x = ((px + (sx + 0.5) / samples) / size) * 2 - 1;
      const y = ((py + (sy + 0.5) / samples) / size) * 2 - 1;
      if (shape(x, y)) hits += 1;
    }
  }
  return hits / (samples * samples);
}

function hexToRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function mix(a: Rgb, b: Rgb, amount: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i]! * (1 - amount) + b[i]! * amount)) as unknown as Rgb;
}

export function drawColorIcon(size = 192): PNG {
  const png = new PNG({ width: size, height: size });
  const background = hexToRgb(ACCENT_COLOR);
  const white: Rgb = [255, 255, 255];
  const shieldShape: Shape = (x, y) => shield(x, y, 0.86);
  const markShape: Shape = (x, y) => exclamation(x, y, 0.86);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const shieldCover = coverage(shieldShape, px, py, size);
      const markCover = coverage(markShape, px, py, size);
      let colour = mix(background, white, shieldCover);
      colour = mix(colour, background, markCover);
      const offset = (py * size + px) * 4;
      png.data[offset] = colour[0];
      png.data[offset + 1] = colour[1];
      png.data[offset + 2] = colour[2];
      png.data[offset + 3] = 255;
    }
  }
  return png;
}

export function drawOutlineIcon(size = 32): PNG {
  const png = new PNG({ width: size, height: size });
  // A ring: inside the shield but outside a smaller copy of it, plus the exclamation mark.
  const outlineShape: Shape = (x, y) => (shield(x, y, 0.94) && !shield(x, y, 0.7)) || exclamation(x, y, 0.62);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const alpha = Math.round(coverage(outlineShape, px, py, size, 8) * 255);
      const offset = (py * size + px) * 4;
      // Fully transparent pixels are stored as 0,0,0,0; every visible pixel is pure white.
      const channel = alpha === 0 ? 0 : 255;
      png.data[offset] = channel;
      png.data[offset + 1] = channel;
      png.data[offset + 2] = channel;
      png.data[offset + 3] = alpha;
    }
  }
  return png;
}

function main(): void {
  fs.mkdirSync(ICON_DIR, { recursive: true });
  const files: [string, PNG][] = [
    ['color.png', drawColorIcon()],
    ['outline.png', drawOutlineIcon()],
  ];
  for (const [name, png] of files) {
    const target = path.join(ICON_DIR, name);
    fs.writeFileSync(target, PNG.sync.write(png, { colorType: 6 }));
    console.log(`wrote ${path.relative(process.cwd(), target)} (${png.width}×${png.height})`);
  }
}

if (require.main === module) main();
