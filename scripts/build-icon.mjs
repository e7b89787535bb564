// Draws images/icon.png (128×128, the Marketplace and Extensions view icon): an open book with
// lines of text and a bookmark on a teal tile, the same motif as the activity-bar icon
// (images/glossaire-activity.svg). Pure Node (a tiny anti-aliased polygon rasteriser and a PNG
// encoder) so it needs no image tool. Run it after changing the drawing and commit the PNG:
//   node scripts/build-icon.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SUB = 4; // 4×4 samples per pixel
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'images', 'icon.png');

// ---- Geometry (in a 24-unit design grid, scaled to the icon) -------------------------------
const S = SIZE / 24;

/** Samples a cubic Bézier from p0 to p3 into points (p0 excluded). */
function cubic(p0, p1, p2, p3, n = 16) {
  const pts = [];
  for (let i = 1; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    pts.push([
      u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
      u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
    ]);
  }
  return pts;
}

const scale = (pts) => pts.map(([x, y]) => [x * S, y * S]);

/** A page of the open book: spine at x=12, outer edge at `outer`, curved top and bottom. */
function page(outer) {
  const dir = Math.sign(outer - 12);
  const top = [[12, 7.2], ...cubic([12, 7.2], [12 + dir * 2.4, 5.6], [12 + dir * 5.6, 5.1], [outer, 5.6])];
  const bottom = cubic([outer, 18.2], [12 + dir * 5.6, 17.7], [12 + dir * 2.4, 18.2], [12, 19.6]);
  return scale([...top, [outer, 18.2], ...bottom]);
}

const rect = (x, y, w, h) => scale([[x, y], [x + w, y], [x + w, y + h], [x, y + h]]);

// ---- Painting ------------------------------------------------------------------------------
/** Even-odd point-in-polygon. */
function inside(pts, x, y) {
  let c = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

/** Inside a rounded square covering the whole icon (corner radius r). */
function inTile(x, y, r = 22) {
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

const TOP = hex('#1d7a8c');
const BOTTOM = hex('#12445e');
const PAGE = hex('#fbfaf5');
const SHADE = hex('#dfe9ee');
const INK = hex('#4d8ba3');
const RIBBON = hex('#f2a541');

const shapes = [
  { pts: scale([[12, 7.2], [12, 19.6], [12.5, 19.6], [12.5, 7.2]]), color: SHADE },
  { pts: page(3), color: PAGE },
  { pts: page(21), color: PAGE },
  { pts: scale([[11.7, 7.3], [12.3, 7.3], [12.3, 19.5], [11.7, 19.5]]), color: SHADE },
  ...[8.6, 10.6, 12.6, 14.6].map((y, i) => ({ pts: rect(5, y, i === 3 ? 3.6 : 5.2, 0.75), color: INK })),
  ...[12.6, 14.6].map((y, i) => ({ pts: rect(13.9, y, i === 1 ? 3.2 : 5, 0.75), color: INK })),
  { pts: scale([[15.4, 5.4], [18.2, 5.2], [18.2, 11.4], [16.8, 10.2], [15.4, 11.4]]), color: RIBBON },
];

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let acc = [0, 0, 0];
    let alpha = 0;
    for (let sy = 0; sy < SUB; sy++) {
      for (let sx = 0; sx < SUB; sx++) {
        const x = px + (sx + 0.5) / SUB;
        const y = py + (sy + 0.5) / SUB;
        if (!inTile(x, y)) continue;
        let c = mix(TOP, BOTTOM, y / SIZE);
        for (const s of shapes) if (inside(s.pts, x, y)) c = s.color;
        acc = acc.map((v, i) => v + c[i]);
        alpha++;
      }
    }
    const o = (py * SIZE + px) * 4;
    if (alpha > 0) {
      for (let i = 0; i < 3; i++) rgba[o + i] = Math.round(acc[i] / alpha);
      rgba[o + 3] = Math.round((255 * alpha) / (SUB * SUB));
    }
  }
}

// ---- PNG encoding --------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`icon: wrote ${out} (${SIZE}×${SIZE}, ${png.length} bytes)`);
