#!/usr/bin/env node
// Shrinks screenshots for the README: a PNG becomes an 8-bit palette PNG (at most 256 colours,
// chosen by median cut, like pngquant without dithering), compressed at zlib's best level with a
// filter chosen per row. UI screenshots keep their look (flat theme colours; text keeps its
// anti-aliasing in the palette) at a third of the size. Node only, no dependency.
//
//   node scripts/shrink-png.mjs FILE.png… [--max-kb 150]
//
// Each file is rewritten in place when the result is smaller; the sizes are printed. Exit 1 when
// a file stays above --max-kb.

import fs from 'node:fs';
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** CRC-32 of PNG chunks (zlib.crc32 exists from Node 20.15 / 22.2 only). */
const crc32 = zlib.crc32 ?? ((data) => {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
});

/** Decodes an 8-bit RGB or RGBA, non-interlaced PNG into RGBA pixels. */
function decode(buf) {
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let pos = 8;
  let width = 0, height = 0, colorType = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      colorType = data[9];
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || data[12] !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType}, interlace ${data[12]})`);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const channels = colorType === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      out[(y * width + x) * 4] = line[x * channels];
      out[(y * width + x) * 4 + 1] = line[x * channels + 1];
      out[(y * width + x) * 4 + 2] = line[x * channels + 2];
      out[(y * width + x) * 4 + 3] = channels === 4 ? line[x * channels + 3] : 255;
    }
    prev = line;
  }
  return { width, height, rgba: out };
}

/** At most 256 colours for the pixels (median cut over the distinct colours, weighted by count). */
function palette(rgba) {
  const counts = new Map();
  for (let i = 0; i < rgba.length; i += 4) {
    const key = (rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const colors = [...counts].map(([k, n]) => [(k >> 16) & 255, (k >> 8) & 255, k & 255, n]);
  if (colors.length <= 256) return colors.map((c) => c.slice(0, 3));
  let boxes = [colors];
  while (boxes.length < 256) {
    // Split the box with the widest channel range times its pixel count.
    let best = -1, bestScore = -1, bestChannel = 0;
    boxes.forEach((box, k) => {
      if (box.length < 2) return;
      for (let ch = 0; ch < 3; ch++) {
        let lo = 255, hi = 0, n = 0;
        for (const c of box) { lo = Math.min(lo, c[ch]); hi = Math.max(hi, c[ch]); n += c[3]; }
        const score = (hi - lo) * Math.sqrt(n);
        if (score > bestScore) { bestScore = score; best = k; bestChannel = ch; }
      }
    });
    if (best === -1) break;
    const box = boxes[best].sort((a, b) => a[bestChannel] - b[bestChannel]);
    const total = box.reduce((s, c) => s + c[3], 0);
    let acc = 0, cut = 1;
    for (let i = 0; i < box.length - 1; i++) {
      acc += box[i][3];
      if (acc >= total / 2) { cut = i + 1; break; }
    }
    boxes = [...boxes.slice(0, best), box.slice(0, cut), box.slice(cut), ...boxes.slice(best + 1)];
  }
  return boxes.map((box) => {
    const n = box.reduce((s, c) => s + c[3], 0);
    return [0, 1, 2].map((ch) => Math.round(box.reduce((s, c) => s + c[ch] * c[3], 0) / n));
  });
}

/** Encodes indexed pixels as a palette PNG, each row with the filter that compresses it best. */
function encode(width, height, pal, index) {
  const rows = [];
  let prev = Buffer.alloc(width);
  for (let y = 0; y < height; y++) {
    const line = index.subarray(y * width, (y + 1) * width);
    let bestRow, bestCost = Infinity;
    for (const f of [0, 1, 2]) {
      const row = Buffer.alloc(width + 1);
      row[0] = f;
      let cost = 0;
      for (let x = 0; x < width; x++) {
        const v = f === 0 ? line[x] : f === 1 ? (line[x] - (x ? line[x - 1] : 0)) & 255 : (line[x] - prev[x]) & 255;
        row[x + 1] = v;
        cost += v < 128 ? v : 256 - v;
      }
      if (cost < bestCost) { bestCost = cost; bestRow = row; }
    }
    rows.push(bestRow);
    prev = line;
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 3;
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(pal.flat())),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function shrink(file) {
  const before = fs.readFileSync(file);
  const { width, height, rgba } = decode(before);
  const pal = palette(rgba);
  const cache = new Map();
  const index = Buffer.alloc(width * height);
  for (let p = 0; p < width * height; p++) {
    const r = rgba[p * 4], g = rgba[p * 4 + 1], b = rgba[p * 4 + 2];
    const key = (r << 16) | (g << 8) | b;
    let k = cache.get(key);
    if (k === undefined) {
      let best = Infinity;
      pal.forEach((c, i) => {
        const d = (c[0] - r) ** 2 * 3 + (c[1] - g) ** 2 * 4 + (c[2] - b) ** 2 * 2;
        if (d < best) { best = d; k = i; }
      });
      cache.set(key, k);
    }
    index[p] = k;
  }
  const after = encode(width, height, pal, index);
  if (after.length < before.length) fs.writeFileSync(file, after);
  return { before: before.length, after: Math.min(after.length, before.length) };
}

const args = process.argv.slice(2);
const maxKb = args.includes('--max-kb') ? Number(args[args.indexOf('--max-kb') + 1]) : 150;
const files = args.filter((a, i) => a.endsWith('.png') && args[i - 1] !== '--max-kb');
let over = 0;
for (const f of files) {
  const { before, after } = shrink(f);
  const big = after > maxKb * 1024;
  if (big) over++;
  console.log(`${f}: ${(before / 1024).toFixed(0)} KB → ${(after / 1024).toFixed(0)} KB${big ? ` (over ${maxKb} KB)` : ''}`);
}
process.exitCode = over ? 1 : 0;
