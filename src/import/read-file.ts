/** Reads an import file as text or line by line, through gunzip for `.gz` files. */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip, gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { importFileKind } from './discover.ts';

const gunzipAsync = promisify(gunzip);

function isGzip(path: string): boolean {
  return importFileKind(path)?.gzip ?? false;
}

/** A byte stream of the file's (decompressed) content. */
export function openContent(path: string): Readable {
  const raw = createReadStream(path);
  if (!isGzip(path)) return raw;
  const gz = createGunzip();
  raw.on('error', (err) => gz.destroy(err));
  return raw.pipe(gz);
}

/** The whole (decompressed) file as UTF-8 text: one JSON Bundle is needed whole to be sent. */
export async function readText(path: string): Promise<string> {
  const bytes = await readFile(path);
  return (isGzip(path) ? await gunzipAsync(bytes) : bytes).toString('utf8');
}

/** The file's lines, one at a time, with their 1-based numbers. */
export async function* readLines(path: string): AsyncGenerator<{ line: string; number: number }> {
  const rl = createInterface({ input: openContent(path), crlfDelay: Infinity });
  let number = 0;
  for await (const line of rl) {
    number++;
    yield { line, number };
  }
}
