// Draws the Teams app icons into teams/: color.png (192×192, a white shield with a check on the accent colour) and
// outline.png (32×32, the same shield drawn in white on a transparent background, as Teams requires). Run with
// `node scripts/teams-icons.mjs` after changing the shapes or the colour; the PNGs are committed.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const ACCENT = [0x1f, 0x5c, 0x99]; // keep equal to accentColor in teams/manifest.template.json
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** An 8-bit RGBA PNG from a function giving [r, g, b, a] for each pixel. */
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// Shapes in unit coordinates (0..1 across the icon), tested per sample point.
/** Half the shield's width at height y, or -1 outside it: straight sides, then a curve down to the point. */
function shieldHalfWidth(y, top, shoulder, bottom, half) {
  if (y < top || y > bottom) return -1;
  if (y <= shoulder) return half;
  const t = (y - shoulder) / (bottom - shoulder);
  return half * Math.sqrt(1 - t * t);
}
const inShield = (x, y, inset = 0) =>
  Math.abs(x - 0.5) <= shieldHalfWidth(y, 0.16 + inset, 0.5, 0.88 - inset * 1.6, 0.3 - inset) - 0;
function nearSegment(x, y, [ax, ay], [bx, by], width) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= width / 2;
}
const CHECK = [
  [0.385, 0.5],
  [0.47, 0.59],
  [0.63, 0.4],
];
const inCheck = (x, y, width) =>
  nearSegment(x, y, CHECK[0], CHECK[1], width) || nearSegment(x, y, CHECK[1], CHECK[2], width);

/** Coverage of a pixel by a shape, from 4×4 samples: smooth edges without a drawing library. */
function coverage(size, px, py, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) if (inside((px + (i + 0.5) / 4) / size, (py + (j + 0.5) / 4) / size)) hits++;
  return hits / 16;
}
const mix = (a, b, t) => a.map((channel, i) => Math.round(channel * (1 - t) + b[i] * t));

const color = png(192, (x, y) => {
  const shield = coverage(192, x, y, (u, v) => inShield(u, v) && !inCheck(u, v, 0.075));
  return [...mix(ACCENT, WHITE, shield), 255];
});
// The outline icon: white only, its shape carried by transparency.
const outline = png(32, (x, y) => {
  const ring = coverage(32, x, y, (u, v) => (inShield(u, v) && !inShield(u, v, 0.07)) || inCheck(u, v, 0.09));
  return [...WHITE, Math.round(ring * 255)];
});
writeFileSync(new URL("../teams/color.png", import.meta.url), color);
writeFileSync(new URL("../teams/outline.png", import.meta.url), outline);
