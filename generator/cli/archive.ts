/**
 * A digest of a chart archive's contents that ignores the order of its entries. Helm writes an
 * umbrella's subcharts in map-iteration order, so two packagings of the same umbrella differ in entry
 * order only; this digest is equal for both, and changes with any name, mode, size, time or byte.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface Entry {
  readonly name: string;
  readonly mode: string;
  readonly size: number;
  readonly mtime: string;
  readonly sha256: string;
}

const field = (block: Buffer, start: number, length: number) => block.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '').trim();

/** The entries of a .tgz (ustar, as Helm writes it), in archive order. */
export function entries(tgz: string): Entry[] {
  const tar = gunzipSync(readFileSync(tgz));
  const out: Entry[] = [];
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const prefix = field(header, 345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(header, 0, 100);
    const size = parseInt(field(header, 124, 12) || '0', 8);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    out.push({ name, mode: field(header, 100, 8), size, mtime: field(header, 136, 12), sha256: createHash('sha256').update(body).digest('hex') });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

export function contentDigest(tgz: string): string {
  const lines = entries(tgz)
    .map((e) => `${e.name}\t${e.mode}\t${e.size}\t${e.mtime}\t${e.sha256}`)
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
