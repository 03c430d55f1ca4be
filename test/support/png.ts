/**
 * A small PNG reader for tests: checks the signature and every chunk's CRC, and decodes 8-bit RGBA images (all five
 * row filters) into pixels, so tests can say what an icon looks like.
 */
import { inflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** RGBA, row by row; only for 8-bit RGBA images. */
  pixels: Uint8Array | undefined;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function unfilter(data: Buffer, width: number, height: number, bytesPerPixel: number): Uint8Array {
  const stride = width * bytesPerPixel;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const raw = data[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= bytesPerPixel ? (out[y * stride + x - bytesPerPixel] ?? 0) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= bytesPerPixel ? (out[(y - 1) * stride + x - bytesPerPixel] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? 0];
      if (predictor === undefined) throw new Error(`unknown PNG row filter ${filter}`);
      out[y * stride + x] = (raw + predictor) & 0xff;
    }
  }
  return out;
}

export function readPng(file: Buffer): Png {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG: wrong signature");
  let offset = 8;
  let header: Png | undefined;
  const data: Buffer[] = [];
  let ended = false;
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString("ascii", offset + 4, offset + 8);
    const body = file.subarray(offset + 4, offset + 8 + length);
    if (crc32(body) !== file.readUInt32BE(offset + 8 + length)) throw new Error(`bad CRC in ${type}`);
    const content = body.subarray(4);
    if (type === "IHDR") {
      header = {
        width: content.readUInt32BE(0),
        height: content.readUInt32BE(4),
        bitDepth: content[8] ?? 0,
        colorType: content[9] ?? 0,
        pixels: undefined,
      };
    } else if (type === "IDAT") data.push(content);
    else if (type === "IEND") ended = true;
    offset += 12 + length;
  }
  if (!header || !ended || data.length === 0) throw new Error("not a complete PNG");
  if (header.bitDepth === 8 && header.colorType === 6)
    header.pixels = unfilter(inflateSync(Buffer.concat(data)), header.width, header.height, 4);
  return header;
}
